// sms-command-contract/mock: a mock of both API versions on one base URL, for Agent teams' tests —
// scripts, credentials checked as the gateway checks them, a journal and faults, over Prism's
// engine. Node only. Prism is an optional peer dependency: install it to use this module.
export { DEFAULT_HOST, DEFAULT_PORT, CLOSE_TIMEOUT_MS, MOCK_SPEC, startMock, type Mock, type MockOptions } from './mock/server.js';
export { MockStartError, PRISM_CHECKED, PRISM_INSTALL } from './mock/engine.js';
export { DEMO_CREDENTIALS, MAX_CLOCK_SKEW_MS, type MockAuth, type MockAuthOptions, type Scheme } from './mock/auth.js';
export { ScriptError, type Fault, type ScriptState, type ScriptStep, type Step } from './mock/scripts.js';
export { DEFAULT_JOURNAL_LIMIT, type JournalEntry } from './mock/journal.js';
export { GATEWAY_STATUSES, type Violation } from './mock/contract.js';
