// printable: the one place that makes text from elsewhere safe to print.
import { describe, expect, it } from 'vitest';
import { codePoints, printable, printableJson, UNPRINTABLE } from '../../src/text.js';

describe('hostile: printable', () => {
  it.each([
    ['ESC (a screen clear)', '\u001b[2J', '\\u{1b}[2J'],
    ['BEL ending a window title', '\u001b]0;t\u0007', '\\u{1b}]0;t\\u{7}'],
    ['CR, LF, TAB', 'a\rb\nc\td', 'a\\u{d}b\\u{a}c\\u{9}d'],
    ['NUL and DEL', '\u0000\u007f', '\\u{0}\\u{7f}'],
    ['C1 (NEL, CSI)', '\u0085\u009b', '\\u{85}\\u{9b}'],
    [
      'bidi marks, overrides and isolates',
      '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069',
      '\\u{61c}\\u{200e}\\u{200f}\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{202e}\\u{2066}\\u{2067}\\u{2068}\\u{2069}',
    ],
    ['line and paragraph separators', '\u2028\u2029', '\\u{2028}\\u{2029}'],
    ['zero-width characters and BOM', '\u200b\u200d\ufeff', '\\u{200b}\\u{200d}\\u{feff}'],
    ['tag characters (astral)', '\u{e0041}', '\\u{e0041}'],
    ['a lone surrogate', 'x\ud800y', 'x\\u{d800}y'],
  ])('escapes %s visibly', (_what, text, expected) => {
    expect(printable(text)).toBe(expected);
  });

  it('leaves printable text alone: letters of any script, emoji, quotes and backslashes', () => {
    for (const text of [
      'SMS.9004: The current account',
      'caf\u00e9 \u547d\u4ee4 \u0645\u0631\u062d\u0628\u0627 \ud83d\ude00',
      '"quoted" \\ back\\slash \\u{1b} already escaped',
    ])
      expect(printable(text)).toBe(text);
  });

  it('every UTF-16 code unit, alone and inside plain text, is escaped exactly when UNPRINTABLE names it (the ASCII shortcut changes no verdict)', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      const named = new RegExp(UNPRINTABLE.source, 'u').test(c);
      if ((printable(`ab${c}cd`) !== `ab${c}cd`) !== named) wrong.push(code.toString(16));
      if ((printableJson(`"${c}"`) !== `"${c}"`) !== (named && code >= 0x20)) wrong.push(`json ${code.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('printableJson: the same characters as JSON escapes; the JSON still parses to the same value', () => {
    const value = { message: 'a\u001b[2J\u202e\u2028\u0085\u007f\u{e0041}b', path: '$.\u202eevil' };
    const json = printableJson(JSON.stringify(value));
    expect(json).toBe('{"message":"a\\u001b[2J\\u202e\\u2028\\u0085\\u007f\\udb40\\udc41b","path":"$.\\u202eevil"}');
    expect(JSON.parse(json)).toEqual(value);
    const indented = printableJson(JSON.stringify(value, null, 2));
    expect(indented.split('\n')).toHaveLength(4);
    expect(JSON.parse(indented)).toEqual(value);
  });
});

describe('hostile: codePoints', () => {
  it('counts code points as JSON Schema maxLength does: an emoji is one, a lone surrogate one', () => {
    expect([
      codePoints(''),
      codePoints('abc'),
      codePoints('😀'.repeat(20)),
      codePoints('a\ud800b'),
      codePoints('\ude00\ud83d'),
      codePoints('命令'),
    ]).toEqual([0, 3, 20, 3, 2, 2]);
  });
});
