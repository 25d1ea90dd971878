// Every failure of this package is an SmsError, with a `code` that says what kind it is: one class a
// file under errors/, on one base, as ky lays out its errors. This file gathers them.
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
export { describeViolation, ScriptError, type Violation } from './errors/script-error.js';
export { TextError } from './errors/text-error.js';
export {
  isMockStartError,
  isScriptError,
  isSmsApiError,
  isSmsError,
  isSmsRedirectError,
  isTextError,
} from './errors/guards.js';
