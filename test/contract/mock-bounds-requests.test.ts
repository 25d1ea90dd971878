// Control API requests, bounded: oversized bodies get their 413, scripted headers are checked, state changes need JSON.
import { describe, expect, it } from 'vitest';
import { MAX_CONTROL_BODY } from '../../src/mock/admin/http-door.js';
import { controlOf } from '../support/control.js';
import { rawExchange, type RawExchangeOptions, statusesOf, endlessChunks } from '../support/raw-http.js';
import { useMock } from '../support/mock-fixture.js';

const mock = useMock({ port: 0, auth: false });
const control = controlOf(() => mock);
/** A raw exchange with the mock (test/support/raw-http.ts). */
const raw = (head: string, options?: RawExchangeOptions) => rawExchange(mock.port, head, options);
const jsonOf = (text: string) =>
  JSON.parse(text.slice(text.lastIndexOf('\r\n\r\n') + 4)) as { error: string; limit?: number };

describe('hostile: control API, oversized bodies get their 413', () => {
  const head = (extra: string) =>
    `PUT /__mock/v3/sources/big/command HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${extra}\r\n`;
  const expect413 = (text: string) => {
    expect(statusesOf(text).at(-1)).toBe(413);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(jsonOf(text)).toEqual({
      error: `the body is over ${MAX_CONTROL_BODY} bytes (MAX_CONTROL_BODY), the largest control request the mock reads: send fewer or smaller steps`,
      limit: MAX_CONTROL_BODY,
    });
  };

  it('a declared Content-Length over the limit, body sent at once: 413, then the connection closes', async () => {
    const size = MAX_CONTROL_BODY + 1;
    const reply = await raw(head(`Content-Length: ${size}\r\n`), { body: Buffer.alloc(size, 0x20) });
    expect413(reply.text);
    expect(reply.closed).toBe(true);
  });

  it('with Expect: 100-continue: 413 (no body read), then the connection closes', async () => {
    const size = 8 * MAX_CONTROL_BODY;
    const socketReply = await raw(head(`Content-Length: ${size}\r\nExpect: 100-continue\r\n`), {
      // A client that sends the body anyway once the server answers (100 Continue), as curl does.
      body: (write, firstData) =>
        void firstData.then(() => {
          for (let i = 0; i < 8; i++) write(Buffer.alloc(MAX_CONTROL_BODY, 0x20));
        }),
    });
    expect413(socketReply.text);
    expect(socketReply.closed).toBe(true);
  });

  it('a chunked body that never ends: 413 once past the limit, and the mock closes the connection within its linger time', async () => {
    const endless = endlessChunks(64 * 1024);
    // The body never ends: only the mock can close the connection (closed, not given up by the helper).
    const reply = await raw(head('Transfer-Encoding: chunked\r\n'), { body: endless.body });
    endless.stop();
    expect413(reply.text);
    expect(reply.closed).toBe(true);
    // The mock is still there.
    expect((await control('GET', '/scripts', undefined, {})).status).toBe(200);
  });
});

