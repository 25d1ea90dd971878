// Removing secrets from whatever an error carries: messages, excerpts, echoed bodies.
import { isSecretQueryName, REDACTED } from '../secret-names.js';
import { UNPRINTABLE } from '../text.js';

/**
 * Secrets of at least this many characters are removed wherever any FRAGMENT_LENGTH characters of
 * them appear in a row (a server echoing half a token, an excerpt cut through one). Real credentials
 * are far longer (an IAM token is thousands of characters, an SK 40), and an 8-character run of a
 * random credential does not occur in ordinary text by chance. Fragments shorter than this are left:
 * they reveal at most 7 characters.
 */
export const FRAGMENT_LENGTH = 8;

/**
 * A secret shorter than FRAGMENT_LENGTH (a test token like `t`) is removed only where it stands
 * alone, not inside a word: searching for its letters everywhere would mangle every message
 * (`SMS.9004` with the token `S`). Credential characters are base64 and URL-safe ones.
 */
const CREDENTIAL_CHAR = /[A-Za-z0-9+/=._~-]/;

/**
 * A credential-looking name and its value, whatever the separator and quoting: `Signature=<hex>`,
 * `X-Auth-Token: <token>`, `"access_key":"<key>"` (also with escaped quotes, or URL-encoded:
 * `Signature%3D<hex>`, `token%3A<token>`). The names are secret-names.ts's; a value ends at a quote,
 * `&`, `,` or `;`, encoded or not. It is replaced when it is FRAGMENT_LENGTH or more characters
 * holding a digit, as credentials do, so prose such as `signature: bad request` or `the signature =
 * deadbeefing` is left. After `Authorization:`, a scheme word (`Bearer`, `SDK-HMAC-SHA256`) is kept
 * and what follows it is the value.
 */
const SCHEME = '(?:Bearer|Basic|Digest|SDK-HMAC-SHA256)';
const NAMED_VALUE = new RegExp(
  '(?<=^|[^A-Za-z0-9_-]|%[0-9A-Fa-f]{2})([A-Za-z][A-Za-z0-9_-]{0,63})' +
    `((?:\\\\?["']|%22)?\\s*(?:[:=]|%3[ad])\\s*(?:\\\\?["']|%22)?(?:${SCHEME}\\s+)?)` +
    `(?!${SCHEME}\\s)((?:[^\\s"'\\\\&,;<>=%]|%(?!2[267cC]|3[bB])[0-9A-Fa-f]{2}){${FRAGMENT_LENGTH},})`,
  'gi',
);
const HAS_DIGIT = /[0-9]/;

/**
 * A request's signature echoed bare, without its name: 64 hex digits standing alone (what an
 * SDK-HMAC-SHA256 signature is). Any other SHA-256 in hex is hidden with it, a price worth paying.
 */
const BARE_SIGNATURE = /(?<![0-9a-z])[0-9a-f]{64}(?![0-9a-z])/gi;

function removeNamedValues(text: string): string {
  return text.replace(NAMED_VALUE, (all, name: string, separator: string, value: string) =>
    HAS_DIGIT.test(value) && isSecretQueryName(name.toLowerCase()) ? `${name}${separator}${REDACTED}` : all,
  );
}

/**
 * What a server echoing a credential may have encoded it with, and what may stand between its
 * characters unseen: `%XX` of an ASCII byte (encodeURIComponent, or every byte), a JSON `\uXXXX`
 * escape, and the characters `printable` escapes (a zero-width space between every few characters).
 */
const DISGUISE = new RegExp(`%[0-7][0-9a-f]|\\\\u[0-9a-f]{4}|${UNPRINTABLE.source}`, 'giu');

/** Printable ASCII without `%` or `\\`: a text in which DISGUISE finds nothing. */
const PLAIN_TEXT = /^[\x20-\x24\x26-\x5b\x5d-\x7e]*$/;

export type Redactor = (text: string) => string;

/**
 * A function that removes the given secrets, any request signature, and the value of any
 * credential-looking name, from a string. A long secret is also found lower-cased: a URL's host is
 * (a redirect to `http://<token>.example.com/`), and so are some servers' echoes.
 */
export function createRedactor(secrets: ReadonlyArray<string>): Redactor {
  const long = [...new Set(secrets.filter((s) => s.length >= FRAGMENT_LENGTH).flatMap((s) => [s, s.toLowerCase()]))];
  const short = secrets.filter((secret) => secret.length > 0 && secret.length < FRAGMENT_LENGTH);
  let fragments: Set<string> | undefined; // built on the first error, never on the success path
  return (text) => {
    let out = removeNamedValues(text).replace(BARE_SIGNATURE, REDACTED);
    if (long.length && out.length >= FRAGMENT_LENGTH) out = removeFragments(out, (fragments ??= fragmentsOf(long)));
    for (const secret of short) out = removeStandalone(out, secret);
    return out;
  };
}

