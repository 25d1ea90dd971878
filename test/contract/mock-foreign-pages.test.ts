// A web page of another origin cannot use the mock (issue 25, items 3 and 8): the API paths grant
// CORS only to loopback origins and the ones named (apiOrigins), the control API only to
// controlOrigins; any other page's request (its Origin, or Sec-Fetch-Site: cross-site on a no-cors
// GET) is a 403 MOCK.0403 that changes nothing (no AK lockout count, no step used, no report, no
// command remembered, no wait place taken) and that the journal records. Raw sockets: fetch would
// set Origin and Sec-Fetch-Site itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/index.js';
import { type Mock, startMock } from '../../src/mock.js';
import { rawRequest } from '../support/raw-http.js';

const CREDS = { ak: 'PAGESMOCKAK000000001', sk: 'pages-mock-secret-key-00000000000000001' };
const WRONG = { ...CREDS, sk: 'not-the-secret-key-0000000000000000001' };
const TOKEN = 'pages-test-token-1234567890';
const EVIL = { Origin: 'http://evil.example' };
const START = { command_name: 'START', result: 'success', result_detail: { msg: 'started' } };
const CROSS_SITE = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' };
const API_HOW =
  'pages may call them from a loopback origin (http://localhost:*, http://127.0.0.1:*, http://[::1]:*) or from one named with apiOrigins (--api-origin ORIGIN)';
const EVIL_API = `a page of origin "http://evil.example" (the Origin header) may not use the API paths: ${API_HOW}`;
const CROSS_API = `a page of another site (Sec-Fetch-Site: cross-site, no Origin) may not use the API paths: ${API_HOW}`;

let mock: Mock;
beforeAll(async () => {
  mock = await startMock({
    port: 0,
    auth: { tokens: [TOKEN], credentials: [CREDS] },
    apiOrigins: ['https://app.example'],
    controlOrigins: ['http://dashboard.test'],
  });
});
afterAll(() => mock.close());

const command = (id: string) => `/v3/sources/${id}/command`;
const signed = async (path: string, creds = CREDS, headers: Record<string, string> = {}) =>
  ({ ...(await signRequest({ method: 'GET', url: `${mock.url}${path}` }, creds)), ...headers }) as Record<
    string,
    string
  >;

