// What showCommand sends (headers, signed requests, the encoded path), over both routes, with an injected fetch.
import { describe, expect, it, vi } from 'vitest';
import { clientOn, ROUTES } from '../support/routes.js';
import { computeSignature } from '../../src/sign.js';
import { SERVER_ID_MAX_LENGTH, showCommand } from '../../src/v3.js';
import { json, rejection } from '../support/answers.js';
import { ID, TOKEN, SK, SECURITY_TOKEN, fakeFetch, tokenClientOn } from '../support/show-client.js';

describe.each(ROUTES)('%s route', (route) => {
  const tokenClient = tokenClientOn(route);
  describe('what the client sends', () => {
    it('sends the IAM token as X-Auth-Token to the encoded v3 path of the endpoint', async () => {
      const { client, seen } = tokenClient();
      await showCommand(client, ID);
      expect(seen).toHaveLength(1);
      const [request] = seen;
      expect(request!.method).toBe('GET');
      expect(request!.url).toBe(`https://sms.example.test/v3/sources/${ID}/command`);
      expect(request!.headers.get('x-auth-token')).toBe(TOKEN);
      expect(request!.headers.get('authorization')).toBeNull();
      expect(request!.redirect).toBe('manual');
    });

    it('signs with AK/SK: Authorization, X-Sdk-Date, and the signed X-Domain-Id and X-Security-Token', async () => {
      const fake = fakeFetch();
      const client = clientOn(route, {
        endpoint: 'http://127.0.0.1:4010',
        auth: { ak: 'AKID', sk: SK, domainId: 'domain-1', securityToken: SECURITY_TOKEN },
        fetch: fake.fetch,
      });
      await showCommand(client, 'a b');
      const request = fake.seen[0]!;
      const date = request.headers.get('x-sdk-date')!;
      expect(date).toMatch(/^\d{8}T\d{6}Z$/);
      expect(request.headers.get('x-domain-id')).toBe('domain-1');
      expect(request.headers.get('x-security-token')).toBe(SECURITY_TOKEN);
      expect(request.headers.get('x-auth-token')).toBeNull();
      const authorization = request.headers.get('authorization')!;
      expect(authorization).toMatch(
        /^SDK-HMAC-SHA256 Access=AKID, SignedHeaders=host;x-domain-id;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/,
      );
      // Recompute from what was actually sent: the server would accept it.
      const { signature } = computeSignature({
        method: 'GET',
        url: new URL(request.url),
        headers: new Map([
          ['host', '127.0.0.1:4010'],
          ['x-domain-id', 'domain-1'],
          ['x-sdk-date', date],
          ['x-security-token', SECURITY_TOKEN],
        ]),
        sk: SK,
        date,
      });
      expect(authorization.endsWith(`Signature=${signature}`)).toBe(true);
    });

    it('AK/SK: each request carries a signature valid for it, when one is reused within its second and when not', async () => {
      const fake = fakeFetch();
      const client = clientOn(route, {
        endpoint: 'http://127.0.0.1:4010',
        auth: { ak: 'AKID', sk: SK },
        fetch: fake.fetch,
      });
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(new Date('2026-01-02T03:04:05.100Z'));
        await showCommand(client, 'a');
        await showCommand(client, 'a'); // the same request, the same second
        await showCommand(client, 'b'); // another URL
        vi.setSystemTime(new Date('2026-01-02T03:04:06.000Z'));
        await showCommand(client, 'b'); // the next second
      } finally {
        vi.useRealTimers();
      }
      const sent = fake.seen.map((request) => {
        const date = request.headers.get('x-sdk-date')!;
        const { signature } = computeSignature({
          method: 'GET',
          url: new URL(request.url),
          headers: new Map([
            ['host', '127.0.0.1:4010'],
            ['x-sdk-date', date],
          ]),
          sk: SK,
          date,
        });
        expect(request.headers.get('authorization')).toBe(
          `SDK-HMAC-SHA256 Access=AKID, SignedHeaders=host;x-sdk-date, Signature=${signature}`,
        );
        return date;
      });
      expect(sent).toEqual(['20260102T030405Z', '20260102T030405Z', '20260102T030405Z', '20260102T030406Z']);
    });

    it('picks the documented endpoint for a region', async () => {
      const fake = fakeFetch();
      await showCommand(clientOn(route, { region: 'ru-moscow-1', auth: { token: TOKEN }, fetch: fake.fetch }), ID);
      expect(fake.seen[0]!.url).toBe(`https://sms-api.ru-moscow-1.myhuaweicloud.com/v3/sources/${ID}/command`);
    });

    it('sends the client headers, and no credentials when auth is omitted', async () => {
      const fake = fakeFetch(() => json({ error_code: 'APIGW.0301', error_msg: 'no token' }, 401));
      const error = await rejection(
        showCommand(
          clientOn(route, { endpoint: 'https://sms.example.test', fetch: fake.fetch, headers: { 'X-Trace': 'abc' } }),
          ID,
        ),
      );
      expect(error).toMatchObject({ code: 'HTTP', status: 401, message: 'HTTP 401 APIGW.0301: no token' });
      expect(fake.seen[0]!.headers.get('x-trace')).toBe('abc');
      expect([...fake.seen[0]!.headers.keys()]).not.toContain('x-auth-token');
    });

    it('uses a globalThis.fetch installed after the client was made', async () => {
      const client = clientOn(route, { endpoint: 'https://sms.example.test', auth: { token: TOKEN } });
      const stub = vi.fn(async () => json({ command_name: 'SKIP' }));
      vi.stubGlobal('fetch', stub);
      try {
        expect(await showCommand(client, ID)).toMatchObject({ known: true, name: 'SKIP' });
        expect(stub).toHaveBeenCalledTimes(1);
      } finally {
        vi.unstubAllGlobals();
      }
    });
  });

  describe('ids stay in their path segment', () => {
    it.each([
      ['a b/c?x#y', '/v3/sources/a%20b%2Fc%3Fx%23y/command'],
      ['%2e%2e', '/v3/sources/%252e%252e/command'],
      ['命令', '/v3/sources/%E5%91%BD%E4%BB%A4/command'],
    ])('encodes %j', async (id, path) => {
      const { client, seen } = tokenClient();
      await showCommand(client, id);
      expect(new URL(seen[0]!.url).pathname).toBe(path);
    });

    it.each([
      ['', 'server_id must not be empty'],
      ['.', 'server_id must not be "." or ".."'],
      ['..', 'server_id must not be "." or ".."'],
      ['x'.repeat(SERVER_ID_MAX_LENGTH + 1), 'server_id is 37 characters long; at most 36 are allowed'],
      [42, 'server_id must be a string, got number'],
      [undefined, 'server_id must be a string, got undefined'],
    ])('rejects %j before any request', async (id, message) => {
      const { client, fetch } = tokenClient();
      const call = showCommand(client, id as string);
      expect(call).toBeInstanceOf(Promise);
      expect(await rejection(call)).toMatchObject({ code: 'INVALID_INPUT', message });
      expect(fetch).not.toHaveBeenCalled();
    });
  });
});
