// A script's steps: what a test may write, the limits, and the check of each step against the
// contract when it is set (scripts.ts stores them).
import { ScriptError, Violations } from '../../errors/script-error.js';
import type { operations as V1Operations, paths as V1Paths } from '../../../generated/v1.js';
import type { operations as V3Operations, paths as V3Paths } from '../../../generated/v3.js';
import { GATEWAY_STATUSES, type Route } from '../engine/contract.js';

export type Fault = 'drop' | 'hang';

/** What every step that answers may have besides its status and body. */
interface StepTiming {
  headers?: Record<string, string>;
  /** Wait this long before answering (or before the fault). Default 0. */
  delay_ms?: number;
  /** How many requests this step answers. Default 1; the last step of a script repeats forever. */
  times?: number;
  /** Free text for people (a recording says why a step is unchecked); the mock does nothing with it. */
  note?: string;
}

/** A step checked against the contract: `unchecked` left out or false. */
interface Checked {
  /** Skip the contract check of `status` and `body` (to send a deliberate violation); a string body is then sent as written, not as JSON. */
  unchecked?: false;
}

/**
 * `until: "reported"`: on a ShowCommand path, a 200 with a `command_name` that is served again and
 * again until a report of that command for the same server (its command_result path) is answered
 * 2xx; then the script moves on to the next step. Replaces `times`.
 */
type Waits = { until?: undefined } | { until: Until; times?: undefined };

/** The body of a documented answer, from generated/: its `application/json` schema, or none. */
type BodyOf<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : undefined;
type ResponsesOf<Operation> = Operation extends { responses: infer Responses } ? Responses : never;
type GatewayStatus = (typeof GATEWAY_STATUSES)[number];
/** Gateway errors come in the shape of the documented 401 (contract.ts, GATEWAY_SHAPE). */
type GatewayBody<Operation> = BodyOf<ResponsesOf<Operation>[401 & keyof ResponsesOf<Operation>]>;

/**
 * The checked steps of one operation: one per documented status (200 the default, so `status` may be
 * left out there), with that status's body schema; the gateway's statuses with the 401 body. A
 * ShowCommand (GET) 200 step may wait for its report (`until`).
 */
type CheckedStepOf<Operation, Get extends boolean> = [Operation] extends [never]
  ? never // no such method on the path (keyof never would be every key)
  : | {
        [S in keyof ResponsesOf<Operation> & number]: StepTiming &
          Checked &
          (S extends 200 ? { status?: S } : { status: S }) & {
            body?: BodyOf<ResponsesOf<Operation>[S]>;
          } & (S extends 200 ? (Get extends true ? Waits : { until?: undefined }) : { until?: undefined });
      }[keyof ResponsesOf<Operation> & number]
    | (StepTiming &
        Checked & {
          status: Exclude<GatewayStatus, keyof ResponsesOf<Operation>>;
          body?: GatewayBody<Operation>;
          until?: undefined;
        });

/** A fault: the connection dropped or held, no answer (so no status, body or headers). */
export interface FaultStep {
  /** `drop` closes the connection without an answer; `hang` never answers. */
  fault: Fault;
  delay_ms?: number;
  times?: number;
  unchecked?: boolean;
  note?: string;
  status?: undefined;
  body?: undefined;
  headers?: undefined;
  until?: undefined;
}

/** A step sent as written, unchecked: any status and body (a deliberate violation, an HTML 502). */
export interface UncheckedStep extends StepTiming {
  unchecked: true;
  status?: number;
  body?: unknown;
  until?: Until;
  fault?: undefined;
}

