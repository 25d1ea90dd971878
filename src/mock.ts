// sms-command-contract/mock: a mock of both API versions on one base URL, for Agent teams' tests —
// scripts, credentials checked as the gateway checks them, a journal and faults, over Prism's
// engine. Node only. Prism is an optional peer dependency: install it to use this module.
export { DEFAULT_HOST, DEFAULT_PORT, CLOSE_TIMEOUT_MS, MOCK_SPEC, startMock, type Mock, type MockOptions } from './mock/server.js';
export { MockStartError, PRISM_CHECKED, PRISM_INSTALL, SCENARIO_MAX_BYTES, SPEC_MAX_BYTES, YAML_MAX_ALIAS_NODES } from './mock/engine.js';
export { MAX_CONTROL_BODY, REFUSED_BODY_LINGER_MS } from './mock/control.js';
export { DEFAULT_LOCKOUT, DEMO_CREDENTIALS, LOCKED, MAX_CLOCK_SKEW_MS, type Lockout, type MockAuth, type MockAuthOptions, type Scheme } from './mock/auth.js';
export { MAX_BODY_DEPTH, MAX_DELAY_MS, MAX_SCRIPT_BYTES, MAX_SCRIPT_PATHS, MAX_STEPS, REFUSED_HEADERS, ScriptError, type Fault, type ScriptState, type ScriptStep, type Step } from './mock/scripts.js';
export { DEFAULT_JOURNAL_LIMIT, type JournalEntry } from './mock/journal.js';
export { GATEWAY_STATUSES, type Violation } from './mock/contract.js';
