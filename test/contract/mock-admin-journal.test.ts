// The journal's filters and waits through both doors of the admin service (the JS `Mock` and the HTTP
// control API), the same tests and expectations for each: filters named after the entry's fields,
// reports by command_name and result, waits that find, time out, pend and are bounded.
import { describe, expect, it, beforeAll } from 'vitest';
import { setMaxListeners } from 'node:events';
import { JournalError, MAX_PENDING_WAITS, MAX_WAIT_MS } from '../../src/mock.js';
import { refusal, TOKEN, useAdminMock } from '../support/admin-fixture.js';
import { ADMIN_DOORS, type AdminDoor } from '../support/mock-admin-http.js';
import { pendingWaits } from '../support/waits.js';

const { mock, get, report } = useAdminMock();

describe.each(ADMIN_DOORS)('the admin service through its %s door', (_door, open) => {
  let admin: AdminDoor;
  beforeAll(() => {
    admin = open(mock);
  });

  it('journal and requests take a filter named after the entry fields (id, path, verdict, method, since), ANDed', async () => {
    await get('f1');
    await fetch(`${mock.url}/v3/sources/f1/command`, { method: 'POST', headers: TOKEN }); // 405: refused
    await get('f2');
    const all = await admin.requests();
    expect(all.map((r) => [r.id, r.method, r.verdict])).toEqual([
      ['f1', 'GET', 'answered'],
      ['f1', 'POST', 'refused'],
      ['f2', 'GET', 'answered'],
    ]);
    const [first, second, third] = all;
    expect(await admin.requests({ id: 'f1' })).toEqual([first, second]);
    expect(await admin.requests({ id: 'f1', verdict: 'answered' })).toEqual([first]);
    expect(await admin.requests({ id: 'f1', method: 'POST' })).toEqual([second]);
    expect(await admin.requests({ path: '/v3/sources/f2/command' })).toEqual([third]);
    expect(await admin.requests({ since: first!.seq })).toEqual([second, third]); // seq > since
    expect(await admin.requests({ since: third!.seq })).toEqual([]);
    expect(await admin.requests({ since: 0, verdict: 'answered' })).toEqual([first, third]);
    expect(await admin.requests({ id: 'none' })).toEqual([]);
    expect(await admin.journal({ verdict: 'refused' })).toEqual({
      requests: [second],
      dropped: 0,
      limit: 3,
      lastSeq: third!.seq,
    });
  });

  it.each([
    [
      { nope: 'x' },
      'unknown parameter "nope": the known ones are id, path, verdict, method, since, command_name, result',
    ],
    [
      { result: 'ok' },
      'result "ok" is not one of success, fail, the values a report\'s result may have: to find a report refused for another, filter on verdict=refused',
    ],
    [{ command_name: '' }, 'command_name is empty: give a value, or leave the parameter out'],
    [
      { command_name: ['START', 'STOP'] },
      'command_name is given 2 times ("START", "STOP"): give it once (several parameters AND together)',
    ],
    [{ verdict: 'ok' }, 'verdict "ok" is not one of answered, refused, fault, aborted, error'],
    [{ since: 'abc' }, 'since "abc" is not a whole number from 0 to 9007199254740991'],
    [{ since: '-1' }, 'since "-1" is not a whole number from 0 to 9007199254740991'],
    [{ since: '1.5' }, 'since "1.5" is not a whole number from 0 to 9007199254740991'],
    [{ since: '99999999999999999999' }, 'since "99999999999999999999" is over 9007199254740991'],
    [{ id: '' }, 'id is empty: give a value, or leave the parameter out'],
    [{ id: ['a', 'b'] }, 'id is given 2 times ("a", "b"): give it once (several parameters AND together)'],
    [{ method: 'get' }, 'method "get" is not a method as the journal records it: upper case, such as GET or POST'],
    [
      { path: 'v3/sources/a/command' },
      'path "v3/sources/a/command" is not a path as the journal records it: it starts with "/" and has no query, such as /v3/sources/s1/command',
    ],
  ])(
    'a bad filter %j is refused (400) naming it, by journal, requests and waitForRequest alike',
    async (filter, message) => {
      const [parameter] = Object.keys(filter);
      const unknown =
        parameter === 'nope' ? { known: ['id', 'path', 'verdict', 'method', 'since', 'command_name', 'result'] } : {};
      for (const attempt of [
        () => admin.journal(filter as never),
        () => admin.requests(filter as never),
        () => admin.waitForRequest({ ...filter, id: 'x' } as never, { timeoutMs: 0 }),
      ].slice(0, parameter === 'nope' || parameter === 'id' ? 2 : 3)) {
        const error = await refusal(attempt);
        expect(error).toBeInstanceOf(JournalError);
        expect(error).toMatchObject({ status: 400, code: 'INVALID_INPUT', message, detail: { parameter, ...unknown } });
      }
    },
  );

  it('command_name and result take reports by what they say: one wait for "the STOP report", not chained since= waits', async () => {
    await admin.script('/v3/sources/r1/command', [
      { body: { command_name: 'START' } },
      { body: { command_name: 'STOP' } },
    ]);
    const stopReport = admin.waitForRequest({ command_name: 'STOP' }, { timeoutMs: 10_000 });
    await pendingWaits(mock, 1);
    expect(await get('r1')).toEqual([200, { command_name: 'START' }]);
    expect(await report('r1', { command_name: 'START', result: 'success', result_detail: {} })).toBe(200);
    expect(await get('r1')).toEqual([200, { command_name: 'STOP' }]); // a GET that served STOP is not the report
    expect(await report('r1', { command_name: 'STOP', result: 'fail', result_detail: { msg: 'busy' } })).toBe(200);
    const [startReport, , stopEntry] = await admin.requests(); // journalLimit 3: the first GET is dropped
    expect(await stopReport).toEqual(stopEntry);
    expect(stopEntry).toMatchObject({ method: 'POST', verdict: 'answered', report: { command_name: 'STOP' } });
    expect(await admin.requests({ command_name: 'START' })).toEqual([startReport]);
    expect(await admin.requests({ result: 'fail' })).toEqual([stopEntry]);
    expect(await admin.requests({ command_name: 'STOP', result: 'success' })).toEqual([]);
    // A refused report is journaled with its report too: verdict tells it apart.
    expect(await report('r1', { command_name: 'SYNC', result: 'success', result_detail: {} })).toBe(400); // SMS.2009
    expect(await admin.waitForRequest({ command_name: 'SYNC', verdict: 'refused' }, { timeoutMs: 0 })).toMatchObject({
      reason: expect.stringMatching(/^SMS\.2009: /),
    });
  });

  it('waitForRequest answers the first match, recorded or still to come, with the same filter', async () => {
    await get('w1');
    const seen = (await admin.requests()).at(-1)!;
    expect(await admin.waitForRequest({ id: 'w1' }, { timeoutMs: 0 })).toEqual(seen); // 0: look, do not wait
    const later = admin.waitForRequest({ id: 'w1', since: seen.seq }, { timeoutMs: 5000 });
    await pendingWaits(mock, 1);
    await get('w2');
    await get('w1');
    expect(await later).toMatchObject({ id: 'w1', seq: seen.seq + 2, verdict: 'answered', status: 200 });
    expect(mock.health().waits.pending).toBe(0);
  });

  it('a wait with no match ends 408 naming its timeout and how many entries it looked at, dropped ones included', async () => {
    await get('t1');
    await get('t2');
    // A timer of the test's own, set first and due first, still fires before the wait ends: the
    // order of two timers in one process, which load does not change (no clock is read).
    const ours = new Promise((done) => setTimeout(done, 1990, 'still waiting'));
    const waiting = refusal(() => admin.waitForRequest({ id: 'never' }, { timeoutMs: 2000 }));
    await pendingWaits(mock, 1);
    await get('t3');
    await get('t4'); // the journal keeps 3: t1 is dropped
    expect(await Promise.race([ours, waiting])).toBe('still waiting');
    const error = await waiting;
    expect(error).toBeInstanceOf(JournalError);
    expect(error).toMatchObject({
      status: 408,
      code: 'TIMEOUT',
      message: 'no matching request within 2000 ms (3 in the journal)',
      detail: { timeoutMs: 2000, checked: 4 },
    });
    expect(mock.health().waits.pending).toBe(0);
  });

  it('timeout 0 answers at once from what is kept: an entry dropped past the journal limit is not found', async () => {
    for (const id of ['d1', 'd2', 'd3', 'd4']) await get(id);
    expect(await refusal(() => admin.waitForRequest({ id: 'd1' }, { timeoutMs: 0 }))).toMatchObject({
      status: 408,
      message: 'no matching request within 0 ms (3 in the journal)',
      detail: { timeoutMs: 0, checked: 3 },
    });
    expect(await admin.waitForRequest({ id: 'd2' }, { timeoutMs: 0 })).toMatchObject({ id: 'd2' });
  });

  it.each([
    [-1, 'is not a whole number from 0 to 60000'],
    [1.5, 'is not a whole number from 0 to 60000'],
    ['abc', 'is not a whole number from 0 to 60000'],
    [MAX_WAIT_MS + 1, 'is over 60000 ms (MAX_WAIT_MS), the longest a wait may be: wait again after a timeout'],
    [1e9, 'is over 60000 ms (MAX_WAIT_MS), the longest a wait may be: wait again after a timeout'],
  ])('a wait of %j ms is refused (400) naming the timeout and the bound', async (timeoutMs, says) => {
    const error = await refusal(() => admin.waitForRequest({ id: 'x' }, { timeoutMs: timeoutMs as number }));
    expect(error).toBeInstanceOf(JournalError);
    expect(error).toMatchObject({
      status: 400,
      message: `${admin.timeoutName} ${JSON.stringify(String(timeoutMs))} ${says}`,
      detail: { parameter: admin.timeoutName },
    });
  });

  it('a clear or a reset while waiting leaves the wait waiting for what comes next', async () => {
    const waiting = admin.waitForRequest({ id: 'kept' }, { timeoutMs: 5000 });
    await pendingWaits(mock, 1);
    await admin.clearRequests();
    await admin.reset();
    expect(mock.health().waits.pending).toBe(1);
    await get('kept');
    expect(await waiting).toMatchObject({ id: 'kept' });
  });

  it(`no more than MAX_PENDING_WAITS (${MAX_PENDING_WAITS}) waits pend at once: the next is refused 429 naming the limit`, async () => {
    const stop = new AbortController();
    setMaxListeners(MAX_PENDING_WAITS, stop.signal); // one signal for every wait held
    const held = Array.from({ length: MAX_PENDING_WAITS }, () =>
      mock.waitForRequest({ id: 'held' }, { timeoutMs: 10_000, signal: stop.signal }).catch((error) => error),
    );
    expect((await admin.health()).waits).toEqual({ pending: MAX_PENDING_WAITS, limit: MAX_PENDING_WAITS });
    const error = await refusal(() => admin.waitForRequest({ id: 'one-more' }, { timeoutMs: 1000 }));
    expect(error).toBeInstanceOf(JournalError);
    expect(error).toMatchObject({
      status: 429,
      message: `${MAX_PENDING_WAITS} waits are already pending (MAX_PENDING_WAITS), the most the mock keeps: let some end first`,
      detail: { limit: MAX_PENDING_WAITS },
    });
    // A wait that finds its entry at once takes no place.
    await get('now');
    expect(await admin.waitForRequest({ id: 'now' }, { timeoutMs: 1000 })).toMatchObject({ id: 'now' });
    stop.abort();
    expect((await Promise.all(held)).every((e) => e.name === 'AbortError')).toBe(true);
    expect((await admin.health()).waits.pending).toBe(0);
  });
});