/** A path template of the spec as the API paths it matches: `/v3/sources/${string}/command`. */
type PathPattern<Template extends string> = Template extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${PathPattern<Tail>}`
  : Template;
type Paths = V1Paths & V3Paths;
type Operations = V1Operations[keyof V1Operations] | V3Operations[keyof V3Operations];
/** The steps of the operations at one spec path (ShowCommand's GET, UpdateCommandResult's POST). */
type StepsAt<Template extends keyof Paths> =
  | CheckedStepOf<Exclude<Paths[Template]['get'], undefined>, true>
  | CheckedStepOf<Exclude<Paths[Template]['post'], undefined>, false>;

/**
 * A step for any API path, as a test writes it: a checked step of a documented status (or one the
 * gateway sends) whose `body` is that status's schema in either version (from generated/), a fault,
 * or an `unchecked: true` step that may be anything. A field the schema does not list, a quoted
 * status or an undocumented one is a type error, as it is refused when set.
 */
export type Step = { [Template in keyof Paths]: StepsAt<Template> }[keyof Paths] | FaultStep | UncheckedStep;

/**
 * A step for the API path `Path`: for a literal path (`'/v3/sources/s1/command'`), the steps of that
 * version's operation only (v3's 200 is v3's `Command`, not v1's); for a plain `string`, `Step`.
 */
export type StepFor<Path extends string> = string extends Path
  ? Step
  : {
        [Template in keyof Paths]: Path extends PathPattern<Template & string> ? StepsAt<Template> : never;
      }[keyof Paths] extends infer Matched
    ? [Matched] extends [never]
      ? Step
      : Matched | FaultStep | UncheckedStep
    : never;

/** Scripts by API path with each path's own steps (`StepFor`): `{ '/v3/sources/s1/command': [...] }`. */
export type ScriptsFor<Scripts> = { [Path in keyof Scripts]: Path extends string ? StepFor<Path>[] : never };

/** Every field a step may have, as normalizeSteps reads it (its checks hold each to its type). */
interface StepInput extends StepTiming {
  status?: number;
  body?: unknown;
  fault?: Fault;
  unchecked?: boolean;
  until?: Until;
}

/** What a step waits for before the script moves on. */
export type Until = 'reported';

/** A step with every default filled in. */
export interface ScriptStep {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  delay_ms: number;
  times: number;
  unchecked: boolean;
  fault?: Fault;
  /** Present only on a step that waits for a report (see Step.until). */
  until?: Until;
}

const STEP_FIELDS = ['status', 'body', 'headers', 'delay_ms', 'times', 'fault', 'unchecked', 'until', 'note'];
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
const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** What a numeric step field is, for the message that finds it quoted. */
const NUMBER_NAMES: Record<string, string> = {
  status: 'a status is a number',
  delay_ms: 'delay_ms is a number of milliseconds',
  times: 'times is a number',
};

/** Whether a step field is an integer from `min` to `max` (or left out); a problem named when not. */
function integer(
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

/** Fills in the defaults and checks every step against the contract; throws a ScriptError naming each violation. */
export function normalizeSteps(route: Route, steps: unknown, field = 'steps'): ScriptStep[] {
  if (!Array.isArray(steps) || steps.length === 0)
    throw new ScriptError([{ field, rule: 'type', message: 'must be a non-empty array of steps' }]);
  if (steps.length > MAX_STEPS)
    throw new ScriptError([{ field, rule: 'maxItems', message: `must have at most ${MAX_STEPS} steps` }]);
  const problems = new Violations(); // the first MAX_VIOLATIONS kept, the rest counted
  const out = steps.map((raw, index): ScriptStep => {
    const at = `${field}[${index}]`;
    if (!isObject(raw)) {
      problems.push({ field: at, rule: 'type', message: 'must be an object' });
      return undefined as never;
    }
    for (const key of Object.keys(raw)) {
      if (!STEP_FIELDS.includes(key))
        problems.push({
          field: `${at}.${key}`,
          rule: 'additionalProperties',
          message: `is not a step field (${STEP_FIELDS.join(', ')})`,
        });
    }
    const {
      status = 200,
      body,
      headers = {},
      delay_ms = 0,
      times = 1,
      fault,
      unchecked = false,
      until,
    } = raw as StepInput;
    const statusIsNumber = integer(status, at, 'status', 100, 599, problems);
    integer(delay_ms, at, 'delay_ms', 0, MAX_DELAY_MS, problems);
    integer(times, at, 'times', 1, Number.MAX_SAFE_INTEGER, problems);
    if (typeof unchecked !== 'boolean')
      problems.push({ field: `${at}.unchecked`, rule: 'type', message: 'must be true or false' });
    if ('note' in raw && typeof raw.note !== 'string')
      problems.push({ field: `${at}.note`, rule: 'type', message: 'must be a string' });
    if (!isObject(headers)) {
      problems.push({ field: `${at}.headers`, rule: 'type', message: 'must be an object of header names to strings' });
    } else {
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
    if (until !== undefined) {
      if (until !== 'reported') problems.push({ field: `${at}.until`, rule: 'enum', message: 'must be "reported"' });
      else if (route.method !== 'GET')
        problems.push({
          field: `${at}.until`,
          rule: 'until',
          message: `a step of ${route.method} ${route.template} cannot wait for a report: "until" is for a ShowCommand (GET) path's steps`,
        });
      if ('times' in raw)
        problems.push({
          field: `${at}.times`,
          rule: 'until',
          message: 'a step with "until" repeats until its report arrives: leave "times" out',
        });
      if (fault !== undefined)
        problems.push({ field: `${at}.until`, rule: 'until', message: 'a fault step serves no command to report' });
    }
    if (fault !== undefined) {
      if (fault !== 'drop' && fault !== 'hang')
        problems.push({ field: `${at}.fault`, rule: 'enum', message: 'must be "drop" or "hang"' });
      for (const key of ['status', 'body', 'headers'] as const)
        if (key in raw)
          problems.push({
            field: `${at}.${key}`,
            rule: 'fault',
            message: 'a fault step sends no answer, so it has no status, body or headers',
          });
      return { status: 0, body: undefined, headers: {}, delay_ms, times, unchecked, fault };
    }
    const documented = route.sends(status);
    // A status that is no integer from 100 to 599 was named above; "not documented" would mislead.
    if (!unchecked && !documented && statusIsNumber) {
      problems.push({
        field: `${at}.status`,
        rule: 'documented',
        message: `${status} is not a documented status of ${route.template} (${route.statuses.join(', ')}) nor one the gateway sends (${GATEWAY_STATUSES.join(', ')}); add "unchecked": true to send it anyway`,
      });
    }
    if (typeof status === 'number' && status < 200) {
      problems.push({
        field: `${at}.status`,
        rule: 'final status',
        message: `${status} is an interim (1xx) status, not an answer: the client would wait for one that never comes; use { "fault": "hang" } for that`,
      });
    }
    const depth = depthOver(body, MAX_BODY_DEPTH);
    if (depth) {
      problems.push({
        field: `${at}.body`,
        rule: 'depth',
        message: `nests deeper than ${MAX_BODY_DEPTH} levels of objects and arrays (MAX_BODY_DEPTH)${depth.at ? `, at ${at}.body${depth.at}` : ''}`,
      });
      return undefined as never;
    }
    const filled = body === undefined ? route.defaultBody(status) : body;
    // One by one: a body of 100,000 unlisted fields has as many problems, too many for push(...spread).
    if (!unchecked && documented)
      for (const problem of route.checkBody(status, filled, `${at}.body`)) problems.push(problem);
    if (
      until === 'reported' &&
      route.method === 'GET' &&
      statusIsNumber &&
      (status !== 200 || typeof commandOf(filled) !== 'string')
    ) {
      problems.push({
        field: `${at}.until`,
        rule: 'until',
        message:
          'waits for the report of the command it serves: it needs status 200 and a body with a string command_name',
      });
    }
    return {
      status,
      body: filled,
      headers: headers as Record<string, string>,
      delay_ms,
      times: until ? 1 : times,
      unchecked,
      ...(until ? { until } : {}),
    };
  });
  if (problems.length) throw new ScriptError(problems.list());
  return out;
}
