// AK/SK request signing, "SDK-HMAC-SHA256" (see the AkSkSignature scheme in the specs). The hashing
// is the platform's: node:crypto on Node, the hand-written SHA-256 in browsers (package.json
// "imports", `#sha256`).
import { hmacSha256Hex, sha256Hex } from '#sha256';
import { canonicalQuery, canonicalUri } from './canonical.js';
import { checkCredential } from './credential.js';
import { invalid } from './errors/sms-error.js';

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

let lastSecond = NaN;
let lastDate = '';

/**
 * `20191115T033655Z`: X-Sdk-Date, a time in UTC to the second (formatted once per second). The signer
 * writes it, and the mock formats a parsed date back with it to refuse one that does not exist.
 */
export function formatSdkDate(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastDate = date
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  }
  return lastDate;
}

/**
 * `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`, signed, puts this literal in the canonical request's last
 * line in place of the body's hash (the signing guide; all four of Huawei's SDKs send it, signed,
 * with a body that is not JSON), on any method.
 */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

function bodyHash(body: SignableRequest['body'], headers: Map<string, string>): string {
  if (headers.get('x-sdk-content-sha256') === UNSIGNED_PAYLOAD) return UNSIGNED_PAYLOAD;
  if (body === undefined || body === null) return EMPTY_BODY_HASH;
  const data = typeof body === 'string' || body instanceof Uint8Array ? body : new Uint8Array(body);
  return data.length ? sha256Hex(data) : EMPTY_BODY_HASH;
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
  /**
   * Lower-case names to trimmed values: exactly the headers to sign. With `headerBytes: 'latin1'`
   * each value holds one character per byte received (as Node's HTTP parser gives it), and those
   * bytes are hashed as they are; otherwise a value is text, hashed as its UTF-8.
   */
  headers: Map<string, string>;
  headerBytes?: 'latin1';
  body?: SignableRequest['body'];
  sk: string;
  date: string;
}

/** The canonical request over exactly the headers given (no host added), and the signed-headers list. */
export function canonicalRequest({ method, url, headers, body }: Omit<SignatureInput, 'sk' | 'date'>): {
  canonical: string;
  signedHeaders: string;
} {
  const names = [...headers.keys()].sort();
  let canonicalHeaders = '';
  for (const name of names) canonicalHeaders += `${name}:${headers.get(name)}\n`;
  const signedHeaders = names.join(';');
  const uri = url instanceof URL ? canonicalUri(url.pathname) : url.uri;
  return {
    canonical: `${method.toUpperCase()}\n${uri}\n${canonicalQuery(url.search)}\n${canonicalHeaders}\n${signedHeaders}\n${bodyHash(body, headers)}`,
    signedHeaders,
  };
}

/** The string the SK signs: the algorithm, the X-Sdk-Date and the canonical request's SHA-256 in hex. */
export const stringToSign = (date: string, canonicalHash: string) => `${ALGORITHM}\n${date}\n${canonicalHash}`;

/** A signature and the two texts it was computed from (neither holds the SK). */
export interface ComputedSignature {
  signedHeaders: string;
  signature: string;
  /** The canonical request, exactly as hashed. */
  canonical: string;
  /** The string the SK signed. */
  stringToSign: string;
}

/** The signature over exactly the headers given (no host added): the algorithm itself. */
export function computeSignature(input: SignatureInput): ComputedSignature {
  const { canonical, signedHeaders } = canonicalRequest(input);
  const toSign = stringToSign(input.date, sha256Hex(input.headerBytes ? byteString(canonical) : canonical));
  return { signedHeaders, signature: hmacSha256Hex(input.sk, toSign), canonical, stringToSign: toSign };
}

/** NOT_ASCII finds a character that is not ASCII: one a byte string's UTF-8 would re-encode into two bytes. */
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * A string of one character per byte (below 256) as those bytes. An all-ASCII string is returned as
 * it is (its UTF-8 is the same bytes), which keeps the common request off the copy (bench row "mock
 * signature verification per request").
 */
function byteString(text: string): string | Uint8Array {
  if (!NOT_ASCII.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Checks an AK/SK pair (INVALID_INPUT, naming no secret): the one check, also the client's. */
export function checkSigningCredentials(credentials: SigningCredentials, name = 'credentials'): void {
  checkCredential(credentials?.ak, `${name}.ak`);
  checkCredential(credentials?.sk, `${name}.sk`);
}

/**
 * The synchronous core of `signRequest`, for credentials already checked (the client checks its pair
 * once, when it is made, not per request): signs `host` (from the URL unless a Host header is given),
 * every header given (but Authorization) and `X-Sdk-Date`.
 */
export function signChecked(
  request: SignableRequest,
  credentials: SigningCredentials,
  date: Date = new Date(),
): SignatureHeaders {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw invalid('the request URL is not a valid absolute URL');
  }
  if (Number.isNaN(date.getTime())) throw invalid('the signing date is not a valid date');
  const headers = new Map<string, string>([['host', url.host]]);
  const given = request.headers instanceof Headers ? request.headers.entries() : Object.entries(request.headers ?? {});
  for (const [name, value] of given) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'x-sdk-date') continue;
    headers.set(lower, String(value).trim());
  }
  const xSdkDate = formatSdkDate(date);
  headers.set('x-sdk-date', xSdkDate);
  const { signedHeaders, signature } = computeSignature({
    method: request.method,
    url,
    headers,
    body: request.body,
    sk: credentials.sk,
    date: xSdkDate,
  });
  return {
    'X-Sdk-Date': xSdkDate,
    Authorization: `${ALGORITHM} Access=${credentials.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/**
 * Signs a request with an AK/SK pair; resolves to the headers to add (`X-Sdk-Date`, `Authorization`).
 * Rejects with an `SmsError` (`INVALID_INPUT`) on missing credentials or a bad URL; never throws.
 */
export async function signRequest(
  request: SignableRequest,
  credentials: SigningCredentials,
  date?: Date,
): Promise<SignatureHeaders> {
  checkSigningCredentials(credentials);
  return signChecked(request, credentials, date);
}
