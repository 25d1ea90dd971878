// Credentials checked as Huawei's API gateway checks them: a token from a list (or any), or an AK/SK
// signature recomputed from the request as received, with the same algorithm the client signs with.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestTarget } from '../canonical.js';
import { type ComputedSignature, computeSignature, formatSdkDate } from '../sign.js';

/** The pair the mock verifies signatures against unless told otherwise; `npm start` prints it. Not a real credential. */
export const DEMO_CREDENTIALS = { ak: 'SMSMOCKDEMOAK0000001', sk: 'SmsMockDemoSecretKey00000000000000000001' } as const;

export interface MockAuthOptions {
  /** Tokens accepted as `X-Auth-Token`. Default: any non-empty token. */
  tokens?: string[];
  /** AK/SK pairs whose signatures are accepted. Default: `[DEMO_CREDENTIALS]`. */
  credentials?: Array<{ ak: string; sk: string }>;
  /**
   * The gateway locks an AK for 5 minutes after more than 5 consecutive failed AK/SK authentications
   * ("AK access failed to reach the limit,forbidden"); so does the mock, unless this is `false`.
   * Default `{ failures: 5, lockMs: 300000 }`.
   */
  lockout?: Lockout | false;
}

export interface Lockout {
  /** Consecutive failures an AK may have; the next one locks it. Default 5. */
  failures?: number;
  /** How long a locked AK is refused, correct signature or not. Default 300000 (5 minutes). */
  lockMs?: number;
}
export const DEFAULT_LOCKOUT = { failures: 5, lockMs: 5 * 60 * 1000 } as const;
/** `false` accepts every request, credentials or not. */
export type MockAuth = MockAuthOptions | false;

export type Scheme = 'token' | 'aksk' | 'none';

export interface Verdict {
  ok: boolean;
  scheme: Scheme;
  /** The AK of a signed request (never the SK, the token or the signature). */
  ak?: string;
  /** Why it was refused: the text after "Incorrect IAM authentication information: ". */
  reason?: string;
  /** For a signature that did not match: what the mock computed, for the journal (never the answer). */
  signing?: SigningTrace;
}

/**
 * What the mock computed for a signature it refused, so that a signer in any language can diff its own
 * texts against these. Neither holds the SK; the value of a signed header that may carry a credential
 * (SECRET_HEADER: `Authorization`, `Proxy-Authorization`, `Cookie`, any name with `token`, `secret`,
 * `password`, `session`, `signature` or `credential` in it) is written `[REDACTED]` (the
 * string-to-sign's hash is of the real value).
 */
export interface SigningTrace {
  /** The canonical request built from the request as received, as the signing guide builds it: its lines joined by `\n`. */
  canonicalRequest: string;
  /** `SDK-HMAC-SHA256`, the X-Sdk-Date and the canonical request's SHA-256 in hex, joined by `\n`. */
  stringToSign: string;
  /** The signed headers the mock used: the request's SignedHeaders, lower-cased and sorted. */
  signedHeaders: string;
}

/** The names of signed headers whose values the trace never shows (lower-case names). */
export const SECRET_HEADER = /authorization|cookie|token|secret|password|session|signature|credential/;

/** The gateway accepts an X-Sdk-Date within 15 minutes of its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)\s*$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function parseSdkDate(value: string): number | undefined {
  const m = SDK_DATE.exec(value);
  if (!m) return undefined;
  const time = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  // Date.UTC rolls 20191345 over into another month; a real date formats back to itself.
  return formatSdkDate(new Date(time)) === value ? time : undefined;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
/** A request header's value (own properties only: a signed header named `constructor` is not in the request). */
const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
  return Array.isArray(value) ? value.join(', ') : value;
};

export interface VerifiableRequest {
  method: string;
  /** The request target as received, parsed once (the same parse that routed it). */
  target: RequestTarget;
  headers: IncomingHttpHeaders;
  /** The body's bytes exactly as received (a POST's); its SHA-256 is the canonical request's last line. None for a GET. */
  body?: Uint8Array;
}

/** Which credentials a request carries, and the AK of a signed one, without judging them (for the journal). */
export function credentialsOf(headers: IncomingHttpHeaders): { scheme: Scheme; ak?: string } {
  const authorization = header(headers, 'authorization');
  if (authorization !== undefined) {
    const ak = /\bAccess=([^,\s]+)/.exec(authorization)?.[1];
    return ak === undefined ? { scheme: 'aksk' } : { scheme: 'aksk', ak };
  }
  return { scheme: header(headers, 'x-auth-token') !== undefined ? 'token' : 'none' };
}

/** The gateway's words for an unknown AK and for a locked one. */
export const unknownAk = (ak: string) => `Get secretKey failed,ak:${ak},err:ak not exist`;
export const LOCKED = 'AK access failed to reach the limit,forbidden';

export interface Verifier {
  (request: VerifiableRequest): Verdict;
  /** Forgets every failure count and lock (the control API's reset). */
  reset(): void;
}

function checkLockout(lockout: Lockout | false | undefined): { failures: number; lockMs: number } | undefined {
  if (lockout === false) return undefined;
  const { failures = DEFAULT_LOCKOUT.failures, lockMs = DEFAULT_LOCKOUT.lockMs } = lockout ?? {};
  if (!Number.isInteger(failures) || failures < 1)
    throw new RangeError(`auth.lockout.failures must be an integer of at least 1, not ${failures}`);
  if (!Number.isInteger(lockMs) || lockMs < 1 || lockMs > 2_147_483_647)
    throw new RangeError(`auth.lockout.lockMs must be an integer from 1 to 2147483647, not ${lockMs}`);
  return { failures, lockMs };
}

