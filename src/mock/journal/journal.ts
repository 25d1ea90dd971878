// The request journal: what every request was, what the mock made of it, and what it answered.
import { entryBytes, entryJson, type JournalEntry, type Kept, keptEntry, type NewEntry, publicEntry } from './entry.js';
import { Waits } from './waits.js';
import { JournalError } from '../../errors/journal-error.js';

export const DEFAULT_JOURNAL_LIMIT = 1000;
/**
 * The most the journal keeps, counted as the characters of each entry's text (path, id, AK, reason,
 * violations, signing trace, report) plus JOURNAL_ENTRY_BYTES for the rest: about its JSON size.
 * Past it the oldest entries are dropped (counted in `dropped`), whatever `journalLimit` allows, so a
 * client sending large requests cannot grow the mock's memory without end (16 MiB, as the scripts'
 * MAX_SCRIPT_BYTES: some 30,000 small entries).
 */
export const MAX_JOURNAL_BYTES = 16 * 1024 * 1024;

export class Journal {
  /** The entries kept, oldest first, from `#head` on (a queue: dropping one moves nothing). */
  #kept: ({ entry: Kept; bytes: number } | undefined)[] = [];
  #head = 0;
  #bytes = 0;
  /** How many entries were ever added: the one at `#kept[#head]` is number `#added - size`. */
  #added = 0;
  readonly #waits = new Waits<Kept>();
  readonly limit: number;
  /** How many entries were dropped, oldest first, to stay within `limit` and MAX_JOURNAL_BYTES. */
  dropped = 0;
  /** The highest `seq` journaled so far, dropped or cleared ones included (0 before the first). */
  lastSeq = 0;

  constructor(limit = DEFAULT_JOURNAL_LIMIT) {
    this.limit = limit;
  }

  /** How many entries are kept. */
  get size(): number {
    return this.#kept.length - this.#head;
  }

  /** What the entries kept count against MAX_JOURNAL_BYTES. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Keeps `entry` (as keptEntry makes it), dropping the oldest past `limit` or MAX_JOURNAL_BYTES (never the newest), and offers it to the waits. */
  add(entry: NewEntry): void {
    const kept = keptEntry(entry);
    const bytes = entryBytes(kept);
    this.#kept.push({ entry: kept, bytes });
    this.#bytes += bytes;
    this.#added++;
    this.lastSeq = Math.max(this.lastSeq, kept.seq);
    while (this.size > 1 && (this.size > this.limit || this.#bytes > MAX_JOURNAL_BYTES)) {
      this.#bytes -= this.#kept[this.#head]!.bytes;
      this.#kept[this.#head++] = undefined;
      this.dropped++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#kept.length) {
      this.#kept.splice(0, this.#head);
      this.#head = 0;
    }
    this.#waits.offer(kept);
  }

  /**
   * The entries that pass `predicate` (all of them without one), oldest first, as stored (not
   * copies): those kept when it is called and still kept when the walk reaches them, so a walk that
   * is paused (a client reading slowly) holds no list, and skips what was dropped or cleared meanwhile.
   */
  *entries(predicate?: (entry: JournalEntry) => boolean): Generator<JournalEntry, void, undefined> {
    for (const kept of this.#walk()) {
      const entry = publicEntry(kept);
      if (!predicate || predicate(entry)) yield entry;
    }
  }

  /** The JSON text of the entries that pass `predicate`, as `entries` takes them: each report's text as sent. */
  *texts(predicate?: (entry: JournalEntry) => boolean): Generator<string, void, undefined> {
    for (const kept of this.#walk()) if (!predicate || predicate(publicEntry(kept))) yield entryJson(kept);
  }

  /** The entries kept when it is called and still kept when the walk reaches them (see entries). */
  *#walk(): Generator<Kept, void, undefined> {
    const end = this.#added;
    let next = end - this.size;
    for (;;) {
      const first = this.#added - this.size;
      if (next < first) next = first;
      if (next >= end) return;
      const { entry } = this.#kept[this.#head + next - first]!;
      next++;
      yield entry;
    }
  }

  /** Copies of the entries that pass `predicate` (all of them without one), oldest first. */
  list(predicate?: (entry: JournalEntry) => boolean): JournalEntry[] {
    return Array.from(this.entries(predicate), (entry) => ({ ...entry }));
  }

  /** Empties the journal; waits pending go on waiting for what comes next. */
  clear(): void {
    this.#kept = [];
    this.#head = 0;
    this.#bytes = 0;
    this.dropped = 0;
  }

  /** How many waits are pending. */
  get pendingWaits(): number {
    return this.#waits.pending;
  }

  /**
   * The first entry still kept (one dropped past `limit` is not found) or still to come that
   * matches. Rejects with a JournalError: 408 after `timeoutMs` (0: at once, after looking at what
   * is kept), 429 when MAX_PENDING_WAITS waits are pending, 503 when `endWaits` is called; with
   * `signal`'s reason when it aborts. A wait that ends in any way frees its place at once.
   */
  waitFor(predicate: (entry: JournalEntry) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<JournalEntry> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    for (const found of this.entries(predicate)) return Promise.resolve({ ...found });
    const kept = this.size;
    const timedOut = (offered: number) =>
      new JournalError(408, `no matching request within ${timeoutMs} ms (${this.size} in the journal)`, {
        timeoutMs,
        checked: kept + offered,
      });
    if (timeoutMs === 0) return Promise.reject(timedOut(0));
    const take = (offered: Kept) => {
      const entry = publicEntry(offered);
      return predicate(entry) ? { ...entry } : undefined;
    };
    return this.#waits.wait(take, timeoutMs, timedOut, signal);
  }

  /** Ends every pending wait with `error` (the mock is closing). */
  endWaits(error: JournalError): void {
    this.#waits.endAll(error);
  }
}
