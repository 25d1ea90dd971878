// JSON text read with the line and column of its first problem (a control API body, a JSON scenario).
// Why not the `yaml` package: CONTRIBUTING.md, "Decisions" (figures from bench/parsers.mjs).
import { TextError } from '../../errors/text-error.js';
import { keyOnce, lineColumn } from './files.js';

/**
 * The offset of the first syntax error in a text JSON.parse refused, or undefined if none is found.
 * V8 in Node 20 names no position for an unexpected token (`[{"a": }]`, `[1,]`) or an early end, so
 * the messages could not say where without this. Iterative: any depth.
 */
function jsonErrorOffset(text: string): number | undefined {
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const LITERAL = /true|false|null/y;
  const at = (pattern: RegExp, i: number) => {
    pattern.lastIndex = i;
    return pattern.test(text) ? pattern.lastIndex : -1;
  };
  const string = (i: number): number => {
    const end = at(STRING, i);
    return text[end] === '"' ? end + 1 : -(Math.max(end, i) + 1); // negative: the error's offset, minus one
  };
  const stack: string[] = [];
  let i = 0;
  let state: 'value' | 'firstValue' | 'key' | 'firstKey' | 'after' = 'value';
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    const c = text[i];
    if (state === 'after') {
      const top = stack.at(-1);
      if (!top) return i < text.length ? i : undefined;
      if (c === ',') state = top === '{' ? 'key' : 'value';
      else if (c === (top === '{' ? '}' : ']')) stack.pop();
      else return i;
      i++;
    } else if (c === undefined) {
      return i;
    } else if (state === 'key' || state === 'firstKey') {
      if (state === 'firstKey' && c === '}') {
        stack.pop();
        i++;
        state = 'after';
        continue;
      }
      if (c !== '"') return i;
      const end = string(i);
      if (end < 0) return -end - 1;
      i = end;
      while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
    } else if (state === 'firstValue' && c === ']') {
      stack.pop();
      i++;
      state = 'after';
    } else if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      state = c === '{' ? 'firstKey' : 'firstValue';
    } else {
      const end = c === '"' ? string(i) : Math.max(at(NUMBER, i), at(LITERAL, i));
      if (end < 0) return c === '"' ? -end - 1 : i;
      i = end;
      state = 'after';
    }
  }
}

/** JSON.parse, throwing a TextError with the line and column of the problem. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new Error(`nested too deeply to read (${error.message})`);
    const reason = (error as Error).message.replace(/ in JSON at position \d+.*$/s, '');
    const offset = jsonErrorOffset(text) ?? Number(/at position (\d+)/.exec((error as Error).message)?.[1] ?? NaN);
    if (Number.isNaN(offset)) throw error;
    const { line, column } = lineColumn(text, offset);
    throw new TextError(line, column, reason);
  }
}

/**
 * Refuses an object of a valid JSON text that has a key twice, at the second (keyOnce: the rule YAML
 * documents are held to). Keys compare as JSON.parse reads them (`"a\u0062"` is `"ab"`). One pass, a
 * set per open object: a 4 MiB object of 400,000 keys costs milliseconds.
 */
function checkDuplicateKeys(text: string): void {
  const STRING = /"(?:[^"\\]|\\.)*"/y;
  const objects: Array<Set<unknown> | undefined> = []; // undefined: an array
  let keyNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      STRING.lastIndex = i;
      STRING.test(text);
      const end = STRING.lastIndex;
      const seen = objects.at(-1);
      if (keyNext && seen) {
        const raw = text.slice(i + 1, end - 1);
        keyOnce(seen, raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw, text, i);
        keyNext = false;
      }
      i = end - 1;
    } else if (c === 0x7b /* { */) {
      objects.push(new Set());
      keyNext = true;
    } else if (c === 0x5b /* [ */) {
      objects.push(undefined);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      objects.pop();
    } else if (c === 0x2c /* , */) {
      keyNext = objects.at(-1) !== undefined;
    }
  }
}

/**
 * A JSON document the mock reads from a file (a JSON scenario): parseJson, and a key given twice in
 * one object refused at the second (`line L, column C: duplicate key`), as in a YAML one; JSON.parse
 * would keep the last silently.
 */
export function parseJsonDocument(text: string): unknown {
  const data = parseJson(text);
  checkDuplicateKeys(text);
  return data;
}

/** The end of the JSON value (valid, as JSON.parse read it) that starts at `start` in `text`. */
function valueEnd(text: string, start: number): number {
  const STRING = /"(?:[^"\\]|\\.)*"/y;
  const SCALAR = /[^,\]}\s]*/y;
  let depth = 0;
  for (let i = start; ;) {
    const c = text[i];
    if (c === '"') {
      STRING.lastIndex = i;
      STRING.test(text);
      i = STRING.lastIndex;
    } else if (c === '{' || c === '[') {
      depth++;
      i++;
    } else if (c === '}' || c === ']') {
      depth--;
      i++;
    } else if (depth > 0) {
      i++;
    } else {
      SCALAR.lastIndex = i;
      SCALAR.test(text);
      return SCALAR.lastIndex;
    }
    if (depth === 0) return i;
  }
}

/**
 * The text of each member of the JSON object `text` (valid JSON, as JSON.parse read it), by key, as
 * sent: a number keeps its digits (`1e999`, 30 of them), which JSON.parse and JSON.stringify would
 * turn into `null` or `1.23e+29`. A key given twice is its last value's text, as JSON.parse keeps it.
 */
export function memberTexts(text: string): Map<string, string> {
  const KEY = /\s*("(?:[^"\\]|\\.)*")\s*:\s*/y;
  const members = new Map<string, string>();
  let i = text.indexOf('{') + 1;
  for (;;) {
    KEY.lastIndex = i;
    const key = KEY.exec(text);
    if (!key) return members;
    const end = valueEnd(text, KEY.lastIndex);
    members.set(JSON.parse(key[1]!) as string, text.slice(KEY.lastIndex, end));
    i = text.indexOf(',', end) + 1; // past the `,` (or the object's end: then no key follows)
    if (i === 0) return members;
  }
}