describe('hostile: control API, scripted headers', () => {
  const refused = async (headers: Record<string, string>) =>
    (await control('PUT', '/v3/sources/h/command', [{ status: 503, headers }])).body?.error;

  it.each([
    ['Content-Length', '5', 'the mock frames the body itself: another length desynchronises the connection'],
    ['transfer-encoding', 'chunked', 'the mock frames the body itself: another framing desynchronises the connection'],
    ['Connection', 'close', 'a hop-by-hop header: the mock manages the connection (keep-alive or close)'],
    ['Keep-Alive', 'timeout=1', 'a hop-by-hop header: the mock manages the connection'],
    ['Upgrade', 'h2c', 'a hop-by-hop header: the mock never switches protocols'],
    ['TE', 'trailers', 'a request header and hop-by-hop: it means nothing in an answer'],
    ['Trailer', 'X-A', 'the mock sends no trailers'],
    [
      'Content-Encoding',
      'gzip',
      'the body is sent uncompressed as written: a client would try to decompress it and fail',
    ],
  ])('%s is refused at PUT, saying why', async (name, value, why) => {
    expect(await refused({ [name]: value })).toBe(
      `steps[0].headers[${JSON.stringify(name)}]: cannot be scripted: ${why} (header)`,
    );
  });

  it('a value with NUL, CR, LF, another control character or past U+00FF is refused (no "500 OK")', async () => {
    for (const value of ['a\u0000b', 'a\rb', 'a\nb', 'a\u007fb', 'a\u0100b', ' padded']) {
      expect(await refused({ 'X-Bad': value })).toBe(
        'steps[0].headers["X-Bad"]: must be a header value: no control character (CR, LF, NUL, ...) but tab, no character past U+00FF, no space or tab at either end (field-value)',
      );
    }
    expect(await refused({ 'Bad Name': 'x' })).toMatch(/^steps\[0\]\.headers\["Bad Name"\]: is not a header name/);
    expect(await refused({ 'X-Num': 1 as never })).toBe('steps[0].headers["X-Num"]: must be a string (type)');
  });

  it('a scripted header reaches the client, and the keep-alive connection serves the next request cleanly', async () => {
    expect(
      (
        await control('PUT', '/v3/sources/ka/command', [
          { status: 429, headers: { 'Retry-After': '2', 'X-Note': 'tab\tinside' } },
          { body: { command_name: 'STOP' } },
        ])
      ).status,
    ).toBe(200);
    const get = 'GET /v3/sources/ka/command HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: t\r\n\r\n';
    const reply = await raw(get + get, { until: (text) => text.endsWith('"STOP"}') }); // both on one connection, pipelined
    expect(statusesOf(reply.text), reply.text).toEqual([429, 200]);
    expect(reply.text).toContain('\r\nRetry-After: 2\r\n');
    expect(reply.text).toContain('\r\nX-Note: tab\tinside\r\n');
    expect(reply.text).toMatch(/\{"command_name":"STOP"[^}]*\}$/);
  });

  it('1xx is refused (the client would wait for an answer that never comes); 204 goes without a Content-Length or body', async () => {
    expect((await control('PUT', '/v3/sources/i/command', [{ status: 101, unchecked: true }])).body?.error).toBe(
      'steps[0].status: 101 is an interim (1xx) status, not an answer: the client would wait for one that never comes; use { "fault": "hang" } for that (final status)',
    );
    expect(
      (
        await control('PUT', '/v3/sources/i/command', [
          { status: 204, unchecked: true, body: 'ignored' },
          { body: { command_name: 'STOP' } },
        ])
      ).status,
    ).toBe(200);
    const get = 'GET /v3/sources/i/command HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: t\r\n\r\n';
    const reply = await raw(get + get, { until: (text) => text.endsWith('"STOP"}') });
    expect(statusesOf(reply.text)).toEqual([204, 200]);
    expect(reply.text.split('HTTP/1.1 200')[0]).not.toMatch(/content-length|ignored/i);
  });
});

describe('hostile: control API, state changes need a JSON content type', () => {
  it('POST /__mock/reset as text/plain (what a web page can send unasked) is 415 naming the fix, and resets nothing', async () => {
    mock.script('/v3/sources/keep/command', [{}]);
    for (const headers of [
      { 'Content-Type': 'text/plain' },
      {} as Record<string, string>,
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    ]) {
      const reset = await control('POST', '/reset', undefined, headers);
      expect(reset.status).toBe(415);
      expect(reset.body?.error).toMatch(
        /^POST \/__mock\/reset needs Content-Type: application\/json \((not "[^"]+"|none was sent)\), so that no web page can send it unasked: add -H 'Content-Type: application\/json' \(curl\), or set that header in your client$/,
      );
    }
    expect(mock.scriptState('/v3/sources/keep/command')).toBeDefined();
    expect(
      (await control('POST', '/reset', undefined, { 'Content-Type': 'application/json; charset=utf-8' })).status,
    ).toBe(204);
    expect(mock.scriptState('/v3/sources/keep/command')).toBeUndefined();
  });

  it('PUT without it is 415 and stores nothing; DELETE needs none (it always needs a preflight)', async () => {
    const put = await control('PUT', '/v3/sources/t/command', [{}], { 'Content-Type': 'text/plain;charset=UTF-8' });
    expect(put).toEqual({
      status: 415,
      body: {
        error: `PUT /__mock/v3/sources/t/command needs Content-Type: application/json (not "text/plain;charset=UTF-8"), so that no web page can send it unasked: add -H 'Content-Type: application/json' (curl), or set that header in your client`,
      },
    });
    expect(mock.scriptState('/v3/sources/t/command')).toBeUndefined();
    expect((await control('PUT', '/v3/sources/t/command', [{}], { 'content-type': 'Application/JSON' })).status).toBe(
      200,
    );
    expect((await control('DELETE', '/v3/sources/t/command', undefined, {})).status).toBe(204);
  });
});
