// What a script step may be, as types: each spec path's own steps (its documented statuses and their
// bodies, from generated/), a fault, an unchecked step; and a step with its defaults filled in.
import type { operations as V1Operations, paths as V1Paths } from '../../../generated/v1.js';
import type { operations as V3Operations, paths as V3Paths } from '../../../generated/v3.js';
import type { GATEWAY_STATUSES } from '../engine/contract.js';

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
export interface StepInput extends StepTiming {
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
