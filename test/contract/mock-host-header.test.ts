// The Host header is one well-formed host (issue 25, item 9): two Host headers are a 400 (RFC 9112
// 3.2), not "the first wins", and so is a bracket that is not one IPv6 address or has text after
// it. Raw sockets: fetch sends exactly one Host, its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mock, startMock } from '../../src/mock.js';
import { rawExchange, rawRequest } from '../support/raw-http.js';

let mock: Mock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock.close());

const TOKEN = { 'X-Auth-Token': 'host-test-token' };

describe('a Host header sent twice or malformed is 400 MOCK.0400', () => {
  it('two Host headers, the first naming the mock, are refused on the API and on the control API', async () => {
    for (const path of ['/v3/sources/h1/command', '/__mock/health']) {
      const head = [
        `GET ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${mock.port}`,
        'Host: evil.example',
        'X-Auth-Token: host-test-token',
        'Connection: close',
      ].join('\r\n');
      const { text } = await rawExchange(mock.port, `${head}\r\n\r\n`);
      expect(text).toMatch(/^HTTP\/1\.1 400 /);
      const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
      expect(body).toMatchObject({
        error_code: 'MOCK.0400',
        error_msg: 'the request has 2 Host headers: send exactly one (RFC 9112)',
      });
    }
  });

  it('[::1]evil.example, [localhost], [127.0.0.1] and [::1 are refused; [::1]:PORT, localhost and 127.0.0.1 are served', async () => {
    for (const host of ['[::1]evil.example', '[localhost]', '[127.0.0.1]', '[::1', `[::1]:${mock.port}x`]) {
      const answer = await rawRequest(mock.port, 'GET', '/v3/sources/h2/command', { ...TOKEN, Host: host });
      expect(answer.status).toBe(400);
      expect(answer.json.error_msg).toBe(
        `the Host header ${JSON.stringify(host)} is not a host name or address with an optional port (an IPv6 address in brackets, nothing after it but :PORT)`,
      );
    }
    for (const host of [`[::1]:${mock.port}`, '[::1]', `localhost:${mock.port}`, `127.0.0.1:${mock.port}`])
      expect((await rawRequest(mock.port, 'GET', '/v3/sources/h2/command', { ...TOKEN, Host: host })).status).toBe(200);
    expect(await mock.requests({ id: 'h2' })).toHaveLength(4); // the refused ones never reached the journal
  });
});
