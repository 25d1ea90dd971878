// The mock's one admin service: scripts, the journal and the gateway's lockout. Two doors reach it
// and only translate: the JS `Mock` object (server.ts), and the HTTP control API under /__mock
// (control.ts), any language's. WireMock's `Admin`, implemented by its server and by its HTTP client,
// is the model: nothing one door does is written again in the other.
import { ScriptError } from '../errors/script-error.js';
import type { Contract } from './contract.js';
import type { Journal, JournalEntry } from './journal.js';
import { normalizeSteps, type Scripts, type ScriptState, type Step } from './scripts.js';
import type { Served } from './served.js';

/** What the admin service looks after: the request pipeline reads and writes the same objects. */
export interface MockState {
  contract: Contract;
  scripts: Scripts;
  journal: Journal;
  /** The command last served to each server, which its report must name (SMS.2009). */
  served: Served;
  /** The verifier's failure counts and AK locks (the gateway's lockout). */
  lockouts: { reset(): void };
}

/** The journal as `GET /__mock/requests` sends it. */
export interface JournalListing {
  /** Oldest first. */
  requests: JournalEntry[];
  /** How many entries were dropped, oldest first, to stay within `limit`. */
  dropped: number;
  limit: number;
}

/** How long `waitForRequest` waits unless told otherwise. */
export const DEFAULT_WAIT_MS = 5000;

/**
 * The admin service. Its one error is ScriptError, whose `status` says which kind it is: 400, a step
 * breaks the contract or the path is not an API path; 409, the scripts stored leave no room for it.
 * "Nothing there" is a result (undefined, false), not an error: the HTTP door answers it with 404.
 */
export interface MockAdmin {
  /**
   * Sets the steps for one API path (`/v3/sources/{id}/command`, `/v1/sms/sources/{id}/command`, or a
   * report's `/v3/sources/{id}/command_result`, `/v1/sms/sources/{id}/command_result`) and returns its
   * state; throws a ScriptError naming each violation.
   */
  script(path: string, steps: Step[]): ScriptState;
  /** What is left of a path's script, or undefined. */
  scriptState(path: string): ScriptState | undefined;
  /** Every script's state. */
  scripts(): ScriptState[];
  /** Clears one path's script (false when it had none), or every script (true). */
  clearScripts(path?: string): boolean;
  /** The journal, oldest first. */
  requests(): Promise<JournalEntry[]>;
  /** The journal with how many entries it dropped and its limit. */
  journal(): JournalListing;
  /** The first request, recorded or still to come, that matches; rejects after `timeoutMs` (default 5 s). */
  waitForRequest(predicate: (entry: JournalEntry) => boolean, options?: { timeoutMs?: number }): Promise<JournalEntry>;
  clearRequests(): void;
  /** Clears scripts, the journal, what was served to each server (SMS.2009) and every AK lock (the gateway's lockout). */
  reset(): void;
}

/** The API path a script for `path` is kept under (its id decoded and encoded again), or undefined when `path` is not an API path. */
export function scriptPathOf(contract: Contract, path: string): string | undefined {
  const match = contract.match(path);
  return match && match.route.pathFor(match.id);
}

/** The admin service over the mock's state, with `initial` scripts set (each error names its key in `scripts`). */
export function createAdmin(state: MockState, initial: Record<string, Step[]> = {}): MockAdmin {
  const { contract, scripts, journal } = state;
  const setScript = (path: string, steps: unknown, field: string): ScriptState => {
    const match = contract.match(path);
    if (!match)
      throw new ScriptError([
        {
          field: 'path',
          rule: 'path',
          message: `${path} is not an API path of this mock (${contract.routes.map((r) => r.template).join(', ')})`,
        },
      ]);
    const idProblems = match.route.checkId(match.id);
    if (idProblems.length) throw new ScriptError(idProblems);
    const key = match.route.pathFor(match.id);
    scripts.set(key, normalizeSteps(match.route, steps, field), field);
    return scripts.state(key)!;
  };
  for (const [path, steps] of Object.entries(initial)) setScript(path, steps, `scripts[${JSON.stringify(path)}]`);

  return {
    script: (path, steps) => setScript(path, steps, 'steps'),
    scriptState: (path) => {
      const key = scriptPathOf(contract, path);
      return key === undefined ? undefined : scripts.state(key);
    },
    scripts: () => scripts.all(),
    clearScripts: (path) => {
      if (path === undefined) {
        scripts.clear();
        return true;
      }
      const key = scriptPathOf(contract, path);
      return key !== undefined && scripts.delete(key);
    },
    requests: async () => journal.list(),
    journal: () => ({ requests: journal.list(), dropped: journal.dropped, limit: journal.limit }),
    waitForRequest: (predicate, { timeoutMs = DEFAULT_WAIT_MS } = {}) => journal.waitFor(predicate, timeoutMs),
    clearRequests: () => journal.clear(),
    reset: () => {
      scripts.clear();
      journal.clear();
      state.served.clear();
      state.lockouts.reset();
    },
  };
}
