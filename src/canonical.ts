// The canonical URI and query of "SDK-HMAC-SHA256", as Huawei's signing guide and its SDK signers
// build them, and the one parse of a request target as received that the mock routes, scripts,
// journals and verifies from. The signer and the verifier both call `canonicalSegments` and
// `canonicalQuery`, so what is signed and what is checked cannot drift apart.

/** RFC 3986 encoding: every byte but the unreserved `A-Z a-z 0-9 - _ . ~` percent-encoded. */
export const encodeStrict = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function decodeLoose(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Only unreserved characters and `/`: such a path is its own canonical form (no decoding, no encoding). */
const PLAIN_PATH = /^[\w\-.~/]*$/;

/** The canonical URI from decoded segments: each encoded once, joined by `/`, with a trailing `/`. */
export function canonicalSegments(segments: readonly string[]): string {
  const path = segments.map(encodeStrict).join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

/**
 * The canonical URI of a URL's pathname, for the signer: each segment decoded once and encoded
 * once, a trailing `/` appended. A WHATWG URL has already resolved dot segments and `\`, and the
 * path it holds is the one fetch sends, so this signs exactly what goes on the wire.
 */
export function canonicalUri(pathname: string): string {
  if (PLAIN_PATH.test(pathname)) return pathname.endsWith('/') ? pathname : `${pathname}/`;
  return canonicalSegments(pathname.split('/').map(decodeLoose));
}

/** Compares two strings by Unicode code point (as Python and Go sort), not by UTF-16 unit as `<` does. */
export function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800-DFFF) encode code points above FFFF, so they sort after E000-FFFF.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The canonical query of a `?…` search string, as the signing guide and Huawei's SDK signers build
 * it: each name and value decoded once, sorted by name, then (for a repeated name) by value, each
 * `name=value` encoded once, joined by `&`. `+` is a literal plus (RFC 3986), not a space.
 */
export function canonicalQuery(search: string): string {
  if (search.length <= 1) return '';
  const pairs: Array<[string, string]> = [];
  for (const pair of search.slice(search.startsWith('?') ? 1 : 0).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    pairs.push(eq < 0 ? [decodeLoose(pair), ''] : [decodeLoose(pair.slice(0, eq)), decodeLoose(pair.slice(eq + 1))]);
  }
  if (pairs.length > 1) pairs.sort((a, b) => byCodePoint(a[0], b[0]) || byCodePoint(a[1], b[1]));
  let out = '';
  for (const [name, value] of pairs) out += `${out ? '&' : ''}${encodeStrict(name)}=${encodeStrict(value)}`;
  return out;
}

/** A request target as received, parsed once: what routing, scripts, the journal and the verifier read. */
export interface RequestTarget {
  /** The path as received, still encoded (without the query). */
  path: string;
  /** The path's segments, each decoded once; the first is the empty one before the leading `/`. */
  segments: string[];
  /** The canonical URI the signature covers. */
  uri: string;
  /** The query as received, with its `?` (or ''). */
  search: string;
}

/** Why a request target is refused: a path that a URL parser would read differently from the way it is routed. */
export interface TargetProblem {
  path: string;
  problem: string;
}

/**
 * Parses the request target exactly as received (`req.url`). Refuses, with the reason, every path
 * that a URL parser (`new URL`, a proxy, a browser) would resolve to another path than the one its
 * segments name: a `\` (read as `/`), a dot segment in any spelling (`.`, `..`, `%2e`, `.%2E`, …,
 * which are resolved away), a `#` (dropped with everything after it), a malformed percent-escape,
 * a raw byte outside ASCII (decoded two ways), and a target that is not a path (`*`, `http://…`).
 */
export function parseTarget(target: string): RequestTarget | TargetProblem {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const search = q < 0 ? '' : target.slice(q);
  const refuse = (problem: string): TargetProblem => ({ path, problem });
  if (!path.startsWith('/')) return refuse('the request target is not a path starting with "/"');
  if (target.includes('#')) return refuse('it contains "#": URL parsers drop the fragment and everything after it');
  if (PLAIN_PATH.test(path)) {
    const segments = path.split('/');
    for (const segment of segments)
      if (segment === '.' || segment === '..')
        return refuse(`it has the dot segment "${segment}", which URL parsers resolve away`);
    return { path, segments, uri: path.endsWith('/') ? path : `${path}/`, search };
  }
  if (path.includes('\\')) return refuse('it contains "\\", which URL parsers read as "/"');
  if (/[^\u0021-\u007e]/.test(path))
    return refuse('it has a raw character outside printable ASCII: percent-encode it (UTF-8)');
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refuse(`the segment ${JSON.stringify(raw)} has a malformed percent-escape`);
    }
    // Every spelling of a dot segment (`.`, `%2e`, `.%2E`, `%2e%2e`, …) decodes to `.` or `..`.
    if (segment === '.' || segment === '..')
      return refuse(`it has the dot segment ${JSON.stringify(raw)}, which URL parsers resolve away`);
    segments.push(segment);
  }
  return { path, segments, uri: canonicalSegments(segments), search };
}
