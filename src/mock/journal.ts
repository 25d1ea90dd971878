// The request journal: what every request was, what the mock made of it, and what it answered.
import type { Scheme, SigningTrace } from './auth.js';
import type { Version } from './contract.js';
import { JournalError } from './journal-filter.js';

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
/** The most waits (`waitForRequest`, `GET /__mock/requests/wait`) pending at once; the next is refused (429). */
export const MAX_PENDING_WAITS = 64;

export class Journal {
  readonly #entries: JournalEntry[] = [];
  readonly #waiters = new Set<{ offer: (entry: JournalEntry) => void; end: (error: JournalError) => void }>();
  readonly limit: number;
  /** How many entries were dropped, oldest first, to stay within `limit`. */
  dropped = 0;
  /** The highest `seq` journaled so far, dropped or cleared ones included (0 before the first). */
  lastSeq = 0;

  constructor(limit = DEFAULT_JOURNAL_LIMIT) {
    this.limit = limit;
  }

  add(entry: JournalEntry): void {
    this.#entries.push(entry);
    this.lastSeq = Math.max(this.lastSeq, entry.seq);
    const over = this.#entries.length - this.limit;
    if (over > 0) {
      this.#entries.splice(0, over);
      this.dropped += over;
    }
    for (const waiter of this.#waiters) waiter.offer(entry);
  }

  /** Copies of the entries that pass `predicate` (all of them without one), oldest first. */
  list(predicate?: (entry: JournalEntry) => boolean): JournalEntry[] {
    return (predicate ? this.#entries.filter(predicate) : this.#entries).map((entry) => ({ ...entry }));
  }

  /** Empties the journal; waits pending go on waiting for what comes next. */
  clear(): void {
    this.#entries.length = 0;
    this.dropped = 0;
  }

  /** How many waits are pending. */
  get pendingWaits(): number {
    return this.#waiters.size;
  }

  /**
   * The first entry still kept (one dropped past `limit` is not found) or still to come that
   * matches. Rejects with a JournalError: 408 after `timeoutMs` (0: at once, after looking at what
   * is kept), 429 when MAX_PENDING_WAITS waits are pending, 503 when `endWaits` is called; with
   * `signal`'s reason when it aborts. A wait that ends in any way frees its place at once.
   */
  waitFor(predicate: (entry: JournalEntry) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<JournalEntry> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const found = this.#entries.find(predicate);
    if (found) return Promise.resolve({ ...found });
    let checked = this.#entries.length;
    const timedOut = () =>
      new JournalError(408, `no matching request within ${timeoutMs} ms (${this.#entries.length} in the journal)`, {
        timeoutMs,
        checked,
      });
    if (timeoutMs === 0) return Promise.reject(timedOut());
    if (this.#waiters.size >= MAX_PENDING_WAITS)
      return Promise.reject(
        new JournalError(
          429,
          `${MAX_PENDING_WAITS} waits are already pending (MAX_PENDING_WAITS), the most the mock keeps: let some end first`,
          { limit: MAX_PENDING_WAITS },
        ),
      );
    return new Promise((resolve, reject) => {
      const waiter = {
        offer: (entry: JournalEntry) => {
          checked++;
          let matched: boolean;
          try {
            matched = predicate(entry);
          } catch (error) {
            done(); // a predicate that throws ends its own wait, not the request being journaled
            return reject(error);
          }
          if (!matched) return;
          done();
          resolve({ ...entry });
        },
        end: (error: JournalError) => {
          done();
          reject(error);
        },
      };
      const aborted = () => {
        done();
        reject(signal!.reason);
      };
      const timer = setTimeout(() => waiter.end(timedOut()), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', aborted);
        this.#waiters.delete(waiter);
      };
      signal?.addEventListener('abort', aborted, { once: true });
      this.#waiters.add(waiter);
    });
  }

  /** Ends every pending wait with `error` (the mock is closing). */
  endWaits(error: JournalError): void {
    for (const waiter of [...this.#waiters]) waiter.end(error);
  }
}
