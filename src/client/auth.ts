// The one place that decides "token or AK/SK?": validating credentials, the secrets they hold, and
// the headers that authenticate a request.
import { signSync } from '../sign.js';
import { invalid } from './options.js';

export interface TokenAuth {
  /** An IAM user token (`X-Subject-Token` of IAM's "obtain user token"), sent as `X-Auth-Token`. */
  token: string;
}
export interface AkSkAuth {
  ak: string;
  sk: string;
  /** The account id, sent and signed as `X-Domain-Id` (SMS is a global service). */
  domainId?: string;
  /** The security token of temporary credentials, sent and signed as `X-Security-Token`. */
  securityToken?: string;
}
export type SmsAuth = TokenAuth | AkSkAuth;

/** `X-Auth-Token` is 1..16384 characters (IAM's limit). */
const TOKEN_MAX = 16384;
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface Authenticator {
  /** Values that must never appear in an error: the token, the SK, the security token. */
  secrets: string[];
  /** Headers that are the same on every request (a token), or undefined when each is signed. */
  fixed: Record<string, string> | undefined;
  /** The headers that authenticate one request to `url`. */
  headersFor(method: string, url: string): Record<string, string>;
}

function checkString(value: unknown, what: string, max = Infinity): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(`auth.${what} must be a non-empty string`);
  if (value.length > max) throw invalid(`auth.${what} is ${value.length} characters long; at most ${max} are allowed`);
  if (CONTROL.test(value)) throw invalid(`auth.${what} contains control characters`);
}

/** Validates `auth` (throwing INVALID_INPUT, naming no secret); undefined sends no credentials. */
export function createAuthenticator(auth: SmsAuth | undefined): Authenticator | undefined {
  if (auth === undefined) return undefined;
  if (typeof auth !== 'object' || auth === null) throw invalid('auth must be { token } or { ak, sk }');
  if ('token' in auth) {
    checkString(auth.token, 'token', TOKEN_MAX);
    const fixed = { 'X-Auth-Token': auth.token };
    return { secrets: [auth.token], fixed, headersFor: () => fixed };
  }
  if (!('ak' in auth) && !('sk' in auth)) throw invalid('auth must be { token } or { ak, sk }');
  const { ak, sk, domainId, securityToken } = auth;
  checkString(ak, 'ak');
  checkString(sk, 'sk');
  if (domainId !== undefined) checkString(domainId, 'domainId');
  if (securityToken !== undefined) checkString(securityToken, 'securityToken');
  const companions: Record<string, string> = {};
  if (domainId) companions['X-Domain-Id'] = domainId;
  if (securityToken) companions['X-Security-Token'] = securityToken;
  const credentials = { ak, sk };
  return {
    secrets: securityToken ? [sk, securityToken] : [sk],
    fixed: undefined,
    // The companions are signed too, so a server can tell they were not swapped in transit.
    headersFor: (method, url) => ({ ...companions, ...signSync({ method, url, headers: companions }, credentials) }),
  };
}