/** A function that judges one request's credentials, with the gateway's lockout state of each AK. */
export function createVerifier(auth: MockAuth | undefined, now: () => number = Date.now): Verifier {
  const options = auth === false ? undefined : (auth ?? {});
  const tokens = options?.tokens;
  const secrets = new Map((options?.credentials ?? [DEMO_CREDENTIALS]).map(({ ak, sk }) => [ak, sk]));
  const lockout = checkLockout(options?.lockout);
  /** Per known AK: failures in a row, and until when it is locked. */
  const strikes = new Map<string, { failures: number; lockedUntil: number }>();

  const verify = (request: VerifiableRequest): Verdict => {
    const authorization = header(request.headers, 'authorization');
    const token = header(request.headers, 'x-auth-token');
    const scheme: Scheme = authorization !== undefined ? 'aksk' : token !== undefined ? 'token' : 'none';
    if (!options) return { ok: true, ...credentialsOf(request.headers) };
    if (scheme === 'none')
      return {
        ok: false,
        scheme,
        reason: 'no credentials: send X-Auth-Token, or sign the request with AK/SK (Authorization and X-Sdk-Date)',
      };
    if (scheme === 'token') {
      if (!token) return { ok: false, scheme, reason: 'the X-Auth-Token header is empty' };
      if (tokens && !tokens.some((known) => sameText(known, token)))
        return { ok: false, scheme, reason: 'token is not one the mock accepts (auth.tokens)' };
      return { ok: true, scheme };
    }
    const parsed = AUTHORIZATION.exec(authorization!);
    if (!parsed)
      return {
        ok: false,
        scheme,
        reason:
          'malformed Authorization: expected "SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex>"',
      };
    const [, ak, signedList, signature] = parsed as unknown as [string, string, string, string];
    const sk = secrets.get(ak);
    if (sk === undefined) return { ok: false, scheme, ak, reason: unknownAk(ak) };
    const time = now();
    const record = strikes.get(ak);
    if (record && record.lockedUntil > time) return { ok: false, scheme, ak, reason: LOCKED };
    const failed = checkSignature(request, signedList, signature, sk, time);
    if (failed === undefined) {
      strikes.delete(ak);
      return { ok: true, scheme, ak };
    }
    const refused = { ok: false, scheme, ak, ...failed };
    if (!lockout) return refused;
    const failures = record && record.lockedUntil === 0 ? record.failures + 1 : 1;
    // More than `failures` in a row: this one is answered as the lock, which then holds for lockMs.
    if (failures > lockout.failures) {
      strikes.set(ak, { failures: 0, lockedUntil: time + lockout.lockMs });
      return { ...refused, reason: LOCKED };
    }
    strikes.set(ak, { failures, lockedUntil: 0 });
    return refused;
  };
  return Object.assign(verify, { reset: () => strikes.clear() });
}

/** Why a signed request with a known AK fails (with what the mock computed, when it got that far), or undefined when its signature is right. */
function checkSignature(
  request: VerifiableRequest,
  signedList: string,
  signature: string,
  sk: string,
  time: number,
): { reason: string; signing?: SigningTrace } | undefined {
  const xSdkDate = header(request.headers, 'x-sdk-date');
  const signedAt = xSdkDate === undefined ? undefined : parseSdkDate(xSdkDate);
  if (signedAt === undefined) return { reason: 'x-sdk-date is missing or malformed: expected YYYYMMDDTHHMMSSZ in UTC' };
  const skew = Math.abs(time - signedAt);
  if (skew > MAX_CLOCK_SKEW_MS)
    return {
      reason: `x-sdk-date ${xSdkDate} is ${Math.round(skew / 60000)} minutes from the server's clock (at most 15 are accepted)`,
    };
  const signed = signedList.toLowerCase().split(';');
  if (!signed.includes('host') || !signed.includes('x-sdk-date'))
    return { reason: 'SignedHeaders must include host and x-sdk-date' };
  const headers = new Map<string, string>();
  for (const name of signed) {
    const value = header(request.headers, name);
    if (value === undefined)
      return { reason: `verify aksk signature fail: the signed header ${name} is not in the request` };
    headers.set(name, value.trim());
  }
  // The client's own signature over the one parse of the target and the body's bytes as received; on
  // Node it hashes with node:crypto (#sha256; bench row "mock signature verification per request").
  const computed = computeSignature({
    method: request.method,
    url: request.target,
    headers,
    body: request.body ?? null,
    sk,
    date: xSdkDate!,
  });
  if (sameText(computed.signature, signature.toLowerCase())) return undefined;
  return { reason: 'verify aksk signature fail', signing: traceOf(computed, headers) };
}

/** The trace of a refused signature: its canonical request with secret header values redacted. */
function traceOf(
  { canonical, stringToSign, signedHeaders }: ComputedSignature,
  headers: Map<string, string>,
): SigningTrace {
  let canonicalRequest = canonical;
  for (const [name, value] of headers) {
    if (!SECRET_HEADER.test(name)) continue;
    const redacted = `\n${name}:[REDACTED]\n`; // a function: a name may hold `$&`, which a replacement string expands
    canonicalRequest = canonicalRequest.replace(`\n${name}:${value}\n`, () => redacted);
  }
  return { canonicalRequest, stringToSign, signedHeaders };
}
