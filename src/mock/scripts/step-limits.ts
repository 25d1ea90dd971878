// The limits a script step is held to, and the checks of one field at a time that name them
// (normalizeSteps in steps.ts runs them over every step).
import type { Violations } from '../../contract/violations.js';

export const STEP_FIELDS = ['status', 'body', 'headers', 'delay_ms', 'times', 'fault', 'unchecked', 'until', 'note'];
/** Steps in one script. */
export const MAX_STEPS = 1000;
/** The longest `delay_ms`. */
export const MAX_DELAY_MS = 600_000;
/**
 * How deeply a step's `body` may nest (objects and arrays), `unchecked` or not: the same 64 as the
 * package's client keeps an error body's JSON to (MAX_JSON_DEPTH in src/client/redact.ts). Much
 * deeper and JSON.stringify overflows the stack, so no listing of the scripts could be sent.
 */
export const MAX_BODY_DEPTH = 64;
/**
 * All scripts together, measured as the JSON text of what is stored (GET /__mock/scripts sends about
 * this much), which is what they hold: each step is kept as that text (scripts.ts), one byte a
 * character, two for a step with a character past U+00FF (heldBytes).
 */
export const MAX_SCRIPT_BYTES = 16 * 1024 * 1024;
/** API paths with a script at once. */
export const MAX_SCRIPT_PATHS = 1000;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** RFC 9110 field-value: visible ASCII, obs-text, and space or tab inside (no control character but HTAB). */
const HEADER_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;
/**
 * Headers a script may not set, and why: the mock frames every answer itself (Content-Length,
 * keep-alive), so a scripted value would make the client read the wrong number of bytes or the
 * connection misbehave for the next request; and the body is sent as it is, uncompressed, so a
 * Content-Encoding would make the client try to decompress JSON and fail with an error the real
 * service never causes.
 */
export const REFUSED_HEADERS: Readonly<Record<string, string>> = {
  'content-length': 'the mock frames the body itself: another length desynchronises the connection',
  'transfer-encoding': 'the mock frames the body itself: another framing desynchronises the connection',
  connection: 'a hop-by-hop header: the mock manages the connection (keep-alive or close)',
  'keep-alive': 'a hop-by-hop header: the mock manages the connection',
  'proxy-connection': 'a hop-by-hop header: the mock manages the connection',
  upgrade: 'a hop-by-hop header: the mock never switches protocols',
  te: 'a request header and hop-by-hop: it means nothing in an answer',
  trailer: 'the mock sends no trailers',
  'content-encoding': 'the body is sent uncompressed as written: a client would try to decompress it and fail',
};
/** Why a header may not be scripted, or undefined: an own key of REFUSED_HEADERS only (`constructor` is a header name like any other). */
const refusedHeader = (name: string): string | undefined => {
  const key = name.toLowerCase();
  return Object.hasOwn(REFUSED_HEADERS, key) ? REFUSED_HEADERS[key] : undefined;
};
export const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** What a numeric step field is, for the message that finds it quoted. */
const NUMBER_NAMES: Record<string, string> = {
  status: 'a status is a number',
  delay_ms: 'delay_ms is a number of milliseconds',
  times: 'times is a number',
};

/** Whether a step field is an integer from `min` to `max` (or left out); a problem named when not. */
export function integer(
  value: unknown,
  at: string,
  name: keyof typeof NUMBER_NAMES,
  min: number,
  max: number,
  problems: Violations,
): boolean {
  if (value === undefined) return true;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return true;
  const field = `${at}.${name}`;
  // "200" in JSON or '200' in YAML: the number the test meant, quoted.
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()))
    problems.push({
      field,
      rule: 'type',
      message: `is the string ${JSON.stringify(value)}: ${NUMBER_NAMES[name]}, write ${value.trim()} without quotes (an integer from ${min} to ${max})`,
    });
  else problems.push({ field, rule: 'type', message: `must be an integer from ${min} to ${max}` });
  return false;
}

/**
 * Where a value nests deeper than `limit` objects and arrays (a path like `.a[0]`), or undefined.
 * Iterative, and stops at the limit: a value nested 100,000 deep (or a cycle) costs no more than one 64 deep.
 */
export function depthOver(value: unknown, limit: number): { at: string } | undefined {
  const stack: Array<[unknown, number, string]> = [[value, 0, '']];
  while (stack.length) {
    const [node, depth, at] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth + 1 > limit) return { at };
    if (Array.isArray(node)) node.forEach((item, i) => stack.push([item, depth + 1, `${at}[${i}]`]));
    else for (const [key, item] of Object.entries(node)) stack.push([item, depth + 1, `${at}.${key}`]);
  }
  return undefined;
}

/** A body's `command_name` when it is an object that has one (own property), else undefined. */
export const commandOf = (body: unknown): unknown =>
  isObject(body) && Object.hasOwn(body, 'command_name') ? body.command_name : undefined;

/** The problems of a step's `headers` (at `at`.headers): names, refused headers, values (RFC 9110). */
export function checkHeaders(headers: unknown, at: string, problems: Violations): void {
  if (!isObject(headers)) {
    problems.push({ field: `${at}.headers`, rule: 'type', message: 'must be an object of header names to strings' });
    return;
  }
  for (const [name, value] of Object.entries(headers)) {
    const where = `${at}.headers[${JSON.stringify(name)}]`;
    if (!HEADER_NAME.test(name))
      problems.push({
        field: where,
        rule: 'header name',
        message: "is not a header name (letters, digits and !#$%&'*+.^_`|~-)",
      });
    else if (refusedHeader(name))
      problems.push({ field: where, rule: 'header', message: `cannot be scripted: ${refusedHeader(name)}` });
    else if (typeof value !== 'string') problems.push({ field: where, rule: 'type', message: 'must be a string' });
    else if (!HEADER_VALUE.test(value))
      problems.push({
        field: where,
        rule: 'field-value',
        message:
          'must be a header value: no control character (CR, LF, NUL, ...) but tab, no character past U+00FF, no space or tab at either end',
      });
  }
}
