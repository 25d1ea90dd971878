// sms-command-contract: the AK/SK signer and the error classes. The clients are in ./v1 and ./v3.
export { SmsApiError, SmsError, SmsRedirectError, isSmsError, type SmsApiErrorFields, type SmsErrorCause, type SmsErrorCode, type SmsErrorDetail } from './errors.js';
export { signRequest, type SignableRequest, type SignatureHeaders, type SigningCredentials } from './sign.js';
export type { AkSkAuth, SmsAuth, TokenAuth } from './client/auth.js';
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, SMS_REGIONS, type CallOptions, type SmsClientOptions, type SmsRegion } from './client/options.js';
