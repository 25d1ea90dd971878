// The journal's free text as it keeps it: bounded (MAX_JOURNAL_TEXT) and a string of its own, never a
// slice that keeps a request's whole header or URL alive with the entry.
import type { SigningTrace } from '../auth/signature.js';

/**
 * The most characters (UTF-16 code units) the journal keeps of an entry's `path`, `id`, `auth.ak`
 * and `reason`; the rest is replaced by `…(N more characters)`. The gateway's AKs are 20
 * characters and its ids at most 36: only a hostile or broken client sends more.
 */
export const MAX_JOURNAL_TEXT = 1024;

/**
 * `text` as the journal keeps it: cut at MAX_JOURNAL_TEXT (never between the halves of a surrogate
 * pair) with a marker saying how much is left out, and always a string of its own: a substring
 * V8 shares with the request's header or URL would keep all of that alive with the entry.
 */
export function keptText(text: string): string {
  if (text.length > MAX_JOURNAL_TEXT) {
    const cut = /[\uD800-\uDBFF]/.test(text[MAX_JOURNAL_TEXT - 1]!) ? MAX_JOURNAL_TEXT - 1 : MAX_JOURNAL_TEXT;
    return own(`${text.slice(0, cut)}…(${text.length - cut} more characters)`);
  }
  return own(text);
}

/**
 * A copy of `text` that shares no memory with another string (short ones V8 copies anyway). Slicing
 * `' ' + text` makes V8 flatten that pair into one new string first, so the slice's parent is the
 * copy, never the request's text (test/unit/journal-entry.test.ts measures what is held); about a
 * sixth of the JSON round trip's cost (bench: "mock report requests/s").
 */
export const own = (text: string): string => (text.length < 13 ? text : (' ' + text).slice(1));

/** The texts of a signing trace, each counted against MAX_JOURNAL_BYTES: its two texts and each signed header's name. */
export const traceTexts = ({ canonicalRequest, stringToSign, signedHeaders }: SigningTrace): string[] => [
  canonicalRequest,
  stringToSign,
  ...signedHeaders,
];

/** A copy of a signing trace that shares no memory with the request: its texts and its list its own. */
export const ownTrace = ({ canonicalRequest, stringToSign, signedHeaders }: SigningTrace): SigningTrace => ({
  canonicalRequest: own(canonicalRequest),
  stringToSign: own(stringToSign),
  signedHeaders: signedHeaders.map(own),
});
