// Scripts: for each API path (version and id), the ordered steps its Agent gets next.
import { describeViolation, GATEWAY_STATUSES, type Route, type Violation } from './contract.js';

export type Fault = 'drop' | 'hang';

/** A step as a test writes it. */
export interface Step {
  /** Default 200. */
  status?: number;
  /** Default: the documented example for the status (the gateway's body for 429, 502, 503, 504). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (or before the fault). Default 0. */
  delay_ms?: number;
  /** How many requests this step answers. Default 1; the last step of a script repeats forever. */
  times?: number;
  /** `drop` closes the connection without an answer; `hang` never answers. */
  fault?: Fault;
  /** Skip the contract check of `status` and `body` (to send a deliberate violation). */
  unchecked?: boolean;
}

/** A step with every default filled in. */
export interface ScriptStep {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  delay_ms: number;
  times: number;
  unchecked: boolean;
  fault?: Fault;
}

export class ScriptError extends Error {
  override readonly name = 'ScriptError';
  readonly violations: Violation[];
  constructor(violations: Violation[], where = '') {
    super(`${where}${violations.map(describeViolation).join('; ')}`);
    this.violations = violations;
  }
}

const STEP_FIELDS = ['status', 'body', 'headers', 'delay_ms', 'times', 'fault', 'unchecked'];
const MAX_STEPS = 1000;
const MAX_DELAY_MS = 600_000;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

function integer(value: unknown, field: string, min: number, max: number, problems: Violation[]): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.push({ field, rule: 'type', message: `must be an integer from ${min} to ${max}` });
  }
}

/** Fills in the defaults and checks every step against the contract; throws a ScriptError naming each violation. */
export function normalizeSteps(route: Route, steps: unknown, field = 'steps'): ScriptStep[] {
  if (!Array.isArray(steps) || steps.length === 0) throw new ScriptError([{ field, rule: 'type', message: 'must be a non-empty array of steps' }]);
  if (steps.length > MAX_STEPS) throw new ScriptError([{ field, rule: 'maxItems', message: `must have at most ${MAX_STEPS} steps` }]);
  const problems: Violation[] = [];
  const out = steps.map((raw, index): ScriptStep => {
    const at = `${field}[${index}]`;
    if (!isObject(raw)) {
      problems.push({ field: at, rule: 'type', message: 'must be an object' });
      return undefined as never;
    }
    for (const key of Object.keys(raw)) {
      if (!STEP_FIELDS.includes(key)) problems.push({ field: `${at}.${key}`, rule: 'additionalProperties', message: `is not a step field (${STEP_FIELDS.join(', ')})` });
    }
    const { status = 200, body, headers = {}, delay_ms = 0, times = 1, fault, unchecked = false } = raw as Step;
    integer(status, `${at}.status`, 100, 599, problems);
    integer(delay_ms, `${at}.delay_ms`, 0, MAX_DELAY_MS, problems);
    integer(times, `${at}.times`, 1, Number.MAX_SAFE_INTEGER, problems);
    if (typeof unchecked !== 'boolean') problems.push({ field: `${at}.unchecked`, rule: 'type', message: 'must be true or false' });
    if (!isObject(headers) || Object.entries(headers).some(([name, value]) => !HEADER_NAME.test(name) || typeof value !== 'string' || /[\r\n]/.test(value))) {
      problems.push({ field: `${at}.headers`, rule: 'type', message: 'must be an object of header names to single-line strings' });
    }
    if (fault !== undefined) {
      if (fault !== 'drop' && fault !== 'hang') problems.push({ field: `${at}.fault`, rule: 'enum', message: 'must be "drop" or "hang"' });
      for (const key of ['status', 'body', 'headers'] as const) if (key in raw) problems.push({ field: `${at}.${key}`, rule: 'fault', message: 'a fault step sends no answer, so it has no status, body or headers' });
      return { status: 0, body: undefined, headers: {}, delay_ms, times, unchecked, fault };
    }
    const documented = route.sends(status);
    if (!unchecked && !documented) {
      problems.push({ field: `${at}.status`, rule: 'documented', message: `${status} is not a documented status of ${route.template} (${route.statuses.join(', ')}) nor one the gateway sends (${GATEWAY_STATUSES.join(', ')}); add "unchecked": true to send it anyway` });
    }
    const filled = body === undefined ? route.defaultBody(status) : body;
    if (!unchecked && documented) problems.push(...route.checkBody(status, filled, `${at}.body`));
    return { status, body: filled, headers: headers as Record<string, string>, delay_ms, times, unchecked };
  });
  if (problems.length) throw new ScriptError(problems);
  return out;
}

interface Script {
  steps: ScriptStep[];
  /** The step now answering, and how many requests it has answered. */
  position: number;
  used: number;
  served: number;
}

/** What a script has left: the current step with its remaining times, then the rest. */
export interface ScriptState {
  path: string;
  served: number;
  remaining: ScriptStep[];
  /** True once only the last step is left: it repeats forever. */
  repeatsLast: boolean;
}

export class Scripts {
  readonly #scripts = new Map<string, Script>();

  set(path: string, steps: ScriptStep[]): void {
    this.#scripts.set(path, { steps, position: 0, used: 0, served: 0 });
  }

  /** The step for the next request to `path`, and its index; undefined when `path` has no script. */
  next(path: string): { step: ScriptStep; index: number; of: number } | undefined {
    const script = this.#scripts.get(path);
    if (!script) return undefined;
    const index = script.position;
    const step = script.steps[index]!;
    script.served += 1;
    script.used += 1;
    if (script.used >= step.times && index < script.steps.length - 1) {
      script.position += 1;
      script.used = 0;
    }
    return { step, index, of: script.steps.length };
  }

  state(path: string): ScriptState | undefined {
    const script = this.#scripts.get(path);
    if (!script) return undefined;
    const [current, ...rest] = script.steps.slice(script.position);
    const last = script.position === script.steps.length - 1;
    return { path, served: script.served, remaining: [{ ...current!, times: last ? Math.max(current!.times - script.used, 0) : current!.times - script.used }, ...rest], repeatsLast: last };
  }

  all(): ScriptState[] {
    return [...this.#scripts.keys()].map((path) => this.state(path)!);
  }

  delete(path: string): boolean {
    return this.#scripts.delete(path);
  }

  clear(): void {
    this.#scripts.clear();
  }
}
