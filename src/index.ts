// sms-command-contract: the AK/SK signer and the error classes. The clients are in ./v1 and ./v3 (a
// version's function imported from here names them: see the end of this file).
import { invalid } from './errors/sms-error.js';
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

/**
 * The clients are per version. A version's function imported from here is a compile-time error whose
 * text names the entry point to use (its one parameter is that sentence), and throws INVALID_INPUT
 * saying the same if called anyway (from JavaScript).
 */
type AtVersionEntry<Name extends string> = (
  wrongEntryPoint: `${Name} is exported by 'sms-command-contract/v3' (or '/v1'), not the package root`,
) => never;

function atVersionEntry<Name extends string>(name: Name): AtVersionEntry<Name> {
  return () => {
    throw invalid(`${name} is exported by 'sms-command-contract/v3' (or '/v1'), not the package root`);
  };
}

/** @deprecated Not here: `import { createSmsClient } from 'sms-command-contract/v3'` (or `/v1`). */
export const createSmsClient = /* @__PURE__ */ atVersionEntry('createSmsClient');
/** @deprecated Not here: `import { showCommand } from 'sms-command-contract/v3'` (or `/v1`). */
export const showCommand = /* @__PURE__ */ atVersionEntry('showCommand');
/** @deprecated Not here: `import { pollCommands } from 'sms-command-contract/v3'` (or `/v1`). */
export const pollCommands = /* @__PURE__ */ atVersionEntry('pollCommands');
/** @deprecated Not here: `import { reportCommandResult } from 'sms-command-contract/v3'` (or `/v1`). */
export const reportCommandResult = /* @__PURE__ */ atVersionEntry('reportCommandResult');