function fragmentsOf(secrets: ReadonlyArray<string>): Set<string> {
  const set = new Set<string>();
  // Each secret as written, and as it reads once DISGUISE is undone (without invisible characters).
  for (const secret of new Set(secrets.flatMap((s) => [s, undisguise(s)?.view ?? s]))) {
    for (let i = 0; i + FRAGMENT_LENGTH <= secret.length; i++) set.add(secret.slice(i, i + FRAGMENT_LENGTH));
  }
  return set;
}

/**
 * The text with DISGUISE undone (`%41` and `\u0041` read as `A`, invisible characters dropped), and
 * where each of its characters starts in the text (`at[view.length]` is the text's length); undefined
 * when there is nothing to undo.
 */
export function undisguise(text: string): { view: string; at: Uint32Array } | undefined {
  // Printable ASCII without `%` or `\\`: nothing DISGUISE names, no scan (bench: "mock requests/s"
  // rows, where the journal redacts every entry's strings).
  if (PLAIN_TEXT.test(text)) return undefined;
  let view = '';
  let at: Uint32Array | undefined; // 4 bytes a character, made only when there is something to undo
  let length = 0; // of the view so far
  let copied = 0;
  for (const match of text.matchAll(DISGUISE)) {
    const token = match[0];
    at ??= new Uint32Array(text.length + 1);
    for (let i = copied; i < match.index; i++) at[length++] = i;
    view += text.slice(copied, match.index);
    if (token[0] === '%' || (token[0] === '\\' && token.length === 6)) {
      view += String.fromCharCode(parseInt(token.slice(token[0] === '%' ? 1 : 2), 16));
      at[length++] = match.index;
    }
    copied = match.index + token.length;
  }
  if (!at) return undefined;
  for (let i = copied; i < text.length; i++) at[length++] = i;
  at[length] = text.length;
  return { view: view + text.slice(copied), at };
}

/** Adds the runs of `text` covered by fragments of a secret to `ranges`, as [start, end) of `at` (or of `text`). */
function cover(text: string, fragments: Set<string>, ranges: Array<[number, number]>, at?: Uint32Array): void {
  let start = -1;
  let end = -1; // the current run covers text up to here (exclusive)
  const close = () => ranges.push(at ? [at[start]!, at[end]!] : [start, end]);
  for (let i = 0; i + FRAGMENT_LENGTH <= text.length; i++) {
    if (!fragments.has(text.slice(i, i + FRAGMENT_LENGTH))) continue;
    if (i > end) {
      if (start >= 0) close();
      start = i;
    }
    end = Math.max(end, i + FRAGMENT_LENGTH);
  }
  if (start >= 0) close();
}

/** Replaces every run of text covered by fragments of a secret, as written or disguised, with one REDACTED. */
function removeFragments(text: string, fragments: Set<string>): string {
  const ranges: Array<[number, number]> = [];
  // One pass: over the undisguised text when there is anything to undo (the fragments hold each
  // secret undisguised too, so a secret that itself holds `%41` is still found), else over the text.
  const disguised = undisguise(text);
  if (disguised) cover(disguised.view, fragments, ranges, disguised.at);
  else cover(text, fragments, ranges);
  if (!ranges.length) return text;
  let out = '';
  let copied = -1; // text before this index is in `out` or redacted
  for (const [start, end] of ranges) {
    if (start > copied) out += text.slice(Math.max(copied, 0), start) + REDACTED;
    copied = Math.max(copied, end);
  }
  return out + text.slice(copied);
}

function removeStandalone(text: string, secret: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + secret.length)) {
    const before = text[at - 1];
    const after = text[at + secret.length];
    if ((before !== undefined && CREDENTIAL_CHAR.test(before)) || (after !== undefined && CREDENTIAL_CHAR.test(after)))
      continue;
    out += text.slice(from, at) + REDACTED;
    from = at + secret.length;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Deeper than this, a parsed error body is kept as its (redacted) text: JSON.stringify and most
 * recursive code fail on it, and no documented body nests more than three levels. */
export const MAX_JSON_DEPTH = 64;

/**
 * Redacts every string (keys included) of freshly parsed JSON in place, without recursion. Returns
 * false when the value nests deeper than MAX_JSON_DEPTH, leaving it partly done: use the text then.
 */
export function redactJson(value: unknown, redact: Redactor): boolean {
  const stack: Array<[container: unknown, depth: number]> = [[value, 0]];
  while (stack.length) {
    const [container, depth] = stack.pop()!;
    if (!container || typeof container !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return false;
    if (Array.isArray(container)) {
      for (let i = 0; i < container.length; i++) {
        const item: unknown = container[i];
        if (typeof item === 'string') container[i] = redact(item);
        else if (item && typeof item === 'object') stack.push([item, depth + 1]);
      }
      continue;
    }
    const record = container as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      let item = record[key];
      if (typeof item === 'string') item = record[key] = redact(item);
      else if (item && typeof item === 'object') stack.push([item, depth + 1]);
      const clean = redact(key);
      if (clean !== key) {
        delete record[key];
        record[clean] = item;
      }
    }
  }
  return true;
}
