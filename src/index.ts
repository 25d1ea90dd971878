// sms-command-contract: the AK/SK signer and the error classes. The clients are in ./v1 and ./v3.
export { SmsApiError, SmsError, isSmsError, type SmsApiErrorFields, type SmsErrorCause, type SmsErrorCode, type SmsErrorDetail } from './errors.js';
export { signRequest, type SignableRequest, type SignatureHeaders, type SigningCredentials } from './sign.js';
export { DEFAULT_TIMEOUT_MS, SMS_REGIONS, type AkSkAuth, type CallOptions, type SmsAuth, type SmsClientOptions, type SmsRegion, type TokenAuth } from './client.js';
