// The one place that decides "token or AK/SK?": validating credentials, the secrets they hold, and
// the headers that authenticate a request.
import { checkCredential } from '../credential.js';
import { invalid } from '../errors/sms-error.js';
import { checkSigningCredentials, signChecked } from '../sign.js';

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

export interface Authenticator {
  /** Values that must never appear in an error: the token, the SK, the security token. */
  secrets: string[];
  /** Headers that are the same on every request (a token), or undefined when each is signed. */
  fixed: Record<string, string> | undefined;
  /**
   * The headers that authenticate one request to `url`; a request with a body gives it and its
   * Content-Type, which a signature covers (the body as the canonical request's SHA-256 line).
   */
  headersFor(method: string, url: string, body?: string, contentType?: string): Record<string, string>;
}

/**
 * Validates `auth` once, when the client is made (throwing INVALID_INPUT, naming no secret); each
 * request is then signed without checking the pair again. Undefined sends no credentials.
 */
export function createAuthenticator(auth: SmsAuth | undefined): Authenticator | undefined {
  if (auth === undefined) return undefined;
  if (typeof auth !== 'object' || auth === null) throw invalid('auth must be { token } or { ak, sk }');
  if ('token' in auth) {
    checkCredential(auth.token, 'auth.token', TOKEN_MAX);
    const fixed = { 'X-Auth-Token': auth.token };
    return { secrets: [auth.token], fixed, headersFor: () => fixed };
  }
  if (!('ak' in auth) && !('sk' in auth)) throw invalid('auth must be { token } or { ak, sk }');
  const { ak, sk, domainId, securityToken } = auth;
  const credentials = { ak, sk };
  checkSigningCredentials(credentials, 'auth');
  if (domainId !== undefined) checkCredential(domainId, 'auth.domainId');
  if (securityToken !== undefined) checkCredential(securityToken, 'auth.securityToken');
  const companions: Record<string, string> = {};
  if (domainId) companions['X-Domain-Id'] = domainId;
  if (securityToken) companions['X-Security-Token'] = securityToken;
  // A signature covers the method, the URL, the signed headers, the body and X-Sdk-Date, which counts
  // seconds: the same request within the same second has the same signature, so the last one is kept
  // (an Agent at concurrency 50 sends hundreds a second; bench row "showCommand CPU/call, AK/SK").
  // It is found by comparing the request's parts, with no key string built per call.
  let last:
    | {
        second: number;
        method: string;
        url: string;
        body?: string;
        contentType?: string;
        headers: Record<string, string>;
      }
    | undefined;
  return {
    secrets: securityToken ? [sk, securityToken] : [sk],
    fixed: undefined,
    headersFor: (method, url, body, contentType) => {
      const now = Date.now();
      const second = Math.floor(now / 1000);
      if (
        last !== undefined &&
        last.second === second &&
        last.url === url &&
        last.method === method &&
        last.body === body &&
        last.contentType === contentType
      )
        return last.headers;
      // The companions are signed too, so a server can tell they were not swapped in transit.
      const signed = contentType === undefined ? companions : { ...companions, 'Content-Type': contentType };
      const headers = {
        ...companions,
        ...signChecked({ method, url, headers: signed, body }, credentials, new Date(now)),
      };
      last = { second, method, url, body, contentType, headers };
      return headers;
    },
  };
}
