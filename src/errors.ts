// The errors this package throws or rejects with, gathered: one class a file under errors/, all on
// one base, SmsError, as ky lays out its errors, each with a `code` that says what kind it is:
//   SmsError             INVALID_INPUT, TIMEOUT, ABORTED, NETWORK, BAD_RESPONSE (the clients, verify;
//                        a `fetch` that throws becomes NETWORK, TIMEOUT or ABORTED)
//   SmsApiError          HTTP: a non-2xx answer           SmsRedirectError   REDIRECT: a 3xx answer
//   MockStartError       MOCK_START: startMock could not start the mock
//   ScriptError          SCRIPT: mock.script() (or a scenario) refused a step
//   TextError            PARSE: a scenario file or a control request's body that cannot be read
//   JournalError         INVALID_INPUT (a bad journal filter or wait), TIMEOUT (no request matched in
//                        time), ABORTED (the mock closed while waiting): the mock's journal; `status`
//                        is the control API's (400, 408, 429, 503)
// Not SmsErrors: what a function the caller passes in throws (an `onRetry` or `retryOn` of the
// poller, a waitForRequest predicate) reaches the caller as it was thrown.
export {
  badResponse,
  invalid,
  SMS_ERROR_BRAND,
  SmsError,
  type SmsErrorCause,
  type SmsErrorCode,
  type SmsErrorOptions,
} from './errors/sms-error.js';
export { SmsApiError, type SmsApiErrorFields, type SmsErrorDetail } from './errors/api-error.js';
export { SmsRedirectError } from './errors/redirect-error.js';
export { MockStartError } from './errors/mock-start-error.js';
export { ScriptError } from './errors/script-error.js';
export { describeViolation, type Violation } from './contract/violations.js';
export { TextError } from './errors/text-error.js';
export { JournalError, type JournalErrorDetail } from './errors/journal-error.js';
export {
  isMockStartError,
  isScriptError,
  isSmsApiError,
  isSmsError,
  isJournalError,
  isSmsRedirectError,
  isTextError,
} from './errors/guards.js';
