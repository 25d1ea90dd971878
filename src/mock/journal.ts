// The request journal: what every request was, what the mock made of it, and what it answered.
import type { Scheme, SigningTrace } from './auth.js';
import type { Version } from './contract.js';

export interface JournalEntry {
  /** 1, 2, 3, ... over the mock's life (gaps show entries dropped or cleared). */
  seq: number;
  /** ISO time the request arrived. */
  time: string;
  method: string;
  /** The path as received, still encoded (no query). */
  path: string;
  version?: Version;
  /** The decoded id, for an API path. */
  id?: string;
  /** How the request authenticated; the AK of a signed one. Never a token, SK or signature. */
  auth: { scheme: Scheme; ak?: string };
  /**
   * `answered` (a contract answer: scripted or Prism's), `refused` (credentials or the contract:
   * see `reason`), `fault` (a scripted drop or hang), `error` (the mock failed: see `reason`).
   */
  verdict: 'answered' | 'refused' | 'fault' | 'error';
  reason?: string;
  /** The status answered; undefined for a fault. */
  status?: number;
  /**
   * For an AK/SK signature that did not match: the canonical request, string-to-sign and signed headers
   * the mock computed from the request as received, to diff against the signer's own (never the SK;
   * a signed token's value redacted). The answer itself keeps the gateway's words.
   */
  signing?: SigningTrace;
  /** The script step that answered: its index and the script's length. */
  step?: { index: number; of: number };
  /** Where the request breaks the contract (such a request is refused). */
  violations: string[];
  /** The X-Request-Id the mock answered with. */
  requestId: string;
  /**
   * A report's fields (UpdateCommandResult's POST), as sent, whenever its body was a JSON object,
   * whether it was accepted or not: `command_name`, `result` and `result_detail` (a field that was
   * missing is left out). Bounded by the body limit (x-max-body-bytes, 10240 bytes); never a token,
   * SK or signature.
   */
  report?: { command_name?: unknown; result?: unknown; result_detail?: unknown };
}

export const DEFAULT_JOURNAL_LIMIT = 1000;

export class Journal {
  readonly #entries: JournalEntry[] = [];
  readonly #waiters = new Set<(entry: JournalEntry) => void>();
  readonly limit: number;
  /** How many entries were dropped, oldest first, to stay within `limit`. */
  dropped = 0;

  constructor(limit = DEFAULT_JOURNAL_LIMIT) {
    this.limit = limit;
  }

  add(entry: JournalEntry): void {
    this.#entries.push(entry);
    const over = this.#entries.length - this.limit;
    if (over > 0) {
      this.#entries.splice(0, over);
      this.dropped += over;
    }
    for (const waiter of this.#waiters) waiter(entry);
  }

  list(): JournalEntry[] {
    return this.#entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.#entries.length = 0;
    this.dropped = 0;
  }

  /** The first entry, recorded or still to come, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (entry: JournalEntry) => boolean, timeoutMs: number): Promise<JournalEntry> {
    const found = this.#entries.find(predicate);
    if (found) return Promise.resolve({ ...found });
    return new Promise((resolve, reject) => {
      const waiter = (entry: JournalEntry) => {
        if (!predicate(entry)) return;
        done();
        resolve({ ...entry });
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no matching request within ${timeoutMs} ms (${this.#entries.length} in the journal)`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      this.#waiters.add(waiter);
    });
  }
}
