// Who may reach the mock's port: the Host header, allowed hosts, and CORS on the control API.
import { describe, expect, it } from 'vitest';
import { boundTo, hostProblem } from '../../src/mock/http/hosts.js';
import { startMock } from '../../src/mock.js';
import { rawRequest } from '../support/raw-http.js';
import { TOKEN, useAuthMock } from '../support/auth-mock.js';

const { mock } = useAuthMock();

describe('hostile: who may reach the port', () => {
  it.each(['/__mock/requests', '/v3/sources/a/command'])(
    'a Host that names another host (DNS rebinding) is refused with 403 on %s',
    async (path) => {
      const answer = await rawRequest(mock.port, 'GET', path, {
        Host: `evil.example:${mock.port}`,
        'X-Auth-Token': TOKEN,
      });
      expect(answer.status).toBe(403);
      expect(answer.json).toMatchObject({
        error_code: 'MOCK.0403',
        error_msg: `the Host header "evil.example:${mock.port}" does not name this mock (bound to 127.0.0.1): requests must name its address or localhost, which keeps DNS-rebinding pages out; allow another name with allowedHosts (--allow-host NAME)`,
      });
    },
  );

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST.', 'app.localhost', '[::1]', '127.0.0.2'])(
    'Host %s (with the port) names this mock',
    async (host) => {
      expect((await rawRequest(mock.port, 'GET', '/__mock/requests', { Host: `${host}:${mock.port}` })).status).toBe(
        200,
      );
    },
  );

  it('allowedHosts admits a named host; wildcard binds admit any IP address but no unlisted name', async () => {
    const named = await startMock({ port: 0, allowedHosts: ['Mock.Test'] });
    try {
      expect(
        (await rawRequest(named.port, 'GET', '/__mock/requests', { Host: `mock.test:${named.port}` })).status,
      ).toBe(200);
      expect(
        (await rawRequest(named.port, 'GET', '/__mock/requests', { Host: `other.test:${named.port}` })).status,
      ).toBe(403);
    } finally {
      await named.close();
    }
    const wildcard = boundTo('0.0.0.0');
    expect(hostProblem('192.0.2.7:4010', wildcard)).toBeUndefined();
    expect(hostProblem('[2001:db8::1]:4010', boundTo('::'))).toBeUndefined();
    expect(hostProblem('evil.example:4010', wildcard)).toMatch(/does not name this mock \(bound to 0\.0\.0\.0\)/);
    expect(hostProblem('192.0.2.7:4010', boundTo('127.0.0.1'))).toMatch(/does not name this mock/);
  });

  it('the control API answers no page: no CORS headers for any Origin, no preflight', async () => {
    const origin = { Origin: 'http://evil.example' };
    const list = await rawRequest(mock.port, 'GET', '/__mock/requests', origin);
    expect(list.status).toBe(403); // a foreign page: mock-foreign-pages.test.ts
    expect(list.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await rawRequest(mock.port, 'OPTIONS', '/__mock/reset', {
      ...origin,
      'Access-Control-Request-Method': 'POST',
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    // The API paths answer loopback pages (and apiOrigins): mock-foreign-pages.test.ts.
    const api = await rawRequest(mock.port, 'GET', '/v3/sources/a/command', {
      Origin: 'http://localhost:5173',
      'X-Auth-Token': TOKEN,
    });
    expect(api.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('controlOrigins opens the control API to the pages named, and only to them', async () => {
    const opened = await startMock({ port: 0, controlOrigins: ['http://dashboard.test:3000'] });
    try {
      const ok = await rawRequest(opened.port, 'OPTIONS', '/__mock/reset', {
        Origin: 'http://dashboard.test:3000',
        'Access-Control-Request-Method': 'POST',
      });
      expect(ok).toMatchObject({
        status: 204,
        headers: {
          'access-control-allow-origin': 'http://dashboard.test:3000',
          'access-control-allow-methods': 'GET, PUT, POST, DELETE',
          vary: 'Origin',
        },
      });
      const other = await rawRequest(opened.port, 'GET', '/__mock/requests', { Origin: 'http://evil.example' });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await opened.close();
    }
  });
});
