// sms-command-contract: the AK/SK signer and the error classes. The clients are in ./v1 and ./v3.
export { SmsApiError, type SmsApiErrorFields, type SmsErrorDetail } from './errors/api-error.js';
export { isSmsApiError, isSmsError, isSmsRedirectError } from './errors/guards.js';
export { SmsRedirectError } from './errors/redirect-error.js';
export { SmsError, type SmsErrorCause, type SmsErrorCode } from './errors/sms-error.js';
export { signRequest, type SignableRequest, type SignatureHeaders, type SigningCredentials } from './sign.js';
export type { AkSkAuth, SmsAuth, TokenAuth } from './client/auth.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
  SMS_REGIONS,
  type CallOptions,
  type SmsClientOptions,
  type SmsRegion,
} from './client/options.js';