describe('the API paths refuse a foreign page before anything changes', () => {
  it('six wrongly signed requests from a foreign page are 403 each, journaled, and do not lock the AK', async () => {
    mock.reset();
    for (let i = 0; i < 6; i++) {
      const answer = await rawRequest(mock.port, 'GET', command('p1'), await signed(command('p1'), WRONG, EVIL));
      expect(answer.status).toBe(403);
      expect(answer.json).toMatchObject({ error_code: 'MOCK.0403', error_msg: EVIL_API });
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    const right = await rawRequest(mock.port, 'GET', command('p1'), await signed(command('p1')));
    expect(right.status).toBe(200);
    const journal = await mock.requests({ verdict: 'refused' });
    expect(journal).toHaveLength(6);
    expect(journal[0]).toMatchObject({ method: 'GET', status: 403, reason: EVIL_API, auth: { ak: CREDS.ak } });
  });

  it('a cross-site no-cors GET uses up no step; a cross-site report moves no step on and is not accepted', async () => {
    mock.reset();
    mock.script(command('p2'), [
      { body: { command_name: 'START' }, until: 'reported' },
      { body: { command_name: 'STOP' } },
    ]);
    const page = await rawRequest(mock.port, 'GET', command('p2'), { ...CROSS_SITE, 'X-Auth-Token': TOKEN });
    expect(page.status).toBe(403);
    expect(page.json.error_msg).toBe(CROSS_API);
    const report = JSON.stringify(START);
    const posted = await rawRequest(
      mock.port,
      'POST',
      '/v3/sources/p2/command_result',
      { ...EVIL, 'X-Auth-Token': TOKEN, 'Content-Type': 'application/json' },
      10_000,
      report,
    );
    expect(posted.status).toBe(403);
    expect(mock.scriptState(command('p2'))).toMatchObject({ served: 0, remaining: [{ until: 'reported' }, {}] });
    const agent = await rawRequest(mock.port, 'GET', command('p2'), { 'X-Auth-Token': TOKEN });
    expect(agent.json.command_name).toBe('START');
  });

  it('a foreign GET is not remembered as served: a report of its command is still SMS.2009', async () => {
    mock.reset();
    const served = (await rawRequest(mock.port, 'GET', command('p3-agent'), { 'X-Auth-Token': TOKEN })).json;
    const page = await rawRequest(mock.port, 'GET', command('p3'), { ...EVIL, 'X-Auth-Token': TOKEN });
    expect(page.status).toBe(403);
    const report = await rawRequest(
      mock.port,
      'POST',
      '/v3/sources/p3/command_result',
      { 'X-Auth-Token': TOKEN, 'Content-Type': 'application/json' },
      10_000,
      JSON.stringify({ ...START, command_name: served.command_name }),
    );
    expect(report.json.error_code).toBe('SMS.2009');
  });

  it('a foreign preflight is refused (journaled); loopback and named origins get CORS and their preflight', async () => {
    mock.reset();
    const preflight = { 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-auth-token' };
    const foreign = await rawRequest(mock.port, 'OPTIONS', command('p4'), { ...EVIL, ...preflight });
    expect([foreign.status, foreign.headers['access-control-allow-origin']]).toEqual([403, undefined]);
    expect(await mock.requests({ method: 'OPTIONS' })).toMatchObject([{ status: 403, verdict: 'refused' }]);
    for (const origin of [
      'http://localhost:5173',
      'http://127.0.0.1:3000',
      'http://[::1]:8080',
      'https://app.example',
    ]) {
      const granted = await rawRequest(mock.port, 'OPTIONS', command('p4'), { Origin: origin, ...preflight });
      expect(granted).toMatchObject({
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'x-auth-token',
        },
      });
      // A dev server on localhost calling the mock on 127.0.0.1 is cross-site by the browser's rules: its Origin decides.
      const get = await rawRequest(mock.port, 'GET', command('p4'), {
        Origin: origin,
        ...CROSS_SITE,
        'X-Auth-Token': TOKEN,
      });
      expect([get.status, get.headers['access-control-allow-origin']]).toEqual([200, origin]);
    }
    for (const origin of ['http://localhost.evil.example', 'https://localhost:5173', 'null', 'http://app.example'])
      expect(
        (await rawRequest(mock.port, 'GET', command('p4'), { Origin: origin, 'X-Auth-Token': TOKEN })).status,
      ).toBe(403);
  });
});

describe('the control API refuses a foreign page before a wait takes a place', () => {
  it("65 cross-site waits are 403 at once, no place taken; the user's own wait still works", async () => {
    const answers = await Promise.all(
      Array.from({ length: 65 }, () =>
        rawRequest(mock.port, 'GET', '/__mock/requests/wait?id=w1&timeout_ms=60000', CROSS_SITE, 5000),
      ),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([403]));
    expect(answers[0]!.json).toMatchObject({
      error_code: 'MOCK.0403',
      error_msg:
        'a page of another site (Sec-Fetch-Site: cross-site, no Origin) may not use the control API (/__mock): name the origin with controlOrigins (--control-origin ORIGIN)',
    });
    expect(mock.health().waits.pending).toBe(0);
    const foreign = await rawRequest(mock.port, 'GET', '/__mock/requests/wait?id=w1&timeout_ms=0', EVIL);
    expect(foreign.json.error_msg).toMatch(
      /^a page of origin "http:\/\/evil\.example" \(the Origin header\) may not use the control API/,
    );
    const waiting = mock.waitForRequest({ id: 'w1' }, { timeoutMs: 10_000 });
    await rawRequest(mock.port, 'GET', command('w1'), { 'X-Auth-Token': TOKEN });
    expect(await waiting).toMatchObject({ id: 'w1', status: 200 });
    const named = await rawRequest(mock.port, 'GET', '/__mock/requests/wait?id=w1&timeout_ms=0', {
      Origin: 'http://dashboard.test',
    });
    expect([named.status, named.headers['access-control-allow-origin']]).toEqual([200, 'http://dashboard.test']);
  });
});
