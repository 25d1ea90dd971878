// Which journal entries a listing or a wait takes: a filter named after the entry's own fields (and a
// report's), and the bounds of a wait. One function checks each for both doors of the admin service:
// the JS `Mock` (`mock.journal({ id: 's1' })`) and the control API's query parameters (`?id=s1`), so
// both refuse the same input with the same words.
import { JournalError, type JournalErrorDetail } from '../../errors/journal-error.js';

/** What the mock made of a request (JournalEntry's `verdict`: a type test holds the two equal). */
export const VERDICTS = ['answered', 'refused', 'fault', 'aborted', 'error'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Which entries to take; every field given must match (they AND together). */
export interface JournalFilter {
  /** The decoded id, exactly. */
  id?: string;
  /** The path as received, still encoded, without its query: `/v3/sources/s1/command`. */
  path?: string;
  verdict?: Verdict;
  /** As the journal records it: upper case (`GET`, `POST`). */
  method?: string;
  /** Only entries whose `seq` is greater than this (the last one you saw); 0 takes every entry. */
  since?: number;
  /**
   * Only reports (UpdateCommandResult) whose `report.command_name` is this string, exactly: `STOP`
   * waits for the STOP report. A GET that served a STOP is not taken (the journal keeps no answer
   * body; its report is what says the Agent ran it). Any string: the spec's set of names is open.
   */
  command_name?: string;
  /** Only reports whose `report.result` is this: one of REPORT_RESULTS (the spec's enum). */
  result?: ReportResult;
}

/** The filter's names: JournalEntry fields, then a report's fields (`report.command_name`, `report.result`). */
export const FILTER_PARAMETERS = ['id', 'path', 'verdict', 'method', 'since', 'command_name', 'result'] as const;

/** A report's `result` as the spec documents it (CommandResultValue, v1 and v3): the values a `result` filter takes. */
export const REPORT_RESULTS = ['success', 'fail'] as const;
export type ReportResult = (typeof REPORT_RESULTS)[number];

/** The longest wait for a request (`timeoutMs`, `timeout_ms`). */
export const MAX_WAIT_MS = 60_000;

const refuse = (parameter: string, message: string, detail: JournalErrorDetail = {}) =>
  new JournalError(400, message, { parameter, ...detail });

/** A value as a message quotes it, the same from either door (`5` and `"5"` both show as "5"), cut at 80 characters. */
const shown = (value: string | number) => {
  const text = String(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
};

/** One value of a parameter: a string (the query) or, from JS, a number where one is asked for. */
function single(name: string, value: unknown): string | number {
  if (Array.isArray(value) && value.length < 2) throw refuse(name, `${name} must be one value, not an array`);
  if (Array.isArray(value))
    throw refuse(
      name,
      `${name} is given ${value.length} times (${value.map((one) => shown(String(one))).join(', ')}): give it once (several parameters AND together)`,
    );
  if (value === '') throw refuse(name, `${name} is empty: give a value, or leave the parameter out`);
  if (typeof value !== 'string' && typeof value !== 'number')
    throw refuse(name, `${name} must be a string, not ${value === null ? 'null' : typeof value}`);
  return value;
}

/** A whole number from 0 to `max`: a JS number, or the decimal digits of the query. */
function wholeNumber(name: string, value: unknown, max: number, limitName?: string): number {
  const given = single(name, value);
  const number = typeof given === 'number' ? given : /^\d+$/.test(given) ? Number(given) : NaN;
  if (!Number.isInteger(number) || number < 0)
    throw refuse(name, `${name} ${shown(given)} is not a whole number from 0 to ${max}`);
  if (number > max)
    throw refuse(
      name,
      limitName
        ? `${name} ${shown(given)} is over ${max} ms (${limitName}), the longest a wait may be: wait again after a timeout`
        : `${name} ${shown(given)} is over ${max}`,
    );
  return number;
}

/** How long a wait may wait: `value` checked under its door's name (`timeoutMs`, `timeout_ms`); 0 looks at what is recorded and does not wait. */
export const waitTimeout = (value: unknown, name: string): number =>
  wholeNumber(name, value, MAX_WAIT_MS, 'MAX_WAIT_MS');

const text = (name: string, value: unknown): string => {
  const given = single(name, value);
  if (typeof given !== 'string') throw refuse(name, `${name} must be a string, not number`);
  return given;
};

/**
 * The filter in `input` (a JS object, or the query's parameters with a repeated one as an array),
 * checked: an unknown name, a repeated or empty value, a verdict or method the journal never
 * records, a `since` that is not a seq, each refused with a JournalError (400) naming it. `alsoKnown`
 * names the route's other parameters, for the message (the caller takes them out first). An
 * undefined value is left out, as JS leaves out an optional field.
 */
export function journalFilter(input: unknown, alsoKnown: readonly string[] = []): JournalFilter {
  if (input === undefined) return {};
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw refuse('filter', `the journal filter must be an object such as { id: 's1', verdict: 'answered' }`);
  const known = [...FILTER_PARAMETERS, ...alsoKnown];
  const filter: JournalFilter = {};
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (!(FILTER_PARAMETERS as readonly string[]).includes(name))
      throw refuse(name, `unknown parameter ${shown(name)}: the known ones are ${known.join(', ')}`, { known });
    if (name === 'since') {
      filter.since = wholeNumber(name, value, Number.MAX_SAFE_INTEGER);
      continue;
    }
    const given = text(name, value);
    if (name === 'verdict') {
      if (!(VERDICTS as readonly string[]).includes(given))
        throw refuse(name, `verdict ${shown(given)} is not one of ${VERDICTS.join(', ')}`);
      filter.verdict = given as Verdict;
    } else if (name === 'method') {
      if (!/^[A-Z]+$/.test(given))
        throw refuse(
          name,
          `method ${shown(given)} is not a method as the journal records it: upper case, such as GET or POST`,
        );
      filter.method = given;
    } else if (name === 'result') {
      if (!(REPORT_RESULTS as readonly string[]).includes(given))
        throw refuse(
          name,
          `result ${shown(given)} is not one of ${REPORT_RESULTS.join(', ')}, the values a report's result may have: to find a report refused for another, filter on verdict=refused`,
        );
      filter.result = given as ReportResult;
    } else if (name === 'command_name') {
      filter.command_name = given;
    } else if (name === 'path') {
      if (!given.startsWith('/') || given.includes('?'))
        throw refuse(
          name,
          `path ${shown(given)} is not a path as the journal records it: it starts with "/" and has no query, such as /v3/sources/s1/command`,
        );
      filter.path = given;
    } else {
      filter.id = given;
    }
  }
  return filter;
}

/** What a filter reads of a JournalEntry (journal.ts imports this module, not the other way round). */
export interface Filtered {
  seq: number;
  id?: string;
  path: string;
  verdict: string;
  method: string;
  report?: { command_name?: unknown; result?: unknown };
}

/** Whether an entry passes a (checked) filter. A report is read last: the journal parses it when it is read. */
export function filterMatches(filter: JournalFilter): (entry: Filtered) => boolean {
  const { id, path, verdict, method, since, command_name: commandName, result } = filter;
  const reportAsked = commandName !== undefined || result !== undefined;
  return (entry) =>
    (id === undefined || entry.id === id) &&
    (path === undefined || entry.path === path) &&
    (verdict === undefined || entry.verdict === verdict) &&
    (method === undefined || entry.method === method) &&
    (since === undefined || entry.seq > since) &&
    (!reportAsked || reportMatches(entry.report, commandName, result));
}

/** Whether a report (as sent: any JSON) has the command name and result asked for; no report never does. */
function reportMatches(report: Filtered['report'], commandName?: string, result?: string): boolean {
  if (report === undefined) return false;
  return (
    (commandName === undefined || report.command_name === commandName) &&
    (result === undefined || report.result === result)
  );
}
