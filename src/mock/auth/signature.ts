// One AK/SK signature checked by the gateway's rules: X-Sdk-Date present and within 15 minutes, signed,
// every header the client names present, and the signature recomputed over the request as received —
// its header bytes as they arrived, its body's bytes (or the UNSIGNED-PAYLOAD literal) — with the same
// algorithm the client signs with. The SignedHeaders set is the client's: Huawei's Go SDK never signs
// `host` or `content-type`, and the gateway serves it (test/contract/sdk-vectors.test.ts).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestTarget } from '../../canonical.js';
import { type ComputedSignature, computeSignature, formatSdkDate } from '../../sign.js';
import { isSecretHeaderName, REDACTED, redactQuery } from '../../secret-names.js';
import { printable } from '../../text.js';

/**
 * What the mock computed for a signature it refused, so that a signer in any language can diff its own
 * texts against these. Neither holds the SK; the value of a signed header or a query parameter whose
 * name says it may carry a credential (`isSecretHeaderName`, `isSecretQueryName` in secret-names.ts,
 * the list the client's redaction uses: `Authorization`, `Cookie`, `X-Auth-Token`, `X-Api-Key`,
 * `?Signature=`, …) is written `[REDACTED]` (the string-to-sign's hash is of the real value). A header value's bytes outside ASCII are shown as the
 * UTF-8 text they spell, or as `\xNN` where they are not UTF-8, and control characters as `\u{…}`:
 * readable, never raw (the hash is of the bytes received).
 */
export interface SigningTrace {
  /** The canonical request built from the request as received, as the signing guide builds it: its lines joined by `\n`. */
  canonicalRequest: string;
  /** `SDK-HMAC-SHA256`, the X-Sdk-Date and the canonical request's SHA-256 in hex, joined by `\n`. */
  stringToSign: string;
  /**
   * The signed headers the mock used, a list: the request's SignedHeaders, lower-cased and sorted
   * (`["host", "x-sdk-date"]`; the canonical request's last-but-one line joins them with `;`).
   */
  signedHeaders: string[];
}

/** The gateway accepts an X-Sdk-Date within 15 minutes of its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function parseSdkDate(value: string): number | undefined {
  const m = SDK_DATE.exec(value);
  if (!m) return undefined;
  const time = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  // Date.UTC rolls 20191345 over into another month; a real date formats back to itself.
  return formatSdkDate(new Date(time)) === value ? time : undefined;
}

export const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A request header's value (own properties only: a signed header named `constructor` is not in the request). */
export const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
  return Array.isArray(value) ? value.join(', ') : value;
};

export interface VerifiableRequest {
  method: string;
  /** The request target as received, parsed once (the same parse that routed it). */
  target: RequestTarget;
  /** As Node's parser gives them: each value one character per byte received (Latin-1). */
  headers: IncomingHttpHeaders;
  /** The body's bytes exactly as received; its SHA-256 is the canonical request's last line. None when none came. */
  body?: Uint8Array;
}

/** The gateway's words for every refusal of a signature it got far enough to check. */
export const SIGNATURE_FAIL = 'verify aksk signature fail';

/**
 * Why a refused signature was refused: `reason` is the gateway's text (the answer's), `rule` which of
 * the gateway's rules refused it, in the mock's words (the journal's).
 */
export interface SignatureRefusal {
  reason: string;
  rule: string;
  signing?: SigningTrace;
}

/** The time checks: X-Sdk-Date present, well-formed and within MAX_CLOCK_SKEW_MS of `time`. */
function checkDate(xSdkDate: string | undefined, time: number): SignatureRefusal | undefined {
  const signedAt = xSdkDate === undefined ? undefined : parseSdkDate(xSdkDate);
  if (signedAt === undefined) {
    const reason = 'x-sdk-date is missing or malformed: expected YYYYMMDDTHHMMSSZ in UTC';
    return { reason, rule: 'X-Sdk-Date is required, in the form YYYYMMDDTHHMMSSZ' };
  }
  const skew = Math.abs(time - signedAt);
  if (skew <= MAX_CLOCK_SKEW_MS) return undefined;
  const reason = `x-sdk-date ${xSdkDate} is ${Math.round(skew / 60000)} minutes from the server's clock (at most 15 are accepted)`;
  return { reason, rule: `X-Sdk-Date must be within ${MAX_CLOCK_SKEW_MS / 60000} minutes of the gateway's clock` };
}

/** Why a signed request with a known AK fails, or undefined when its signature is right. */
export function checkSignature(
  request: VerifiableRequest,
  signedList: string,
  signature: string,
  sk: string,
  time: number,
): SignatureRefusal | undefined {
  const xSdkDate = header(request.headers, 'x-sdk-date');
  const late = checkDate(xSdkDate, time);
  if (late) return late;
  const signed = signedList.toLowerCase().split(';');
  // The gateway's one requirement of SignedHeaders: X-Sdk-Date (the signing guide). Host, Content-Type
  // and the rest are the client's choice, and covered when named.
  if (!signed.includes('x-sdk-date'))
    return { reason: SIGNATURE_FAIL, rule: `SignedHeaders (${signedList}) must include x-sdk-date` };
  const headers = new Map<string, string>();
  for (const name of signed) {
    const value = header(request.headers, name);
    if (value === undefined) return { reason: SIGNATURE_FAIL, rule: `the signed header ${name} is not in the request` };
    headers.set(name, value.trim());
  }
  // The client's own algorithm over the one parse of the target, the header bytes and the body's
  // bytes as received; on Node it hashes with node:crypto (#sha256; bench row "mock signature
  // verification per request").
  const computed = computeSignature({
    method: request.method,
    url: request.target,
    headers,
    headerBytes: 'latin1',
    body: request.body ?? null,
    sk,
    date: xSdkDate!,
  });
  if (sameText(computed.signature, signature.toLowerCase())) return undefined;
  return {
    reason: SIGNATURE_FAIL,
    rule: "the signature is not the one computed over the canonical request in `signing` (diff it against your signer's)",
    signing: traceOf(computed, headers),
  };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A header value received as bytes (one character each), as readable text: UTF-8 where it is, else `\xNN` per byte. */
export function readableBytes(value: string): string {
  if (!/[^\x00-\x7f]/.test(value)) return printable(value);
  const bytes = Uint8Array.from(value, (c) => c.charCodeAt(0));
  try {
    return printable(UTF8.decode(bytes));
  } catch {
    return printable(value.replace(/[\x80-\xff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase()}`));
  }
}

/** The trace of a refused signature: its canonical request with secret header values redacted and every value readable. */
function traceOf(
  { canonical, stringToSign, signedHeaders }: ComputedSignature,
  headers: Map<string, string>,
): SigningTrace {
  const lines = canonical.split('\n');
  lines[2] = redactQuery(lines[2]!); // the canonical query
  // Lines 3 .. 3+n-1 are the n canonical headers, `name:value`, in the order of `signedHeaders`.
  const names = signedHeaders.split(';');
  names.forEach((name, i) => {
    const value = headers.get(name)!;
    lines[3 + i] = `${name}:${isSecretHeaderName(name) ? REDACTED : readableBytes(value)}`;
  });
  return { canonicalRequest: lines.join('\n'), stringToSign, signedHeaders: names };
}
