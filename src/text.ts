// Making text from elsewhere (a server's error_msg, a JSON path built from its field names, a
// caller's abort reason) safe to print: one function, used by every error message and by
// sms-command-verify's report.

/**
 * What a terminal or a text viewer would act on or hide rather than show: every control character
 * (C0 including \t \n \r and ESC, DEL, C1), every invisible format character (bidi marks, embeddings,
 * overrides and isolates such as U+202E, zero-width characters, U+FEFF, tag characters), the line
 * and paragraph separators U+2028/U+2029, and lone surrogates.
 */
export const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;

/**
 * Printable ASCII alone: UNPRINTABLE can match none of it (every character it names is C0, DEL or
 * above U+007F). Testing this plain class first spares the Unicode-property scan on the text nearly
 * every request carries (bench: "mock requests/s" rows, where each answer and journal entry passes).
 */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/**
 * `text` with every character that is not safe to print (see UNPRINTABLE) replaced by a visible
 * escape of its code point, `\u{1b}` for ESC, `\u{202e}` for RIGHT-TO-LEFT OVERRIDE: lower-case hex,
 * no padding (the notation of JavaScript and Rust string literals). Anything else, backslashes
 * included, is left as it is.
 */
export function printable(text: string): string {
  if (PLAIN_ASCII.test(text)) return text;
  return text.replace(UNPRINTABLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** `text` made printable line by line: its line breaks kept, every other unprintable character escaped (a log line with a stack). */
export const printableLines = (text: string): string => text.split('\n').map(printable).join('\n');

/**
 * JSON text (from JSON.stringify) with the same characters written as JSON `\uXXXX` escapes: still
 * valid JSON that parses to exactly the same strings, but safe to `cat` to a terminal. JSON.stringify
 * escapes C0 itself, not DEL, C1, bidi controls or U+2028/U+2029.
 */
export function printableJson(json: string): string {
  if (PLAIN_ASCII.test(json)) return json;
  return json.replace(UNPRINTABLE, (c) => {
    // C0 stands raw only outside strings (the line breaks of indented JSON): JSON.stringify escapes it in them.
    if (c < ' ') return c;
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}

/**
 * The length of `text` in characters as JSON Schema's maxLength counts them (code points, as Ajv,
 * the spec and the mock do): an emoji is one, not two UTF-16 units. O(length).
 */
export function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++, count++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count;
}

/** What a JSON value is, for a message: `null`, `an array`, or its `typeof`. */
export function describeJson(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
