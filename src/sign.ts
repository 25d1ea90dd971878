// AK/SK request signing, "SDK-HMAC-SHA256" (see the AkSkSignature scheme in the specs).
import { SmsError } from './errors.js';
import { canonicalQuery, canonicalUri } from './canonical.js';
import { hmacSha256, sha256, sha256Text, toHex, utf8 } from './sha256.js';

export interface SignableRequest {
  method: string;
  url: string | URL;
  headers?: Record<string, string> | Headers;
  body?: string | Uint8Array | ArrayBuffer | null;
}

export interface SigningCredentials {
  ak: string;
  sk: string;
}

/** A type, not an interface, so that it is a `HeadersInit`: `fetch(url, { headers: await signRequest(...) })`. */
export type SignatureHeaders = {
  'X-Sdk-Date': string;
  Authorization: string;
};

const ALGORITHM = 'SDK-HMAC-SHA256';
const EMPTY_BODY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const CONTROL = /[\u0000-\u001f\u007f]/;

let lastSecond = NaN;
let lastDate = '';

/** `20191115T033655Z`: the signing time, UTC, to the second (formatted once per second). */
export function sdkDate(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastDate = date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  }
  return lastDate;
}

function bodyHash(body: SignableRequest['body']): string {
  if (body === undefined || body === null) return EMPTY_BODY_HASH;
  const bytes = typeof body === 'string' ? utf8(body) : body instanceof Uint8Array ? body : new Uint8Array(body);
  return bytes.length ? toHex(sha256(bytes)) : EMPTY_BODY_HASH;
}

/** A request target already canonicalised: the mock's, parsed once from the request as received. */
export interface CanonicalTarget {
  uri: string;
  search: string;
}

export interface SignatureInput {
  method: string;
  /** A URL (the signer's: canonicalised here), or a target the caller canonicalised. */
  url: URL | CanonicalTarget;
  /** Lower-case names to trimmed values: exactly the headers to sign. */
  headers: Map<string, string>;
  body?: SignableRequest['body'];
  sk: string;
  date: string;
}

/** The canonical request over exactly the headers given (no host added), and the signed-headers list. */
export function canonicalRequest({ method, url, headers, body }: Omit<SignatureInput, 'sk' | 'date'>): { canonical: string; signedHeaders: string } {
  const names = [...headers.keys()].sort();
  let canonicalHeaders = '';
  for (const name of names) canonicalHeaders += `${name}:${headers.get(name)}\n`;
  const signedHeaders = names.join(';');
  const uri = url instanceof URL ? canonicalUri(url.pathname) : url.uri;
  return { canonical: `${method.toUpperCase()}\n${uri}\n${canonicalQuery(url.search)}\n${canonicalHeaders}\n${signedHeaders}\n${bodyHash(body)}`, signedHeaders };
}

/** The string the SK signs: the algorithm, the X-Sdk-Date and the canonical request's SHA-256 in hex. */
export const stringToSign = (date: string, canonicalHash: string) => `${ALGORITHM}\n${date}\n${canonicalHash}`;

/** The signature over exactly the headers given (no host added): the algorithm itself. */
export function computeSignature(input: SignatureInput): { signedHeaders: string; signature: string } {
  const { canonical, signedHeaders } = canonicalRequest(input);
  return { signedHeaders, signature: toHex(hmacSha256(input.sk, stringToSign(input.date, toHex(sha256Text(canonical))))) };
}

function checkCredential(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) throw new SmsError('INVALID_INPUT', `AK/SK signing needs a non-empty ${what}`);
  if (CONTROL.test(value)) throw new SmsError('INVALID_INPUT', `the ${what} contains control characters`);
}

/**
 * The synchronous core of `signRequest`: validates, then signs `host` (from the URL unless a Host
 * header is given), every header given (but Authorization) and `X-Sdk-Date`.
 */
export function signSync(request: SignableRequest, credentials: SigningCredentials, date: Date = new Date()): SignatureHeaders {
  checkCredential(credentials?.ak, 'AK');
  checkCredential(credentials?.sk, 'SK');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new SmsError('INVALID_INPUT', 'the request URL is not a valid absolute URL');
  }
  if (Number.isNaN(date.getTime())) throw new SmsError('INVALID_INPUT', 'the signing date is not a valid date');
  const headers = new Map<string, string>([['host', url.host]]);
  const given = request.headers instanceof Headers ? request.headers.entries() : Object.entries(request.headers ?? {});
  for (const [name, value] of given) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'x-sdk-date') continue;
    headers.set(lower, String(value).trim());
  }
  const xSdkDate = sdkDate(date);
  headers.set('x-sdk-date', xSdkDate);
  const { signedHeaders, signature } = computeSignature({ method: request.method, url, headers, body: request.body, sk: credentials.sk, date: xSdkDate });
  return {
    'X-Sdk-Date': xSdkDate,
    Authorization: `${ALGORITHM} Access=${credentials.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/**
 * Signs a request with an AK/SK pair; resolves to the headers to add (`X-Sdk-Date`, `Authorization`).
 * Rejects with an `SmsError` (`INVALID_INPUT`) on missing credentials or a bad URL; never throws.
 */
export async function signRequest(request: SignableRequest, credentials: SigningCredentials, date?: Date): Promise<SignatureHeaders> {
  return signSync(request, credentials, date);
}
