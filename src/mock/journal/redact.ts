// The mock's secrets kept out of its journal by value: each configured SK and token, and the token and
// security token a request carries, wherever a request put them (a header, the query, the path, the
// Access= slot, a report) and however encoded (percent-escapes, JSON `\u` escapes, invisible
// characters between the letters: the client's `undisguise`). Whole values only: the journal shows a
// request's own words, and test credentials (`…0000000001`) share runs of characters with the AKs
// beside them, which the client's 8-character fragments would cut out of every AK.
import { type Redactor, undisguise } from '../../client/redact.js';
import { REDACTED } from '../../secret-names.js';

/** Secrets shorter than this are not looked for: a test token such as `t` or `any` is a word in every reason. */
export const MIN_REDACTED_SECRET = 8;

/** A function that replaces every occurrence of each secret (as written, or disguised) with `[REDACTED]`. */
export function createValueRedactor(secrets: ReadonlyArray<string>): Redactor {
  const wanted = [...new Set(secrets.filter((s) => s.length >= MIN_REDACTED_SECRET))];
  if (!wanted.length) return (text) => text;
  const views = [...new Set(wanted.flatMap((s) => [s, undisguise(s)?.view ?? s]))];
  return (text) => {
    if (text.length < MIN_REDACTED_SECRET) return text;
    const disguised = undisguise(text);
    const view = disguised?.view ?? text;
    const ranges: Array<[number, number]> = [];
    for (const secret of views)
      for (let i = view.indexOf(secret); i >= 0; i = view.indexOf(secret, i + secret.length))
        ranges.push(disguised ? [disguised.at[i]!, disguised.at[i + secret.length]!] : [i, i + secret.length]);
    if (!ranges.length) return text;
    ranges.sort((a, b) => a[0] - b[0]);
    let out = '';
    let copied = 0;
    for (const [start, end] of ranges) {
      if (start >= copied) out += text.slice(copied, start) + REDACTED;
      copied = Math.max(copied, end);
    }
    return out + text.slice(copied);
  };
}
