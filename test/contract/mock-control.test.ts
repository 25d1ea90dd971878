// The control API's own HTTP behaviour, which only that door has: statuses, headers and bodies of
// health, the routes' 404/405, parameters refused. The long-poll wait's life (a client that leaves, a
// mock that closes) and what only the JS door has: mock-control-waits.test.ts. What both doors share is
// in mock-admin.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Mock, startMock } from '../../src/mock.js';
import { CONTROL_PREFIX, CONTROL_ROUTES } from '../../src/mock/admin/routes.js';
import { controlOf } from '../support/control.js';
import { rawRequest } from '../support/raw-http.js';

const TOKEN = { 'X-Auth-Token': 'control-token' };
let mock: Mock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock.close());
afterEach(() => mock.reset());

const get = (id: string) => fetch(`${mock.url}/v3/sources/${id}/command`, { headers: TOKEN }).then((r) => r.status);
const control = controlOf(() => mock);

describe('CONTROL_ROUTES, the route table', () => {
  it('lists what the door serves: each route is reached (no 404 naming no route, no 405), each path with all its methods', async () => {
    for (const { method, path } of CONTROL_ROUTES) {
      const rest = path.replace(CONTROL_PREFIX, '').replace('<API path>', 'v3/sources/t1/command');
      const answer = await control(method, rest, method === 'PUT' ? [] : undefined);
      expect(answer.status, `${method} ${path}`).not.toBe(405);
      expect(String((answer.body as { error?: string } | undefined)?.error)).not.toMatch(/^no control route/);
    }
    const health = await control('DELETE', '/health');
    expect(health.body).toMatchObject({ allow: ['GET', 'HEAD'] });
    expect((await control('GET', '/%3CAPI%20path%3E')).status).toBe(404); // the placeholder is no path
  });
});

describe('GET /__mock/health', () => {
  it('answers 200 JSON as soon as startMock resolves; HEAD the same without a body', async () => {
    const answer = await control('GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.body).toMatchObject({ status: 'ok', version: mock.health().version, waits: { pending: 0 } });
    const head = await rawRequest(mock.port, 'HEAD', '/__mock/health');
    expect([head.status, head.body, Number(head.headers['content-length']) > 0]).toEqual([200, '', true]);
  });

  it('another method is 405 with Allow; a parameter is 400 naming it; no CORS; a foreign Host is 403', async () => {
    const post = await control('POST', '/health');
    expect([post.status, post.headers.get('allow'), post.body]).toEqual([
      405,
      'GET, HEAD',
      { error: 'POST is not a control method for /__mock/health: use GET or HEAD', allow: ['GET', 'HEAD'] },
    ]);
    expect(await control('GET', '/health?verbose=1')).toMatchObject({
      status: 400,
      body: {
        error: 'unknown parameter "verbose": GET /__mock/health takes no parameters',
        parameter: 'verbose',
        known: [],
      },
    });
    const page = await rawRequest(mock.port, 'GET', '/__mock/health', { Origin: 'http://evil.example' });
    expect([page.status, page.headers['access-control-allow-origin']]).toEqual([403, undefined]); // mock-foreign-pages.test.ts
    const rebound = await rawRequest(mock.port, 'GET', '/__mock/health', { Host: `evil.example:${mock.port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.json).toEqual({
      error_code: 'MOCK.0403',
      error_msg: expect.stringMatching(/^the Host header "evil\.example:\d+" does not name this mock/),
      request_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });
});

describe('routes and parameters', () => {
  it('an unknown route is 404 listing the routes; a known one with another method is 405 with Allow', async () => {
    expect(await control('GET', '/nope')).toMatchObject({
      status: 404,
      body: {
        error:
          'no control route GET /__mock/nope: see docs/mock.md "Control API reference" (GET|HEAD /__mock/health, PUT|GET|DELETE /__mock/<API path>, GET|DELETE /__mock/scripts, GET|DELETE /__mock/requests, GET /__mock/requests/wait, POST /__mock/reset)',
      },
    });
    for (const [method, path, allow, use] of [
      ['PUT', '/requests', 'GET, DELETE', 'GET or DELETE'],
      ['POST', '/requests/wait', 'GET', 'GET'],
      ['GET', '/reset', 'POST', 'POST'],
      ['PATCH', '/scripts', 'GET, DELETE', 'GET or DELETE'],
      ['POST', '/v3/sources/s1/command', 'PUT, GET, DELETE', 'PUT, GET or DELETE'],
    ] as const) {
      const answer = await control(method, path);
      expect([answer.status, answer.headers.get('allow'), answer.body.allow]).toEqual([405, allow, allow.split(', ')]);
      expect(answer.body.error).toBe(`${method} is not a control method for /__mock${path}: use ${use}`);
    }
  });

  it('a parameter on a route that takes none is refused, so DELETE /__mock/requests?id=… clears nothing', async () => {
    await get('kept');
    expect(await control('DELETE', '/requests?id=kept')).toMatchObject({
      status: 400,
      body: { error: 'unknown parameter "id": DELETE /__mock/requests takes no parameters', parameter: 'id' },
    });
    expect(mock.journal().requests).toHaveLength(1);
    expect((await control('GET', '/scripts?all')).status).toBe(400);
    expect((await control('GET', '/v3/sources/s1/command?x=1')).status).toBe(400);
  });

  it('query values are URL-decoded; __proto__ and friends are just unknown names', async () => {
    await get('a%20b');
    expect((await control('GET', '/requests?id=a+b')).body.requests).toMatchObject([{ id: 'a b' }]);
    expect(
      (await control('GET', '/requests?id=a%20b&path=%2Fv3%2Fsources%2Fa%2520b%2Fcommand')).body.requests,
    ).toHaveLength(1);
    for (const name of ['__proto__', 'constructor', 'toString'])
      expect(await control('GET', `/requests?${name}=1`)).toMatchObject({
        status: 400,
        body: {
          error: `unknown parameter "${name}": the known ones are id, path, verdict, method, since, command_name, result`,
        },
      });
    expect(await control('GET', '/requests?id')).toMatchObject({
      status: 400,
      body: { error: 'id is empty: give a value, or leave the parameter out', parameter: 'id' },
    });
  });
});
