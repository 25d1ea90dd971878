// The journal as a HAR 1.2 log (`GET /__mock/requests?format=har`, `mock.journal({ format: 'har' })`),
// which browser devtools and HAR viewers open. It holds what the journal holds and nothing more: no
// request header, no credential, no answer body (the journal keeps none); a report's fields as its
// postData. What HAR has no field for goes in `_`-prefixed fields, as HAR allows.
import { packageVersion } from '../../package-version.js';
import { JournalError } from '../../errors/journal-error.js';
import type { JournalEntry } from './entry.js';

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  /** The journal does not time requests: 0. */
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: [];
    headers: HarHeader[];
    queryString: [];
    postData?: { mimeType: string; text: string };
    headersSize: -1;
    bodySize: number;
  };
  response: {
    /** 0 for a fault (no answer), as browsers write a failed request. */
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: [];
    headers: HarHeader[];
    content: { size: number; mimeType: string };
    redirectURL: string;
    headersSize: -1;
    bodySize: -1;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _seq: number;
  _verdict: JournalEntry['verdict'];
  _auth: JournalEntry['auth'];
  _reason?: string;
  _violations?: string[];
}

export interface HarLog {
  log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[] };
}

/** The `format` a journal listing may ask for: `har`, or none (the journal's own JSON). */
export function harRequested(format: unknown): boolean {
  if (format === undefined) return false;
  if (format === 'har') return true;
  throw new JournalError(
    400,
    `format ${JSON.stringify(String(format)).slice(0, 90)} is not one the journal gives: format=har, or leave it out`,
    {
      parameter: 'format',
    },
  );
}

/** One journal entry as a HAR entry; `base` is the mock's URL (`http://127.0.0.1:4010`). */
function harEntry(entry: JournalEntry, base: string): HarEntry {
  const report = entry.report === undefined ? undefined : JSON.stringify(entry.report);
  return {
    startedDateTime: entry.time,
    time: 0,
    request: {
      method: entry.method,
      url: `${base}${entry.path}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      queryString: [],
      ...(report === undefined ? {} : { postData: { mimeType: 'application/json', text: report } }),
      headersSize: -1,
      bodySize: report === undefined ? 0 : Buffer.byteLength(report),
    },
    response: {
      status: entry.status ?? 0,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [{ name: 'X-Request-Id', value: entry.requestId }],
      content: { size: 0, mimeType: entry.status === undefined ? '' : 'application/json' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    _seq: entry.seq,
    _verdict: entry.verdict,
    _auth: entry.auth,
    ...(entry.reason === undefined ? {} : { _reason: entry.reason }),
    ...(entry.violations.length ? { _violations: entry.violations } : {}),
  };
}

/** Journal entries as a HAR 1.2 log. */
export function harOf(entries: Iterable<JournalEntry>, base: string): HarLog {
  return {
    log: {
      version: '1.2',
      creator: { name: 'sms-command-mock', version: packageVersion() },
      entries: Array.from(entries, (entry) => harEntry(entry, base)),
    },
  };
}
