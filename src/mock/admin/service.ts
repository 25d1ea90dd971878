// The mock's one admin service: scripts, the journal and the gateway's lockout. Two doors reach it
// and only translate: the JS `Mock` object (server.ts), and the HTTP control API under /__mock
// (admin/http-door.ts), any language's. WireMock's `Admin`, implemented by its server and by its HTTP client,
// is the model: nothing one door does is written again in the other.
import { packageVersion } from '../../package-version.js';
import { ScriptError } from '../../errors/script-error.js';
import type { Contract } from '../engine/contract.js';
import type { Journal } from '../journal/journal.js';
import type { JournalEntry } from '../journal/entry.js';
import { MAX_PENDING_WAITS } from '../journal/waits.js';
import { filterMatches, type JournalFilter, journalFilter, waitTimeout } from '../journal/filter.js';
import { journalListing, type JournalListing, journalPredicate } from './journal-view.js';
import { type Scripts, type ScriptState } from '../scripts/scripts.js';
import { normalizeSteps } from '../scripts/steps.js';
import { type Step, type StepFor } from '../scripts/step-types.js';
import type { Served } from '../service/served.js';
import type { HarLog } from '../journal/har.js';

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

/** What `GET /__mock/health` answers once the mock listens: it is ready. */
export interface MockHealth {
  status: 'ok';
  /** This package's version (what `--version` prints). */
  version: string;
  /** Each API version the served document joins (its `info.x-versions`), such as `{ "v1": "1.1.0", "v3": "3.1.0" }`; `{}` for a document without them. */
  apiVersions: Record<string, string>;
  /** Milliseconds since the mock started. */
  uptimeMs: number;
  /** Waits for a request pending now, and the most allowed at once (MAX_PENDING_WAITS). */
  waits: { pending: number; limit: number };
}

/** How long `waitForRequest` waits unless told otherwise. */
export const DEFAULT_WAIT_MS = 5000;

/** How long a wait waits and what ends it early. */
export interface WaitOptions {
  /** From 0 (look at what is recorded, do not wait) to MAX_WAIT_MS; default DEFAULT_WAIT_MS. */
  timeoutMs?: number;
  /** Ends the wait (rejecting with its reason) and frees its place among MAX_PENDING_WAITS. */
  signal?: AbortSignal;
}

/**
 * The admin service. Its errors carry the control API's `status`: a ScriptError for scripts (400, a
 * step breaks the contract or the path is not an API path; 409, the scripts stored leave no room for
 * it), a JournalError for the journal (400, 408, 429, 503: see waitForRequest). "Nothing there" is a
 * result (undefined, false), not an error: the HTTP door answers it with 404.
 */
export interface MockAdmin {
  /** Readiness: what `GET /__mock/health` answers. */
  health(): MockHealth;
  /**
   * Sets the steps for one API path (`/v3/sources/{id}/command`, `/v1/sms/sources/{id}/command`, or a
   * report's `/v3/sources/{id}/command_result`, `/v1/sms/sources/{id}/command_result`) and returns its
   * state; throws a ScriptError naming each violation.
   */
  script<Path extends string>(path: Path, steps: StepFor<Path>[]): ScriptState;
  /** What is left of a path's script, or undefined. */
  scriptState(path: string): ScriptState | undefined;
  /** Every script's state. */
  scripts(): ScriptState[];
  /** Clears one path's script (false when it had none), or every script (true). */
  clearScripts(path?: string): boolean;
  /** The journal's entries that pass `filter` (every one without), oldest first; a bad filter throws a JournalError (400). */
  requests(filter?: JournalFilter): Promise<JournalEntry[]>;
  /** With `format: 'har'`: the same entries as a HAR 1.2 log (`GET /__mock/requests?format=har`, har.ts). */
  journal(filter: JournalFilter & { format: 'har' }): HarLog;
  /** The same, with how many entries the journal dropped, its limit and the last seq (`GET /__mock/requests?…`). */
  journal(filter?: JournalFilter): JournalListing;
  /**
   * The first request, still kept or still to come, that matches a filter (as `journal`'s) or a
   * predicate (`GET /__mock/requests/wait?…` with a filter). Rejects with a JournalError: 400 a bad
   * filter or timeout, 408 none within `timeoutMs`, 429 MAX_PENDING_WAITS pending, 503 the mock closed.
   */
  waitForRequest(
    match: JournalFilter | ((entry: JournalEntry) => boolean),
    options?: WaitOptions,
  ): Promise<JournalEntry>;
  clearRequests(): void;
  /** Clears scripts, the journal, what was served to each server (SMS.2009) and every AK lock (the gateway's lockout). */
  reset(): void;
}

/** The API path a script for `path` is kept under (its id decoded and encoded again), or undefined when `path` is not an API path. */
export function scriptPathOf(contract: Contract, path: string): string | undefined {
  const match = contract.match(path);
  return match && match.route.pathFor(match.id);
}

/** What is left of the script kept for `path` (any spelling of an API path), or undefined. */
export function scriptStateOf({ contract, scripts }: MockState, path: string): ScriptState | undefined {
  const key = scriptPathOf(contract, path);
  return key === undefined ? undefined : scripts.state(key);
}

/**
 * The admin service over the mock's state, with `initial` scripts set (each error names its key in
 * `scripts`); `apiVersions` is what its health names, `url` the mock's base URL (a HAR log's).
 */
export function createAdmin(
  state: MockState,
  initial: Record<string, Step[]> = {},
  apiVersions: Record<string, string> = {},
  url: () => string = () => '',
): MockAdmin {
  const { scripts, journal } = state;
  const started = performance.now();
  const version = packageVersion();
  const setScript = (path: string, steps: unknown, field: string) => scriptSet(state, path, steps, field);
  for (const [path, steps] of Object.entries(initial)) setScript(path, steps, `scripts[${JSON.stringify(path)}]`);

  return {
    script: (path, steps) => setScript(path, steps, 'steps'),
    scriptState: (path) => scriptStateOf(state, path),
    scripts: () => scripts.all(),
    clearScripts: (path) => {
      if (path === undefined) {
        scripts.clear();
        return true;
      }
      const key = scriptPathOf(state.contract, path);
      return key !== undefined && scripts.delete(key);
    },
    health: () => ({
      status: 'ok',
      version,
      apiVersions: { ...apiVersions },
      uptimeMs: Math.round(performance.now() - started),
      waits: { pending: journal.pendingWaits, limit: MAX_PENDING_WAITS },
    }),
    requests: async (filter) => journal.list(journalPredicate(filter)),
    journal: ((filter?: unknown) => journalListing(journal, filter, url())) as MockAdmin['journal'],
    waitForRequest: async (match, { timeoutMs = DEFAULT_WAIT_MS, signal } = {}) => {
      const predicate = typeof match === 'function' ? match : filterMatches(journalFilter(match));
      return journal.waitFor(predicate, waitTimeout(timeoutMs, 'timeoutMs'), signal);
    },
    clearRequests: () => journal.clear(),
    reset: () => {
      scripts.clear();
      journal.clear();
      state.served.clear();
      state.lockouts.reset();
    },
  };
}

/** Sets the steps for an API path, checked (a ScriptError naming each problem); its state after. */
function scriptSet(state: MockState, path: string, steps: unknown, field: string): ScriptState {
  const { contract, scripts } = state;
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
}
