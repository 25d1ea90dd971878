// The control API's journal waits (GET /__mock/requests/wait and mock.waitForRequest): answers,
// timeouts, parameters, clients that leave, MAX_PENDING_WAITS, a close with waits pending, and what only
// the JS door has (a predicate, a signal). The other control routes: mock-control.test.ts.
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { JournalError, MAX_PENDING_WAITS, startMock } from '../../src/mock.js';
import { controlOf } from '../support/control.js';
import { useMock } from '../support/mock-fixture.js';
import { rawExchange } from '../support/raw-http.js';
import { pendingWaits } from '../support/waits.js';

const TOKEN = { 'X-Auth-Token': 'control-token' };
const mock = useMock({ port: 0 });
const get = (id: string) => fetch(`${mock.url}/v3/sources/${id}/command`, { headers: TOKEN }).then((r) => r.status);
const control = controlOf(() => mock);
/** A wait sent on a socket of its own, which the test can destroy (a client that leaves). */
const openWait = (port: number, query: string): Promise<Socket> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET /__mock/requests/wait?${query} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      resolve(socket);
    });
    socket.on('error', () => {});
  });

describe('GET /__mock/requests/wait', () => {
  it('answers the entry itself (200), or 408 with the timeout and the entries looked at', async () => {
    await get('w1');
    const found = await control('GET', '/requests/wait?id=w1&verdict=answered');
    expect([found.status, found.body]).toEqual([200, mock.journal().requests[0]]);
    const none = await control('GET', '/requests/wait?id=never&timeout_ms=50');
    expect([none.status, none.body]).toEqual([
      408,
      { error: 'no matching request within 50 ms (1 in the journal)', timeoutMs: 50, checked: 1 },
    ]);
  });

  it('its own parameter is refused like a filter: unknown names list it, 1e9 and repeats are refused', async () => {
    expect((await control('GET', '/requests/wait?id=x&timeout=5')).body).toEqual({
      error:
        'unknown parameter "timeout": the known ones are id, path, verdict, method, since, command_name, result, timeout_ms',
      parameter: 'timeout',
      known: ['id', 'path', 'verdict', 'method', 'since', 'command_name', 'result', 'timeout_ms'],
    });
    expect((await control('GET', '/requests/wait?id=x&timeout_ms=1e9')).body).toEqual({
      error: 'timeout_ms "1e9" is not a whole number from 0 to 60000',
      parameter: 'timeout_ms',
    });
    expect((await control('GET', '/requests/wait?id=x&timeout_ms=1&timeout_ms=2')).body).toEqual({
      error: 'timeout_ms is given 2 times ("1", "2"): give it once (several parameters AND together)',
      parameter: 'timeout_ms',
    });
    expect((await control('GET', '/requests/wait?id=x&timeout_ms=')).status).toBe(400);
    expect(mock.health().waits.pending).toBe(0);
  });

  it('a client that disconnects mid-wait frees its place at once', async () => {
    const sockets = await Promise.all([1, 2, 3].map(() => openWait(mock.port, 'id=never&timeout_ms=60000')));
    await pendingWaits(mock, 3);
    sockets[0]!.destroy();
    await pendingWaits(mock, 2);
    for (const socket of sockets) socket.destroy();
    await pendingWaits(mock, 0);
  });

  it('waits pipelined on one connection all free their places when it closes, not only the one being answered', async () => {
    const warnings: Error[] = [];
    const warned = (warning: Error) => warnings.push(warning);
    process.on('warning', warned);
    try {
      const socket = await openWait(mock.port, 'id=never&timeout_ms=60000');
      const again = `GET /__mock/requests/wait?id=never&timeout_ms=60000 HTTP/1.1\r\nHost: 127.0.0.1:${mock.port}\r\n\r\n`;
      socket.write(again.repeat(MAX_PENDING_WAITS - 1));
      await pendingWaits(mock, MAX_PENDING_WAITS);
      socket.end(); // the client is done sending and leaves
      await pendingWaits(mock, 0);
      socket.destroy();
    } finally {
      process.off('warning', warned);
    }
    expect(warnings).toEqual([]); // one listener per connection, however many waits it carries
  });

  it('hundreds of waits at once: MAX_PENDING_WAITS pend, the rest are refused 429, and all leave without a trace', async () => {
    const leave = new AbortController();
    let refused = 0;
    let allRefused!: () => void;
    const refusals = new Promise<void>((done) => (allRefused = done));
    const answers = Array.from({ length: 3 * MAX_PENDING_WAITS }, () =>
      fetch(`${mock.url}/__mock/requests/wait?id=crowd&timeout_ms=30000`, { signal: leave.signal }).then(
        (r) => {
          if (r.status === 429 && ++refused === 2 * MAX_PENDING_WAITS) allRefused();
          return r.status;
        },
        (error: Error) => error.name,
      ),
    );
    await refusals; // a 429 comes only once MAX_PENDING_WAITS are pending
    expect(mock.health().waits.pending).toBe(MAX_PENDING_WAITS);
    leave.abort();
    const statuses = await Promise.all(answers);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * MAX_PENDING_WAITS);
    expect(statuses.filter((s) => s === 'AbortError')).toHaveLength(MAX_PENDING_WAITS);
    await pendingWaits(mock, 0);
    // The mock is no worse for it.
    await get('crowd');
    expect((await control('GET', '/requests/wait?id=crowd')).status).toBe(200);
  });

  it('close() with waits pending: HTTP waits are closed at once (no answer), JS waits reject 503', async () => {
    const other = await startMock({ port: 0 });
    const http = [1, 2].map(() =>
      rawExchange(
        other.port,
        `GET /__mock/requests/wait?id=never&timeout_ms=60000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
      ),
    );
    const js = other.waitForRequest({ id: 'never' }, { timeoutMs: 60_000 }).catch((error) => error);
    await pendingWaits(other, 3);
    await other.close();
    const error = await js;
    expect(error).toBeInstanceOf(JournalError);
    expect(error).toMatchObject({
      status: 503,
      code: 'ABORTED',
      message: 'the mock closed while waiting for a matching request',
    });
    for (const exchange of await Promise.all(http)) {
      expect(exchange.closed).toBe(true); // ended by the mock
      expect(exchange.text).toBe(''); // without an answer: not the wait's own 408 after 60 s
    }
    expect(other.health().waits.pending).toBe(0);
  });
});

describe('what only the JS door has', () => {
  it('a predicate; one that throws ends its own wait, not the request or the other waits', async () => {
    const broken = mock
      .waitForRequest(
        () => {
          throw new Error('predicate broke');
        },
        { timeoutMs: 5000 },
      )
      .catch((error: Error) => error.message);
    const fine = mock.waitForRequest((r) => r.id === 'p1', { timeoutMs: 5000 });
    await pendingWaits(mock, 2);
    expect(await get('p1')).toBe(200);
    expect(await broken).toBe('predicate broke');
    expect(await fine).toMatchObject({ id: 'p1' });
    expect(mock.journal({ id: 'p1' }).requests).toHaveLength(1);
  });

  it('a signal ends a wait with its reason and frees its place; a filter that is not an object is refused', async () => {
    const stop = new AbortController();
    const waiting = mock.waitForRequest({ id: 'never' }, { timeoutMs: 5000, signal: stop.signal });
    await pendingWaits(mock, 1);
    stop.abort(new Error('test over'));
    await expect(waiting).rejects.toThrow('test over');
    expect(mock.health().waits.pending).toBe(0);
    await expect(mock.waitForRequest({ id: 'x' }, { signal: AbortSignal.abort(new Error('already')) })).rejects.toThrow(
      'already',
    );
    expect(() => mock.journal('s1' as never)).toThrow(
      "the journal filter must be an object such as { id: 's1', verdict: 'answered' }",
    );
    expect(() => mock.journal({ id: 5 } as never)).toThrow('id must be a string, not number');
  });
});
