// The journal as both doors list it: a filter checked once and made a predicate, the listing
// (`mock.journal()`, `GET /__mock/requests`) with its counts, and its HAR form (`format: 'har'`,
// `?format=har`). The JS door builds objects; the HTTP door writes the same listing as text in pieces.
import { printableJson } from '../../text.js';
import { filterMatches, type JournalFilter, journalFilter } from '../journal/filter.js';
import { harOf, harRequested, type HarLog } from '../journal/har.js';
import type { Journal } from '../journal/journal.js';
import type { JournalEntry } from '../journal/entry.js';
import { arrayPieces } from './pieces.js';

/** The journal as `GET /__mock/requests` sends it. */
export interface JournalListing {
  /** The entries that pass the filter (every entry kept, without one), oldest first. */
  requests: JournalEntry[];
  /** How many entries were dropped, oldest first, to stay within `limit` (filter or not). */
  dropped: number;
  limit: number;
  /** The highest `seq` journaled so far, dropped or cleared ones included (0 before the first): `since` for "what comes next". */
  lastSeq: number;
}

/** A filter checked (a JournalError, 400, naming what is wrong) and made a predicate; undefined for none. */
export const journalPredicate = (filter: unknown) => {
  const checked = journalFilter(filter);
  return Object.keys(checked).length ? filterMatches(checked) : undefined;
};

/** A listing's `format` taken out of its filter: `har` or none (a JournalError, 400, for another). */
function formatOf(filter: unknown): { har: boolean; filter: unknown } {
  if (typeof filter !== 'object' || filter === null || !('format' in filter)) return { har: false, filter };
  const { format, ...rest } = filter as { format?: unknown };
  return { har: harRequested(format), filter: rest };
}

/** `mock.journal(filter)`: the JournalListing, or with `format: 'har'` the HAR log with `base` as the mock's URL. */
export function journalListing(journal: Journal, input: unknown, base: string): JournalListing | HarLog {
  const { har, filter } = formatOf(input);
  const requests = journal.list(journalPredicate(filter));
  if (har) return harOf(requests, base);
  return { requests, dropped: journal.dropped, limit: journal.limit, lastSeq: journal.lastSeq };
}

/**
 * `GET /__mock/requests?…`: the same listing as JSON text in pieces, each entry serialised only when
 * the writer gets to it. The filter is checked now (before the answer starts); `lastSeq` and `limit`
 * are those of now, `dropped` is written last, counting any entry dropped while the client read.
 */
export function journalPieces(journal: Journal, input: unknown, base: string): Iterable<string> {
  const { har, filter } = formatOf(input);
  const predicate = journalPredicate(filter);
  if (har) return [printableJson(JSON.stringify(harOf(journal.entries(predicate), base)))];
  const { limit, lastSeq } = journal;
  return (function* () {
    yield '{"requests":';
    // printableJson: a request's bytes (a C1 or bidi control in an AK) never reach a terminal raw
    yield* arrayPieces(journal.texts(predicate), (text) => [printableJson(text)]);
    yield `,"dropped":${journal.dropped},"limit":${limit},"lastSeq":${lastSeq}}`;
  })();
}
