// Removing secrets from whatever an error carries: messages, excerpts, echoed bodies.

export const REDACTED = '[REDACTED]';

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
const SIGNATURE = /Signature=[0-9a-fA-F]+/g;

export type Redactor = (text: string) => string;

/** A function that removes the given secrets, and any request signature, from a string. */
export function createRedactor(secrets: ReadonlyArray<string>): Redactor {
  const long = secrets.filter((secret) => secret.length >= FRAGMENT_LENGTH);
  const short = secrets.filter((secret) => secret.length > 0 && secret.length < FRAGMENT_LENGTH);
  let fragments: Set<string> | undefined; // built on the first error, never on the success path
  return (text) => {
    let out = text.includes('Signature=') ? text.replace(SIGNATURE, `Signature=${REDACTED}`) : text;
    if (long.length && out.length >= FRAGMENT_LENGTH) out = removeFragments(out, (fragments ??= fragmentsOf(long)));
    for (const secret of short) out = removeStandalone(out, secret);
    return out;
  };
}

function fragmentsOf(secrets: ReadonlyArray<string>): Set<string> {
  const set = new Set<string>();
  for (const secret of secrets) for (let i = 0; i + FRAGMENT_LENGTH <= secret.length; i++) set.add(secret.slice(i, i + FRAGMENT_LENGTH));
  return set;
}

/** Replaces every run of text covered by fragments of a secret with one REDACTED. */
function removeFragments(text: string, fragments: Set<string>): string {
  let out = '';
  let copied = 0; // text before this index is in `out`
  let coveredTo = -1; // the current redacted run covers text up to here (exclusive)
  for (let i = 0; i + FRAGMENT_LENGTH <= text.length; i++) {
    if (!fragments.has(text.slice(i, i + FRAGMENT_LENGTH))) continue;
    if (i > coveredTo) {
      if (coveredTo >= 0) out += REDACTED;
      out += text.slice(copied, i);
    }
    coveredTo = Math.max(coveredTo, i + FRAGMENT_LENGTH);
    copied = coveredTo;
  }
  if (coveredTo < 0) return text;
  return out + REDACTED + text.slice(copied);
}

function removeStandalone(text: string, secret: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + secret.length)) {
    const before = text[at - 1];
    const after = text[at + secret.length];
    if ((before !== undefined && CREDENTIAL_CHAR.test(before)) || (after !== undefined && CREDENTIAL_CHAR.test(after))) continue;
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
