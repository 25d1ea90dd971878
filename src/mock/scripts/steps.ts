// A script's steps checked against the contract when they are set, with their defaults filled in
// (scripts.ts stores them). What a step may be: step-types.ts; the limits and one-field checks:
// step-limits.ts.
import { ScriptError } from '../../errors/script-error.js';
import { Violations } from '../../contract/violations.js';
import { GATEWAY_STATUSES, type Route } from '../engine/contract.js';
import {
  checkHeaders,
  commandOf,
  depthOver,
  integer,
  isObject,
  MAX_BODY_DEPTH,
  MAX_DELAY_MS,
  MAX_STEPS,
  STEP_FIELDS,
} from './step-limits.js';
import type { ScriptStep, StepInput } from './step-types.js';

/** Fills in the defaults and checks every step against the contract; throws a ScriptError naming each violation. */
export function normalizeSteps(route: Route, steps: unknown, field = 'steps'): ScriptStep[] {
  if (!Array.isArray(steps) || steps.length === 0)
    throw new ScriptError([{ field, rule: 'type', message: 'must be a non-empty array of steps' }]);
  if (steps.length > MAX_STEPS)
    throw new ScriptError([{ field, rule: 'maxItems', message: `must have at most ${MAX_STEPS} steps` }]);
  const problems = new Violations(); // the first MAX_VIOLATIONS kept, the rest counted
  const out = steps.map((raw, index) => normalizeStep(route, raw, `${field}[${index}]`, problems));
  if (problems.length) throw new ScriptError(problems.list());
  return out;
}

/** One step (at `at`) checked and filled in; its problems pushed (its return value is unused then). */
function normalizeStep(route: Route, raw: unknown, at: string, problems: Violations): ScriptStep {
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
  const step = raw as StepInput;
  const { status = 200, headers = {}, delay_ms = 0, times = 1, fault, unchecked = false, until } = step;
  const statusIsNumber = integer(status, at, 'status', 100, 599, problems);
  integer(delay_ms, at, 'delay_ms', 0, MAX_DELAY_MS, problems);
  integer(times, at, 'times', 1, Number.MAX_SAFE_INTEGER, problems);
  if (typeof unchecked !== 'boolean')
    problems.push({ field: `${at}.unchecked`, rule: 'type', message: 'must be true or false' });
  if ('note' in raw && typeof raw.note !== 'string')
    problems.push({ field: `${at}.note`, rule: 'type', message: 'must be a string' });
  checkHeaders(headers, at, problems);
  if (until !== undefined) checkUntil(route, raw, at, problems);
  if (fault !== undefined) {
    checkFault(raw, at, problems);
    return { status: 0, body: undefined, headers: {}, delay_ms, times, unchecked, fault };
  }
  return answerStep(route, step, at, statusIsNumber, problems);
}

/** A step that waits for its command's report: only on a GET path, never with `times` or a fault. */
function checkUntil(route: Route, raw: Record<string, unknown>, at: string, problems: Violations): void {
  if (raw.until !== 'reported') problems.push({ field: `${at}.until`, rule: 'enum', message: 'must be "reported"' });
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
  if (raw.fault !== undefined)
    problems.push({ field: `${at}.until`, rule: 'until', message: 'a fault step serves no command to report' });
}

/** A fault step: "drop" or "hang", and nothing of an answer. */
function checkFault(raw: Record<string, unknown>, at: string, problems: Violations): void {
  if (raw.fault !== 'drop' && raw.fault !== 'hang')
    problems.push({ field: `${at}.fault`, rule: 'enum', message: 'must be "drop" or "hang"' });
  for (const key of ['status', 'body', 'headers'] as const)
    if (key in raw)
      problems.push({
        field: `${at}.${key}`,
        rule: 'fault',
        message: 'a fault step sends no answer, so it has no status, body or headers',
      });
}

/** A step that answers: a documented final status (unless `unchecked`), a body the contract allows. */
function answerStep(
  route: Route,
  step: StepInput,
  at: string,
  statusIsNumber: boolean,
  problems: Violations,
): ScriptStep {
  const { status = 200, body, headers = {}, delay_ms = 0, times = 1, unchecked = false, until } = step;
  const documented = route.sends(status);
  // A status that is no integer from 100 to 599 was named above; "not documented" would mislead.
  if (!unchecked && !documented && statusIsNumber)
    problems.push({
      field: `${at}.status`,
      rule: 'documented',
      message: `${status} is not a documented status of ${route.template} (${route.statuses.join(', ')}) nor one the gateway sends (${GATEWAY_STATUSES.join(', ')}); add "unchecked": true to send it anyway`,
    });
  if (typeof status === 'number' && status < 200)
    problems.push({
      field: `${at}.status`,
      rule: 'final status',
      message: `${status} is an interim (1xx) status, not an answer: the client would wait for one that never comes; use { "fault": "hang" } for that`,
    });
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
  )
    problems.push({
      field: `${at}.until`,
      rule: 'until',
      message:
        'waits for the report of the command it serves: it needs status 200 and a body with a string command_name',
    });
  return {
    status,
    body: filled,
    headers: headers as Record<string, string>,
    delay_ms,
    times: until ? 1 : times,
    unchecked,
    ...(until ? { until } : {}),
  };
}
