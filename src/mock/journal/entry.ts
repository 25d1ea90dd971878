// One journal entry: what the pipeline fills in, what the journal keeps of it (its free text cut, its
// strings its own, its report as text), what that counts against MAX_JOURNAL_BYTES, and how the two
// doors read it back.
import type { Scheme } from '../auth/verifier.js';
import type { SigningTrace } from '../auth/signature.js';
import type { Version } from '../engine/contract.js';
import { heldBytes } from '../texts/held.js';
import { keptText, own, ownTrace, traceTexts } from './kept-text.js';

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
export type Kept = Omit<JournalEntry, 'report'> & { reportText?: string };

/** A kept entry as the JS door reads it: `report` parsed when it is read (a filter reads no report). */
export function publicEntry(kept: Kept): JournalEntry {
  const { reportText, ...entry } = kept;
  if (reportText === undefined) return entry;
  const get = () => JSON.parse(reportText) as JournalEntry['report'];
  return Object.defineProperty(entry, 'report', { enumerable: true, configurable: true, get });
}

/** A kept entry's JSON text, as the HTTP listing sends it: its report's text as sent. */
export function entryJson(kept: Kept): string {
  const { reportText, ...entry } = kept;
  const json = JSON.stringify(entry);
  return reportText === undefined ? json : `${json.slice(0, -1)},"report":${reportText}}`;
}

/** What an entry counts against MAX_JOURNAL_BYTES besides its variable text: its fields' names, time, requestId and so on. */
export const JOURNAL_ENTRY_BYTES = 512;
/** The entry as the journal keeps it (the caller's object is not changed): its free text cut by keptText, its other strings its own, its report as text. */
export function keptEntry(entry: NewEntry): Kept {
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
export function entryBytes(entry: Kept): number {
  const texts = [entry.path, entry.id ?? '', entry.auth.ak ?? '', entry.reason ?? '', entry.reportText ?? ''];
  texts.push(...entry.violations);
  if (entry.signing) texts.push(...traceTexts(entry.signing));
  return texts.reduce((bytes, text) => bytes + heldBytes(text), JOURNAL_ENTRY_BYTES);
}
