// What a client's own doing makes of the mock (issue 25, items 5, 11, 12): a HEAD uses up no
// scripted step; a client that goes away mid-body is journaled `aborted`, not a mock error, with
// nothing on stderr; the request's bytes quoted in a log line (an engine failure over its
// Content-Type) are made printable. Raw sockets: fetch would neither send a half body nor raw C1 bytes.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mock, startMock } from '../../src/mock.js';
import { rawRequest } from '../support/raw-http.js';

const TOKEN = { 'X-Auth-Token': 'client-input-token' };
const logged: string[] = [];
let mock: Mock;
beforeAll(async () => {
  mock = await startMock({ port: 0, log: (line) => logged.push(line) });
});
afterAll(() => mock.close());

describe('a HEAD', () => {
  it("gets the step a GET would and uses none up: the Agent's first GET still gets the first step", async () => {
    const path = '/v3/sources/head1/command';
    mock.script(path, [{ body: { command_name: 'START' } }, { status: 503, body: { command_name: 'STOP' } }]);
    const head = await rawRequest(mock.port, 'HEAD', path, TOKEN);
    expect([head.status, head.body]).toEqual([200, '']);
    expect(mock.scriptState(path)).toMatchObject({ served: 0, remaining: [{ times: 1 }, { status: 503 }] });
    expect((await rawRequest(mock.port, 'GET', path, TOKEN)).json.command_name).toBe('START');
    expect((await rawRequest(mock.port, 'GET', path, TOKEN)).status).toBe(503);
  });
});

describe('a client that goes away mid-body', () => {
  it('is journaled aborted (no status, no 500) and prints nothing', async () => {
    logged.length = 0;
    const socket = connect(mock.port, '127.0.0.1');
    const head = [
      'POST /v3/sources/gone1/command_result HTTP/1.1',
      `Host: 127.0.0.1:${mock.port}`,
      'X-Auth-Token: client-input-token',
      'Content-Type: application/json',
      'Content-Length: 1000',
    ].join('\r\n');
    socket.write(`${head}\r\n\r\n{"command_name":`, () => socket.destroy());
    const entry = await mock.waitForRequest({ id: 'gone1' }, { timeoutMs: 10_000 });
    expect(entry).toMatchObject({
      verdict: 'aborted',
      reason: 'the client went away after 16 bytes of the body, before its end',
    });
    expect(entry.status).toBeUndefined();
    expect(logged).toEqual([]);
  });
});

describe('a log line that quotes the request', () => {
  // The one request-driven engine failure found (Prism quoting a GET's unparseable Content-Type on
  // stderr) is gone: a GET's Content-Type is not passed to the engine. The engine's log lines still go
  // through printableLines, for whatever else Prism may quote.
  it("a GET's Content-Type never reaches Prism (a GET carries no body of the operation's): one it cannot parse is answered, nothing logged", async () => {
    logged.length = 0;
    const answer = await rawRequest(mock.port, 'GET', '/v3/sources/log1/command', {
      ...TOKEN,
      'Content-Type': 'text/\u009b31m\u0085plain',
    });
    expect(answer.status).toBe(200);
    expect(logged).toEqual([]);
  });
});
