// What the HTTP door reads of the admin service's state, as JSON text in pieces (pieces.ts): the
// journal, the scripts, one path's script, and which control paths are API paths. The JS door reads
// the same state through createAdmin (service.ts); both take a path's script by scriptStateOf.
import type { ScriptState } from '../scripts/scripts.js';
import { journalPieces } from './journal-view.js';
import { arrayPieces, jsonPieces } from './pieces.js';
import { type MockState, scriptPathOf, scriptStateOf } from './service.js';

/** `GET /__mock/scripts`. */
export interface ScriptsListing {
  scripts: ScriptState[];
}

/**
 * The HTTP door's listings as JSON text in pieces, each entry or step serialised only when the
 * writer gets to it (answers.ts `sendPieces` waits for the client to read): a client that does not
 * read holds one piece, not a copy of the journal or the scripts.
 */
export interface Listings {
  /** `GET /__mock/requests`: the JournalListing of `filter`, or its HAR log with `format: 'har'` and `base` as the mock's URL (checked now: a JournalError, 400). */
  journal(filter: unknown, base: string): Iterable<string>;
  /** `GET /__mock/scripts`: the ScriptsListing, each path's state taken when it is reached (a script deleted meanwhile is left out). */
  scripts(): Iterable<string>;
  /** `GET /__mock/<API path>`: its ScriptState, or undefined when it has none. */
  script(path: string): Iterable<string> | undefined;
  /** The API path a script for `path` is kept under, or undefined when `path` is not an API path (the door's route for it). */
  scriptPath(path: string): string | undefined;
}

export function createListings(state: MockState): Listings {
  const { contract, scripts, journal } = state;
  return {
    journal: (filter, base) => journalPieces(journal, filter, base),
    *scripts() {
      const paths = scripts.all().map((script) => script.path);
      /** Each path's state when the writer reaches it; a script deleted meanwhile is left out. */
      const states = function* () {
        for (const path of paths) {
          const script = scripts.state(path);
          if (script) yield script;
        }
      };
      yield '{"scripts":';
      yield* arrayPieces(states(), (script) => jsonPieces(script, 2));
      yield '}';
    },
    script(path) {
      const script = scriptStateOf(state, path);
      return script && jsonPieces(script, 2);
    },
    scriptPath: (path) => scriptPathOf(contract, path),
  };
}
