// sms-command-contract/mock: a mock of both API versions (ShowCommand and UpdateCommandResult) on one
// base URL, for Agent teams' tests — scripts, credentials checked as the gateway checks them, a
// journal and faults, over Prism's engine. Node only. Prism is an optional peer dependency: install
// it to use this module.
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  CLOSE_TIMEOUT_MS,
  MOCK_SPEC,
  startMock,
  type Mock,
  type MockOptions,
} from './mock/http/server.js';
export { DEFAULT_WAIT_MS, type MockAdmin, type MockHealth, type WaitOptions } from './mock/admin/service.js';
export { PRISM_CHECKED, PRISM_INSTALL } from './mock/engine/prism.js';
export { type RecordOptions } from './mock/record/session.js';
export { type HarEntry, type HarLog } from './mock/journal/har.js';
export { RECORD_MAX_ANSWER_BYTES, RECORD_TIMEOUT_MS } from './mock/record/proxy.js';
export { RecordStartError, UPSTREAM_PROBE_MS } from './mock/record/upstream.js';
export { KEPT_HEADERS } from './mock/record/step.js';
export { MAX_SECRET_HITS, MIN_SECRET_LENGTH } from './mock/record/secrets.js';
export { MockStartError } from './errors/mock-start-error.js';
export { ScriptError } from './errors/script-error.js';
export { MAX_VIOLATIONS, type Violation } from './contract/violations.js';
export { SCENARIO_MAX_BYTES, SPEC_MAX_BYTES } from './mock/texts/files.js';
export { SCENARIO_MAX_PROBLEMS } from './mock/scripts/scenario.js';
export { YAML_MAX_ALIAS_NODES } from './mock/texts/yaml.js';
export { MAX_CONTROL_BODY, type ControlErrorBody, type MockRefusalBody } from './mock/admin/http-door.js';
export { type JournalListing } from './mock/admin/journal-view.js';
export { type ScriptsListing } from './mock/admin/listings.js';
export { REFUSED_BODY_LINGER_MS } from './mock/http/request-body.js';
export {
  DEFAULT_LOCKOUT,
  DEMO_CREDENTIALS,
  LOCKED,
  type Lockout,
  type MockAuth,
  type MockAuthOptions,
  type Scheme,
} from './mock/auth/verifier.js';
export { MAX_CLOCK_SKEW_MS, type SigningTrace } from './mock/auth/signature.js';
export {
  MAX_BODY_DEPTH,
  MAX_DELAY_MS,
  MAX_SCRIPT_BYTES,
  MAX_SCRIPT_PATHS,
  MAX_STEPS,
  REFUSED_HEADERS,
} from './mock/scripts/step-limits.js';
export {
  type Fault,
  type ScriptStep,
  type FaultStep,
  type ScriptsFor,
  type Step,
  type StepFor,
  type UncheckedStep,
  type Until,
} from './mock/scripts/step-types.js';
export { type ScriptState } from './mock/scripts/scripts.js';
export { DEFAULT_JOURNAL_LIMIT, MAX_JOURNAL_BYTES } from './mock/journal/journal.js';
export { JOURNAL_ENTRY_BYTES, type JournalEntry } from './mock/journal/entry.js';
export { MAX_JOURNAL_TEXT } from './mock/journal/kept-text.js';
export { MAX_PENDING_WAITS } from './mock/journal/waits.js';
export {
  FILTER_PARAMETERS,
  MAX_WAIT_MS,
  REPORT_RESULTS,
  VERDICTS,
  type JournalFilter,
  type ReportResult,
  type Verdict,
} from './mock/journal/filter.js';
export { JournalError, type JournalErrorDetail } from './errors/journal-error.js';
export { GATEWAY_STATUSES } from './mock/engine/contract.js';
export { MAX_SERVED_SERVERS } from './mock/service/served.js';
export { SMS_2009 } from './mock/service/report.js';
export { TextError } from './errors/text-error.js';
export { isJournalError, isMockStartError, isScriptError, isTextError } from './errors/guards.js';
