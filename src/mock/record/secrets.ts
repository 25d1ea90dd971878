// The secret scan: before a recording or a scenario file is written or loaded, every key and string
// value in it is looked at for anything shaped like a credential, and for the secrets the mock was
// given by value. A hit names the field and the shape, never the value: the message itself must not
// leak what it found.

/** What a hit says: the field (`scripts["/v3/sources/s1/command"][0].body.note`) and the shape found. */
export interface SecretHit {
  field: string;
  shape: string;
}

/**
 * The shortest configured secret looked for by value: a shorter one (a test's token `any`) would be
 * found in ordinary words. Every credential the gateway issues is far longer.
 */
export const MIN_SECRET_LENGTH = 8;

/** Keys that name a credential-carrying header or field: a recording never holds one, whatever its value. */
const SECRET_KEY =
  /^(?:authorization|proxy-authorization|x-auth-token|x-subject-token|x-security-token|security[-_]?token|cookie|set-cookie|sk|secret[-_]?key|password)$/i;

/** What every shape below needs somewhere in the text: one test rules out an ordinary string at once. */
const CANDIDATE = /[A-Za-z0-9+/=_-]{19}|Signature=|SDK-HMAC|Bearer|Basic/i;
const SIGNATURE = /SDK-HMAC-SHA256|Signature=/i;
const AUTHORIZATION_VALUE = /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/;
/** Runs of base64 characters (a token, a security token) and of letters and digits (an AK, an SK). */
const BASE64_RUN = /[A-Za-z0-9+/=_-]+/g;
const ALNUM_RUN = /[A-Za-z0-9]+/g;

/** The shape of one run of letters and digits: an AK (20 upper-case letters and digits, one letter at least: twenty digits are a number) or an SK (40 letters and digits, both). */
function keyShapeOf(run: string): string | undefined {
  if (run.length === 20 && /^[A-Z0-9]+$/.test(run) && /[A-Z]/.test(run))
    return 'an AK (20 upper-case letters and digits)';
  if (run.length === 40 && /[A-Za-z]/.test(run) && /[0-9]/.test(run)) return 'an SK (40 letters and digits)';
  return undefined;
}

/**
 * The shape a string has, or undefined: a configured secret first, then the credential shapes. The
 * text is cut into runs once (no pattern that retries at every position: a megabyte of letters is
 * read in linear time).
 */
export function secretShapeOf(text: string, configured: readonly string[]): string | undefined {
  for (const secret of configured)
    if (secret.length >= MIN_SECRET_LENGTH && text.includes(secret)) return 'a configured secret (by value)';
  if (text.length < 8 || !CANDIDATE.test(text)) return undefined;
  if (SIGNATURE.test(text)) return 'a signature (SDK-HMAC-SHA256 / Signature=)';
  if (AUTHORIZATION_VALUE.test(text)) return 'an Authorization value (Bearer / Basic)';
  let longRun = false;
  for (const [run] of text.matchAll(BASE64_RUN)) {
    if (run.length >= 19 && /MII[A-Za-z0-9+/=_-]{16}/.test(run)) return 'an IAM token (MII…)';
    if (run.length >= 256) longRun = true;
  }
  for (const [run] of text.matchAll(ALNUM_RUN)) {
    const shape = keyShapeOf(run);
    if (shape) return shape;
  }
  // A security token of temporary credentials: a long base64 run.
  return longRun ? 'a security token (a base64 run of 256 characters or more)' : undefined;
}

/** A key as a field path segment: `.name` when it is a plain name, `["…"]` otherwise. */
const segment = (key: string) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

/**
 * Every credential in `value` (a parsed scenario, or a step about to be written): each key and each
 * string, with the field it is at. Iterative: a deeply nested value costs no stack. The key of a
 * credential header is a hit whatever its value.
 */
export function scanForSecrets(value: unknown, configured: readonly string[] = [], root = ''): SecretHit[] {
  const hits: SecretHit[] = [];
  // Each entry: a value, its parent's field and its key or index there. A field's text is made only
  // for a hit or a container whose children are walked: a file of 100,000 plain fields makes none.
  const stack: Array<[unknown, string, string | number | undefined]> = [[value, root, undefined]];
  const fieldOf = (parent: string, key: string | number | undefined) =>
    key === undefined ? parent : typeof key === 'number' ? `${parent}[${key}]` : `${parent}${segment(key)}`;
  while (stack.length) {
    const [node, parent, key] = stack.pop()!;
    if (typeof node === 'string') {
      const shape = secretShapeOf(node, configured);
      if (shape) hits.push({ field: fieldOf(parent, key) || '(the whole value)', shape });
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const at = fieldOf(parent, key);
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], at, i]);
      continue;
    }
    const keys = Object.keys(node);
    for (const name of keys) {
      if (SECRET_KEY.test(name)) hits.push({ field: fieldOf(at, name), shape: `a credential field (${name})` });
      else {
        const shape = secretShapeOf(name, configured);
        if (shape) hits.push({ field: `${fieldOf(at, name)} (its key)`, shape });
      }
    }
    for (let i = keys.length - 1; i >= 0; i--) stack.push([(node as Record<string, unknown>)[keys[i]!], at, keys[i]]);
  }
  return hits;
}

/** The most hits a refusal lists; the rest are counted. */
export const MAX_SECRET_HITS = 20;

/** A refusal's lines: `<where>: <field> holds <shape>`, the value never shown. */
export function describeHits(where: string, hits: readonly SecretHit[], doing: string): string {
  const listed = hits
    .slice(0, MAX_SECRET_HITS)
    .map(({ field, shape }) => `${where}: ${field} holds ${shape}, refused (the value is not shown)`);
  if (hits.length > MAX_SECRET_HITS)
    listed.push(`${where}: and ${hits.length - MAX_SECRET_HITS} more (MAX_SECRET_HITS, ${MAX_SECRET_HITS})`);
  listed.push(
    `${where}: ${doing}: a recording or scenario never holds a credential; remove each value named above (or replace it with a placeholder)`,
  );
  return listed.join('\n');
}
