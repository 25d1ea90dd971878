// Credentials checked as Huawei's API gateway checks them: a token from a list (or any), or an AK/SK
// signature recomputed from the request as received, with the same algorithm the client signs with.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { canonicalRequest, stringToSign } from '../sign.js';

/** The pair the mock verifies signatures against unless told otherwise; `npm start` prints it. Not a real credential. */
export const DEMO_CREDENTIALS = { ak: 'SMSMOCKDEMOAK0000001', sk: 'SmsMockDemoSecretKey00000000000000000001' } as const;

export interface MockAuthOptions {
  /** Tokens accepted as `X-Auth-Token`. Default: any non-empty token. */
  tokens?: string[];
  /** AK/SK pairs whose signatures are accepted. Default: `[DEMO_CREDENTIALS]`. */
  credentials?: Array<{ ak: string; sk: string }>;
}
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
}

/** The gateway accepts an X-Sdk-Date within 15 minutes of its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)\s*$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function parseSdkDate(value: string): number | undefined {
  const m = SDK_DATE.exec(value);
  if (!m) return undefined;
  const time = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  // Date.UTC rolls 20191345 over into another month; a real date formats back to itself.
  return new Date(time).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '') === value ? time : undefined;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

export interface VerifiableRequest {
  method: string;
  /** The request target as received: path and query, still encoded. */
  url: string;
  headers: IncomingHttpHeaders;
}

/** A function that judges one request's credentials. */
export function createVerifier(auth: MockAuth | undefined, now: () => number = Date.now): (request: VerifiableRequest) => Verdict {
  const options = auth === false ? undefined : auth ?? {};
  const tokens = options?.tokens;
  const secrets = new Map((options?.credentials ?? [DEMO_CREDENTIALS]).map(({ ak, sk }) => [ak, sk]));

  return (request) => {
    const authorization = header(request.headers, 'authorization');
    const token = header(request.headers, 'x-auth-token');
    const scheme: Scheme = authorization !== undefined ? 'aksk' : token !== undefined ? 'token' : 'none';
    if (!options) return { ok: true, scheme };
    if (scheme === 'none') return { ok: false, scheme, reason: 'no credentials: send X-Auth-Token, or sign the request with AK/SK (Authorization and X-Sdk-Date)' };
    if (scheme === 'token') {
      if (!token) return { ok: false, scheme, reason: 'the X-Auth-Token header is empty' };
      if (tokens && !tokens.some((known) => sameText(known, token))) return { ok: false, scheme, reason: 'token is not one the mock accepts (auth.tokens)' };
      return { ok: true, scheme };
    }
    const parsed = AUTHORIZATION.exec(authorization!);
    if (!parsed) return { ok: false, scheme, reason: 'malformed Authorization: expected "SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex>"' };
    const [, ak, signedList, signature] = parsed as unknown as [string, string, string, string];
    const xSdkDate = header(request.headers, 'x-sdk-date');
    const signedAt = xSdkDate === undefined ? undefined : parseSdkDate(xSdkDate);
    if (signedAt === undefined) return { ok: false, scheme, ak, reason: 'x-sdk-date is missing or malformed: expected YYYYMMDDTHHMMSSZ in UTC' };
    const skew = Math.abs(now() - signedAt);
    if (skew > MAX_CLOCK_SKEW_MS) return { ok: false, scheme, ak, reason: `x-sdk-date ${xSdkDate} is ${Math.round(skew / 60000)} minutes from the server's clock (at most 15 are accepted)` };
    const signed = signedList.toLowerCase().split(';');
    if (!signed.includes('host') || !signed.includes('x-sdk-date')) return { ok: false, scheme, ak, reason: 'SignedHeaders must include host and x-sdk-date' };
    const sk = secrets.get(ak);
    if (sk === undefined) return { ok: false, scheme, ak, reason: 'ak not exist' };
    const headers = new Map<string, string>();
    for (const name of signed) {
      const value = header(request.headers, name);
      if (value === undefined) return { ok: false, scheme, ak, reason: `verify aksk signature fail: the signed header ${name} is not in the request` };
      headers.set(name, value.trim());
    }
    // The client's canonical request; the hashing on node:crypto, which is faster here (bench row
    // "mock signature verification per request").
    const { canonical } = canonicalRequest({ method: request.method, url: new URL(request.url, 'http://mock.invalid'), headers });
    const expected = createHmac('sha256', sk).update(stringToSign(xSdkDate!, createHash('sha256').update(canonical).digest('hex'))).digest('hex');
    if (!sameText(expected, signature.toLowerCase())) return { ok: false, scheme, ak, reason: 'verify aksk signature fail' };
    return { ok: true, scheme, ak };
  };
}
