// The request journal: what every request was, what the mock made of it, and what it answered.
import type { Scheme } from '../auth/verifier.js';
import type { SigningTrace } from '../auth/signature.js';
import type { Version } from '../engine/contract.js';
import { heldBytes } from '../texts/held.js';
import { keptText, own, ownTrace, traceTexts } from './kept-text.js';
import { Waits } from './waits.js';
import { JournalError } from '../../errors/journal-error.js';

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
   * see `reason`), `fault` (a scripted drop or hang), `aborted` (the client went away before its
   * body ended: nothing answered), `error` (the mock failed: see `reason`).
   */
  verdict: 'answered' | 'refused' | 'fault' | 'aborted' | 'error';
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
   * SK or signature. Kept as the JSON text sent: the HTTP listing has each number's digits as sent
   * (`1e999`, 30 digits); here they are JavaScript numbers (`Infinity`, `1.2345e+29`).
   */
  report?: { command_name?: unknown; result?: unknown; result_detail?: unknown };
}

/** An entry as the pipeline fills it: a report as the JSON text of its fields as sent (report.ts), instead of `report`. */
export type NewEntry = JournalEntry & { reportText?: string };

/** An entry as the journal keeps it: its report only as JSON text, parsed on use (a parsed one holds some 20 times its text). */
type Kept = Omit<JournalEntry, 'report'> & { reportText?: string };

/** A kept entry as the JS door reads it: `report` parsed when it is read (a filter reads no report). */
function publicEntry(kept: Kept): JournalEntry {
  const { reportText, ...entry } = kept;
  if (reportText === undefined) return entry;
  const get = () => JSON.parse(reportText) as JournalEntry['report'];
  return Object.defineProperty(entry, 'report', { enumerable: true, configurable: true, get });
}

/** A kept entry's JSON text, as the HTTP listing sends it: its report's text as sent. */
function entryJson(kept: Kept): string {
  const { reportText, ...entry } = kept;
  const json = JSON.stringify(entry);
  return reportText === undefined ? json : `${json.slice(0, -1)},"report":${reportText}}`;
}

export const DEFAULT_JOURNAL_LIMIT = 1000;
/**
 * The most the journal keeps, counted as the characters of each entry's text (path, id, AK, reason,
 * violations, signing trace, report) plus JOURNAL_ENTRY_BYTES for the rest: about its JSON size.
 * Past it the oldest entries are dropped (counted in `dropped`), whatever `journalLimit` allows, so a
 * client sending large requests cannot grow the mock's memory without end (16 MiB, as the scripts'
 * MAX_SCRIPT_BYTES: some 30,000 small entries).
 */
export const MAX_JOURNAL_BYTES = 16 * 1024 * 1024;
/** What an entry counts against MAX_JOURNAL_BYTES besides its variable text: its fields' names, time, requestId and so on. */
export const JOURNAL_ENTRY_BYTES = 512;
/** The entry as the journal keeps it (the caller's object is not changed): its free text cut by keptText, its other strings its own, its report as text. */
function keptEntry(entry: NewEntry): Kept {
  // Field by field, not `{ ...rest }`: a rest copy of the pipeline's entry (a dictionary by then) was
  // the journal's largest cost per report (bench: "mock report requests/s").
  const { auth } = entry;
  const kept: Kept = {
    seq: entry.seq,
    time: entry.time,
    method: entry.method,
    path: keptText(entry.path),
    auth: auth.ak === undefined ? { scheme: auth.scheme } : { scheme: auth.scheme, ak: keptText(auth.ak) },
    verdict: entry.verdict,
    violations: entry.violations.map(own),
    requestId: entry.requestId,
  };
  if (entry.version !== undefined) kept.version = entry.version;
  if (entry.id !== undefined) kept.id = keptText(entry.id);
  if (entry.reason !== undefined) kept.reason = keptText(entry.reason);
  if (entry.status !== undefined) kept.status = entry.status;
  if (entry.signing) kept.signing = ownTrace(entry.signing);
  if (entry.step) kept.step = { index: entry.step.index, of: entry.step.of };
  const text = entry.reportText ?? (entry.report === undefined ? undefined : JSON.stringify(entry.report));
  if (text !== undefined) kept.reportText = own(text);
  return kept;
}

/** What a kept entry counts against MAX_JOURNAL_BYTES: what its text holds (heldBytes), without serialising it. */
function entryBytes(entry: Kept): number {
  const texts = [entry.path, entry.id ?? '', entry.auth.ak ?? '', entry.reason ?? '', entry.reportText ?? ''];
  texts.push(...entry.violations);
  if (entry.signing) texts.push(...traceTexts(entry.signing));
  return texts.reduce((bytes, text) => bytes + heldBytes(text), JOURNAL_ENTRY_BYTES);
}

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
