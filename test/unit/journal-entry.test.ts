// What the journal keeps of an entry: every field the pipeline filled, copied field by field
// (src/mock/journal/entry.ts keptEntry). A field added to JournalEntry and not to that copy fails
// here: the entry below must set every field (Required), and comes back whole.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/mock/journal/journal.js';
import { type JournalEntry } from '../../src/mock/journal/entry.js';
import { own } from '../../src/mock/journal/kept-text.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const full: Required<JournalEntry> = {
  seq: 7,
  time: '2026-12-07T14:00:00.000Z',
  method: 'POST',
  path: '/v3/sources/s1/command_result',
  version: 'v3',
  id: 's1',
  auth: { scheme: 'aksk', ak: 'AK000000000000000001' },
  verdict: 'refused',
  reason: 'a reason long enough to be copied by the journal',
  status: 400,
  signing: { canonicalRequest: 'POST\n/v3/…', stringToSign: 'SDK-HMAC-SHA256\n…', signedHeaders: ['x-sdk-date'] },
  step: { index: 1, of: 3 },
  violations: ['$.result: must be one of success, fail'],
  requestId: '0123456789abcdef0123456789abcdef',
  report: { command_name: 'START', result: 'success', result_detail: { note: 'kept as sent' } },
};

describe('the journal keeps every field of an entry', () => {
  it('an entry with every field set comes back equal, field for field, in copies of its own', () => {
    const journal = new Journal();
    journal.add(structuredClone(full));
    const [kept] = journal.list();
    expect(Object.keys(kept!).sort()).toEqual(Object.keys(full).sort());
    expect(kept).toEqual(full);
  });

  it('an entry with only the required fields comes back without the optional ones', () => {
    const journal = new Journal();
    const { seq, time, method, path, auth, verdict, violations, requestId } = full;
    const least: JournalEntry = {
      seq,
      time,
      method,
      path,
      auth: { scheme: auth.scheme },
      verdict,
      violations,
      requestId,
    };
    journal.add(least);
    expect(journal.list()).toEqual([least]);
    expect(Object.keys(journal.list()[0]!).sort()).toEqual(Object.keys(least).sort());
  });
});

describe('own: a copy of a text that keeps nothing else alive', () => {
  it('100 characters cut from each of 64 texts of 1 MiB hold kilobytes, not the 64 MiB they were cut from', () => {
    const held = (copy: (text: string) => string) => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept = Array.from({ length: 64 }, (_, i) => copy(`${i}`.padEnd(2 ** 20, 'x').slice(5, 105)));
      gc();
      const bytes = process.memoryUsage().heapUsed - before;
      expect(kept.every((text) => text === 'x'.repeat(100))).toBe(true);
      return bytes;
    };
    // The slice alone keeps each whole text: what own() is for.
    expect(held((text) => text)).toBeGreaterThan(32 * 2 ** 20);
    expect(held(own)).toBeLessThan(2 ** 20);
  });
});
