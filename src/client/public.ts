// What every version module (v1.ts, v3.ts) exports alike: the options, the auth shapes, the poller's
// limits and the error family. Each version adds its own types, facts and functions.
export type { ReportAnswer } from './answer.js';
export type { AkSkAuth, SmsAuth, TokenAuth } from './auth.js';
export type { CallOptions, SmsClientOptions, SmsRegion } from './options.js';
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, SMS_REGIONS } from './options.js';
export { DEFAULT_POLL_INTERVAL_MS, isRetryable, MAX_POLL_WAIT_MS, type PollOptions, type RetryInfo } from './poll.js';
export { SmsApiError } from '../errors/api-error.js';
export { isSmsApiError, isSmsError, isSmsRedirectError } from '../errors/guards.js';
export { SmsRedirectError } from '../errors/redirect-error.js';
export { SmsError, type SmsErrorCode } from '../errors/sms-error.js';
