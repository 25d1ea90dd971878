// The one list of names that may carry a credential: header names and query parameter names. The
// client's redaction (client/redact.ts) and the mock's signing trace (mock/auth/signature.ts) both ask here, so
// a name added once is hidden everywhere.

/** What stands where a secret was, in every redaction of the package. */
export const REDACTED = '[REDACTED]';

/**
 * A word that makes any header or query name a credential's: `Authorization`, `Proxy-Authorization`,
 * `Cookie`, `X-Auth-Token`, `X-Security-Token`, `X-Api-Key`, `Apikey`, `X-Access-Key`,
 * `X-Private-Key`, `access_key`, `client_secret`, `X-Amz-Signature`, `session_id`, ...
 */
const SECRET_WORD =
  /authorization|cookie|token|secret|passw(?:or)?d|session|signature|credential|api[-_ ]?key|private[-_ ]?key|access[-_ ]?key/;

/** `sk` as a whole part of a name (`sk`, `X-Sk`, `sk_value`): the secret key of an AK/SK pair. */
const SK_PART = /(?:^|[-_.])sk(?:$|[-_.])/;

/** Short query names that carry a credential by convention (`?sig=`, `?key=`), too common in header names to match there. */
const SECRET_QUERY_NAMES: ReadonlySet<string> = new Set(['sig', 'key', 'pass', 'pwd']);

/** Whether a header's value may be a credential. `name` is lower-case, as Node and `Headers` give it. */
export function isSecretHeaderName(name: string): boolean {
  return SECRET_WORD.test(name) || SK_PART.test(name);
}

/** Whether a query parameter's value may be a credential; `name` is lower-case (decoded, `+` as space). */
export function isSecretQueryName(name: string): boolean {
  return isSecretHeaderName(name) || SECRET_QUERY_NAMES.has(name);
}

/** A query name as the server reads it: percent-decoded, `+` as a space, lower-case; as written when not decodable. */
function queryName(raw: string): string {
  const name = raw.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/**
 * `search` (`?a=1&token=x`, or a canonical query string without `?`) with the value of every
 * credential-looking parameter replaced by `[REDACTED]`; everything else exactly as written.
 */
export function redactQuery(search: string): string {
  const lead = search.startsWith('?') ? '?' : '';
  const pairs = search.slice(lead.length).split('&');
  let changed = false;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    const eq = pair.indexOf('=');
    if (eq < 0 || eq === pair.length - 1 || !isSecretQueryName(queryName(pair.slice(0, eq)))) continue;
    pairs[i] = `${pair.slice(0, eq + 1)}${REDACTED}`;
    changed = true;
  }
  return changed ? lead + pairs.join('&') : search;
}
