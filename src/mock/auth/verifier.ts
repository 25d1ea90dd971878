// Credentials checked as Huawei's API gateway checks them: a token from a list (or any), or an AK/SK
// signature recomputed from the request as received, with the same algorithm the client signs with.
import type { IncomingHttpHeaders } from 'node:http';
import type { Redactor } from '../../client/redact.js';
import { checkSignature, header, sameText, type SigningTrace, type VerifiableRequest } from './signature.js';
import { createValueRedactor } from '../journal/redact.js';

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
  /**
   * The gateway's clock in milliseconds since the epoch (default `Date.now`): what an X-Sdk-Date is
   * held within 15 minutes of, and what the lockout times. Set it to replay requests signed earlier.
   */
  clock?: () => number;
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
  /** Why it was refused, in the gateway's words: the text after "Incorrect IAM authentication information: ". */
  reason?: string;
  /** Which rule refused it, in the mock's words, for the journal (the answer keeps the gateway's `reason`). */
  rule?: string;
  /** For a signature that did not match: what the mock computed, for the journal (never the answer). */
  signing?: SigningTrace;
}

const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)\s*$/;

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
  /**
   * What removes every secret the mock knows from a text, by value (raw, percent-encoded,
   * `\u`-escaped, with invisible characters between), for the journal: each configured SK and
   * token, and the X-Auth-Token and X-Security-Token the request carries (MIN_REDACTED_SECRET or
   * more characters each).
   */
  redactorFor(headers: IncomingHttpHeaders): Redactor;
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

const UNLOCK = 'POST /__mock/reset (mock.reset()) ends it; --no-lockout (auth.lockout: false) turns the rule off';

/** The secrets a request carries in the headers that hold them (never in the Authorization: a signature). */
const carriedSecrets = (headers: IncomingHttpHeaders) =>
  [header(headers, 'x-auth-token'), header(headers, 'x-security-token')].filter((v): v is string => !!v);

/** The refusals before any AK: no credentials, an empty or unknown token, a malformed Authorization. */
function checkScheme(
  scheme: Scheme,
  token: string | undefined,
  tokens: string[] | undefined,
  authorization: string | undefined,
): Verdict | RegExpExecArray {
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
  return (
    AUTHORIZATION.exec(authorization!) ?? {
      ok: false,
      scheme,
      reason: 'malformed Authorization: expected "SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex>"',
    }
  );
}

/** A function that judges one request's credentials, with the gateway's lockout state of each AK. */
export function createVerifier(auth: MockAuth | undefined, now: () => number = Date.now): Verifier {
  const options = auth === false ? undefined : (auth ?? {});
  const tokens = options?.tokens;
  const secrets = new Map((options?.credentials ?? [DEMO_CREDENTIALS]).map(({ ak, sk }) => [ak, sk]));
  const lockout = checkLockout(options?.lockout);
  if (options?.clock !== undefined && typeof options.clock !== 'function')
    throw new RangeError('auth.clock must be a function returning milliseconds since the epoch');
  const clock = options?.clock ?? now;
  /** Per known AK: failures in a row, and until when it is locked. */
  const strikes = new Map<string, { failures: number; lockedUntil: number }>();
  const configured = [...secrets.values(), ...(tokens ?? [])];
  const redactConfigured = createValueRedactor(configured);

  /** A refused signature counted toward its AK's lock: the lock's answer once more than `failures` are in a row. */
  function strike(ak: string, refused: Verdict, time: number): Verdict {
    if (!lockout) return refused;
    const record = strikes.get(ak);
    const failures = record && record.lockedUntil === 0 ? record.failures + 1 : 1;
    if (failures <= lockout.failures) {
      strikes.set(ak, { failures, lockedUntil: 0 });
      return refused;
    }
    // More than `failures` in a row: this one is answered as the lock, which then holds for lockMs.
    strikes.set(ak, { failures: 0, lockedUntil: time + lockout.lockMs });
    const rule = `${refused.rule}; that made ${failures} failed signatures in a row for this AK, more than ${lockout.failures}: locked for ${lockout.lockMs / 1000} s (${UNLOCK})`;
    return { ...refused, reason: LOCKED, rule };
  }

  const verify = (request: VerifiableRequest): Verdict => {
    const authorization = header(request.headers, 'authorization');
    const token = header(request.headers, 'x-auth-token');
    const scheme: Scheme = authorization !== undefined ? 'aksk' : token !== undefined ? 'token' : 'none';
    if (!options) return { ok: true, ...credentialsOf(request.headers) };
    const parsed = checkScheme(scheme, token, tokens, authorization);
    if (!Array.isArray(parsed)) return parsed as Verdict;
    const [, ak, signedList, signature] = parsed as unknown as [string, string, string, string];
    const sk = secrets.get(ak);
    if (sk === undefined) return { ok: false, scheme, ak, reason: unknownAk(ak) };
    const time = clock();
    const record = strikes.get(ak);
    if (record && record.lockedUntil > time) {
      const rule = `the AK is locked until ${new Date(record.lockedUntil).toISOString()} after too many failed signatures in a row, this request's signature unchecked (${UNLOCK})`;
      return { ok: false, scheme, ak, reason: LOCKED, rule };
    }
    const failed = checkSignature(request, signedList, signature, sk, time);
    if (failed === undefined) {
      strikes.delete(ak); // a request the gateway accepts never counts, and ends a run of failures
      return { ok: true, scheme, ak };
    }
    return strike(ak, { ok: false, scheme, ak, ...failed }, time);
  };
  const redactorFor = (headers: IncomingHttpHeaders): Redactor => {
    const carried = carriedSecrets(headers).filter((secret) => !configured.includes(secret));
    if (!carried.length) return redactConfigured;
    const redactCarried = createValueRedactor(carried);
    return (text) => redactCarried(redactConfigured(text));
  };
  return Object.assign(verify, { reset: () => strikes.clear(), redactorFor });
}
