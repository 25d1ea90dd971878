// Scripts: for each API path (version and id), the ordered steps its Agent gets next (steps.ts
// says what a step may be and checks it). Each step is kept as its JSON text and parsed when it is
// used: parsed, 1 MiB of `[{},{},…]` in a step's body held some 20 MiB of objects, so MAX_SCRIPT_BYTES
// bounded text, not memory; as text it holds what it counts (heldBytes).
import { ScriptError } from '../../errors/script-error.js';
import { heldBytes } from '../texts/held.js';
import { commandOf, MAX_SCRIPT_BYTES, MAX_SCRIPT_PATHS } from './step-limits.js';
import type { ScriptStep } from './step-types.js';

interface Script {
  /** Each step's JSON text (JSON.stringify of the ScriptStep), parsed on use. */
  steps: string[];
  /** What the steps' JSON array holds in memory (heldBytes), counted against MAX_SCRIPT_BYTES. */
  bytes: number;
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

/** A script's step `index`, parsed from its text. */
const stepAt = (script: Script, index: number): ScriptStep => JSON.parse(script.steps[index]!) as ScriptStep;

export class Scripts {
  readonly #scripts = new Map<string, Script>();
  #bytes = 0;

  /** Stores a path's steps; throws a ScriptError (status 409) when MAX_SCRIPT_PATHS or MAX_SCRIPT_BYTES leave no room. */
  set(path: string, steps: ScriptStep[], field = 'steps'): void {
    const old = this.#scripts.get(path);
    if (!old && this.#scripts.size >= MAX_SCRIPT_PATHS) {
      throw new ScriptError(
        [
          {
            field,
            rule: 'MAX_SCRIPT_PATHS',
            message: `${MAX_SCRIPT_PATHS} API paths already have a script, the most the mock keeps: delete some (DELETE /__mock/<API path>, or all with DELETE /__mock/scripts) first`,
          },
        ],
        '',
        409,
      );
    }
    const texts = steps.map((step) => JSON.stringify(step));
    const bytes = texts.reduce((sum, text) => sum + heldBytes(text), texts.length + 1); // and the array's `[`, `,`s and `]`
    const total = this.#bytes - (old?.bytes ?? 0) + bytes;
    if (total > MAX_SCRIPT_BYTES) {
      throw new ScriptError(
        [
          {
            field,
            rule: 'MAX_SCRIPT_BYTES',
            message: `${bytes} bytes of steps would bring the scripts to ${total} bytes (as JSON), over the ${MAX_SCRIPT_BYTES} the mock keeps: delete some (DELETE /__mock/<API path>, or all with DELETE /__mock/scripts) first`,
          },
        ],
        '',
        409,
      );
    }
    this.#bytes = total;
    this.#scripts.set(path, { steps: texts, bytes, position: 0, used: 0, served: 0 });
  }

  /** The step for the next request to `path`, and its index; undefined when `path` has no script. */
  next(path: string): { step: ScriptStep; index: number; of: number } | undefined {
    const script = this.#scripts.get(path);
    if (!script) return undefined;
    const index = script.position;
    const step = stepAt(script, index);
    script.served += 1;
    if (step.until) return { step, index, of: script.steps.length }; // it stays until its report (reported)
    script.used += 1;
    if (script.used >= step.times && index < script.steps.length - 1) {
      script.position += 1;
      script.used = 0;
    }
    return { step, index, of: script.steps.length };
  }

  /** The step the next request to `path` would get, without using it up (a HEAD: the Agent's GET still gets it). */
  peek(path: string): { step: ScriptStep; index: number; of: number } | undefined {
    const script = this.#scripts.get(path);
    return script && { step: stepAt(script, script.position), index: script.position, of: script.steps.length };
  }

  /**
   * A report of `command` for the server whose ShowCommand path is `path` was answered 2xx: a current
   * step waiting for that report (`until: "reported"`) lets the script move on. True when it did.
   */
  reported(path: string, command: string): boolean {
    const script = this.#scripts.get(path);
    const step = script && stepAt(script, script.position);
    if (!script || !step?.until || commandOf(step.body) !== command || script.position === script.steps.length - 1)
      return false;
    script.position += 1;
    script.used = 0;
    return true;
  }

  state(path: string): ScriptState | undefined {
    const script = this.#scripts.get(path);
    if (!script) return undefined;
    const [current, ...rest] = script.steps.slice(script.position).map((text) => JSON.parse(text) as ScriptStep);
    const last = script.position === script.steps.length - 1;
    return {
      path,
      served: script.served,
      remaining: [
        { ...current!, times: last ? Math.max(current!.times - script.used, 0) : current!.times - script.used },
        ...rest,
      ],
      repeatsLast: last,
    };
  }

  all(): ScriptState[] {
    return [...this.#scripts.keys()].map((path) => this.state(path)!);
  }

  delete(path: string): boolean {
    this.#bytes -= this.#scripts.get(path)?.bytes ?? 0;
    return this.#scripts.delete(path);
  }

  clear(): void {
    this.#scripts.clear();
    this.#bytes = 0;
  }
}
