// The journal's filter and a wait's timeout, checked by one function for both doors of the mock's
// admin service: what each kind of input becomes, or the refusal that names it.
import { describe, expect, it } from 'vitest';
import { JournalError } from '../../src/errors/journal-error.js';
import { filterMatches, journalFilter, MAX_WAIT_MS, waitTimeout } from '../../src/mock/journal/filter.js';
import type { JournalEntry } from '../../src/mock/journal/entry.js';

const refusal = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return error as JournalError;
  }
  throw new Error('accepted');
};

describe('journalFilter', () => {
  it('takes the query (strings) and JS (a number for since) alike; an undefined value is left out', () => {
    expect(journalFilter({ id: 's1', verdict: 'fault', method: 'POST', path: '/v1/x', since: '007' })).toEqual({
      id: 's1',
      verdict: 'fault',
      method: 'POST',
      path: '/v1/x',
      since: 7,
    });
    expect(journalFilter({ since: 0, id: undefined })).toEqual({ since: 0 });
    expect(journalFilter({ command_name: 'STOP', result: 'fail' })).toEqual({ command_name: 'STOP', result: 'fail' });
    expect(journalFilter({ command_name: 'RSET_LOG_ACL' })).toEqual({ command_name: 'RSET_LOG_ACL' }); // an open set
    expect(journalFilter(undefined)).toEqual({});
    expect(journalFilter({})).toEqual({});
  });

  it.each([
    [null, 'filter', "the journal filter must be an object such as { id: 's1', verdict: 'answered' }"],
    [['id'], 'filter', "the journal filter must be an object such as { id: 's1', verdict: 'answered' }"],
    [{ id: 5 }, 'id', 'id must be a string, not number'],
    [{ id: true }, 'id', 'id must be a string, not boolean'],
    [{ verdict: null }, 'verdict', 'verdict must be a string, not null'],
    [{ since: Number.NaN }, 'since', 'since "NaN" is not a whole number from 0 to 9007199254740991'],
    [{ since: Infinity }, 'since', 'since "Infinity" is not a whole number from 0 to 9007199254740991'],
    [{ since: ' 5' }, 'since', 'since " 5" is not a whole number from 0 to 9007199254740991'],
    [{ since: '5e2' }, 'since', 'since "5e2" is not a whole number from 0 to 9007199254740991'],
    [
      { method: 'G ET' },
      'method',
      'method "G ET" is not a method as the journal records it: upper case, such as GET or POST',
    ],
    [
      { path: '/v3/sources/a/command?x=1' },
      'path',
      'path "/v3/sources/a/command?x=1" is not a path as the journal records it: it starts with "/" and has no query, such as /v3/sources/s1/command',
    ],
    [
      { id: 'x'.repeat(1000), nope: 1 },
      'nope',
      'unknown parameter "nope": the known ones are id, path, verdict, method, since, command_name, result',
    ],
    [{ command_name: 7 }, 'command_name', 'command_name must be a string, not number'],
    [{ command_name: '' }, 'command_name', 'command_name is empty: give a value, or leave the parameter out'],
    [
      { result: 'ok' },
      'result',
      'result "ok" is not one of success, fail, the values a report\'s result may have: to find a report refused for another, filter on verdict=refused',
    ],
    [
      { verdict: 'y'.repeat(1000) },
      'verdict',
      `verdict "${'y'.repeat(80)}…" is not one of answered, refused, fault, aborted, error`,
    ],
  ])('%j is refused (400) naming %s', (input, parameter, message) => {
    const error = refusal(() => journalFilter(input));
    expect(error).toBeInstanceOf(JournalError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_INPUT', message, detail: { parameter } });
  });

  it('filterMatches ANDs what is given, and since takes only later seqs', () => {
    const entry = {
      seq: 5,
      id: 's1',
      path: '/v3/sources/s1/command',
      method: 'GET',
      verdict: 'answered',
    } as JournalEntry;
    expect(filterMatches({})(entry)).toBe(true);
    expect(filterMatches({ id: 's1', verdict: 'answered', method: 'GET', since: 4 })(entry)).toBe(true);
    expect(filterMatches({ id: 's1', since: 5 })(entry)).toBe(false);
    expect(filterMatches({ id: 's1', verdict: 'refused' })(entry)).toBe(false);
    expect(filterMatches({ path: '/v3/sources/s1/command/' })(entry)).toBe(false);
  });

  it('filterMatches takes a report by its command_name and result as sent; an entry without a report never', () => {
    const base = { seq: 1, path: '/v3/sources/s1/command_result', method: 'POST', verdict: 'refused' };
    const stop = { ...base, report: { command_name: 'STOP', result: 'fail' } } as JournalEntry;
    const odd = { ...base, report: { command_name: ['STOP'], result: 'success' } } as JournalEntry; // as sent: any JSON
    const get = { ...base, method: 'GET' } as JournalEntry;
    expect([stop, odd, get].map(filterMatches({ command_name: 'STOP' }))).toEqual([true, false, false]);
    expect([stop, odd, get].map(filterMatches({ result: 'success' }))).toEqual([false, true, false]);
    expect(filterMatches({ command_name: 'STOP', result: 'success' })(stop)).toBe(false);
    expect(filterMatches({ command_name: 'stop' })(stop)).toBe(false); // exactly, as the other filters
  });
});

describe('waitTimeout', () => {
  it('is a whole number of ms from 0 to MAX_WAIT_MS, named as the door names it', () => {
    expect([waitTimeout(0, 'timeoutMs'), waitTimeout('60000', 'timeout_ms'), waitTimeout(MAX_WAIT_MS, 't')]).toEqual([
      0, 60_000, 60_000,
    ]);
    expect(refusal(() => waitTimeout('-0', 'timeout_ms')).message).toBe(
      'timeout_ms "-0" is not a whole number from 0 to 60000',
    );
    expect(refusal(() => waitTimeout(2 ** 31, 'timeoutMs')).message).toBe(
      'timeoutMs "2147483648" is over 60000 ms (MAX_WAIT_MS), the longest a wait may be: wait again after a timeout',
    );
    expect(refusal(() => waitTimeout([], 'timeoutMs')).message).toBe('timeoutMs must be one value, not an array');
    expect(refusal(() => journalFilter({ id: ['a'] })).message).toBe('id must be one value, not an array');
  });
});
