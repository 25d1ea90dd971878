// The v3 and v1 clients with an injected fetch (what is sent, how answers are read) and local
// servers (sockets that hang, stall, reset, redirect or stream without end). Every behaviour runs
// over both of showCommand's routes: the direct one a plain client takes, and openapi-fetch's,
// which a client with middleware takes.
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { routeTaken } from '../../src/client/factory.js';
import { clientOn, ROUTES } from '../support/routes.js';
import { computeSignature } from '../../src/sign.js';
import * as v1 from '../../src/v1.js';
import {
  createSmsClient,
  SERVER_ID_MAX_LENGTH,
  showCommand,
  SmsApiError,
  SmsError,
  SmsRedirectError,
  type Command,
  type SmsClientOptions,
} from '../../src/v3.js';
import { freePort } from '../support/ports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { json, rejection } from '../support/answers.js';

const ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';
const TOKEN = 'MIIT0k3n-secret-value';
const SK = 'sk-secret-MFyfvK41ba2giqM7Uio6';
const SECURITY_TOKEN = 'temporary-security-token-secret';

function fakeFetch(
  respond: (request: Request) => Response | Promise<Response> = () =>
    Response.json({ command_name: 'START', command_param: { task_id: 't' } }),
) {
  const seen: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    seen.push(request);
    return respond(request);
  });
  return { fetch, seen };
}

/** Every way an error could be shown: none may hold a secret or a signature. */
function expectNoSecret(error: SmsError, secrets: string[]) {
  const views = [
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    String(error),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error.cause ?? null),
  ];
  for (const view of views) {
    for (const secret of secrets) expect(view).not.toContain(secret);
    expect(view).not.toMatch(/Signature=[0-9a-f]{64}/);
  }
}

describe('which route a call takes', () => {
  it('a plain client calls fetch directly, never openapi-fetch (the fast route the bench measures)', async () => {
    const fake = fakeFetch();
    const client = createSmsClient({ endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch: fake.fetch });
    const viaOpenapiFetch = vi.spyOn(client, 'GET');
    await showCommand(client, ID);
    expect(routeTaken(client)).toBe('direct');
    expect(viaOpenapiFetch).not.toHaveBeenCalled();
    expect(fake.fetch).toHaveBeenCalledTimes(1);
  });

  it('a client with middleware, or an option only openapi-fetch knows, goes through client.GET', async () => {
    const withMiddleware = createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: fakeFetch().fetch });
    withMiddleware.use({ onRequest: () => undefined });
    const viaOpenapiFetch = vi.spyOn(withMiddleware, 'GET');
    await showCommand(withMiddleware, ID);
    expect(viaOpenapiFetch).toHaveBeenCalledTimes(1);
    expect(routeTaken(createSmsClient({ endpoint: 'https://h', querySerializer: {} }))).toBe('openapi-fetch');
  });

  it('back on the direct route once the last middleware is ejected (each registration counted)', async () => {
    const fake = fakeFetch();
    const client = createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: fake.fetch });
    const viaOpenapiFetch = vi.spyOn(client, 'GET');
    const first = { onRequest: () => undefined };
    const second = { onResponse: () => undefined };
    client.use(first, second, first);
    client.eject(first);
    expect(routeTaken(client)).toBe('openapi-fetch');
    client.eject(second, first);
    expect(routeTaken(client)).toBe('direct');
    await showCommand(client, ID);
    expect(viaOpenapiFetch).not.toHaveBeenCalled();
    client.eject(first);
    expect(routeTaken(client)).toBe('direct');
    client.use(second);
    await showCommand(client, ID);
    expect(viaOpenapiFetch).toHaveBeenCalledTimes(1);
    expect(fake.fetch).toHaveBeenCalledTimes(2);
  });

  it('a middleware openapi-fetch refuses after one it kept: the kept one still routes via client.GET', () => {
    const client = createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: fakeFetch().fetch });
    const kept = { onRequest: () => undefined };
    expect(() => client.use(kept, {} as never)).toThrow(/Middleware must be an object/);
    expect(routeTaken(client)).toBe('openapi-fetch');
    client.eject(kept);
    expect(routeTaken(client)).toBe('direct');
  });

  it('ejecting middleware does not bring back the direct route for an option only openapi-fetch knows', () => {
    const client = createSmsClient({ endpoint: 'https://h', querySerializer: {} });
    const middleware = { onRequest: () => undefined };
    client.use(middleware);
    client.eject(middleware);
    expect(routeTaken(client)).toBe('openapi-fetch');
  });
});

describe.each(ROUTES)('%s route', (route) => {
  const tokenClient = (respond?: Parameters<typeof fakeFetch>[0], options: Partial<SmsClientOptions> = {}) => {
    const fake = fakeFetch(respond);
    return {
      ...fake,
      client: clientOn(route, {
        endpoint: 'https://sms.example.test',
        auth: { token: TOKEN },
        fetch: fake.fetch,
        ...options,
      }),
    };
  };

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

  describe('the tolerant command reader', () => {
    const read = (body: unknown) => showCommand(tokenClient(() => json(body)).client, ID);

    it('returns a documented value as known, with its param and the raw body', async () => {
      const body = { command_name: 'TASK_HAS_FINISHED', command_param: { task_id: 't9' }, extra: 1 };
      expect(await read(body)).toEqual({ known: true, name: 'TASK_HAS_FINISHED', param: { task_id: 't9' }, raw: body });
    });

    it.each(['REBOOT', 'start', '', 'START '])('returns %j as an unknown command, never coerced', async (name) => {
      const command = await read({ command_name: name, command_param: { task_id: 't' } });
      expect(command).toEqual({
        known: false,
        name,
        param: { task_id: 't' },
        raw: { command_name: name, command_param: { task_id: 't' } },
      });
    });

    it("returns a body without command_name as unknown named '' with param {} (nothing is required by the spec)", async () => {
      expect(await read({})).toEqual({ known: false, name: '', param: {}, raw: {} });
      expect(await read({ command_name: null, command_param: null })).toEqual({
        known: false,
        name: '',
        param: {},
        raw: { command_name: null, command_param: null },
      });
    });

    it('a known command without command_param has param {}, so param.task_id reads as undefined', async () => {
      const command = await read({ command_name: 'START' });
      expect(command).toEqual({ known: true, name: 'START', param: {}, raw: { command_name: 'START' } });
      expect(command.param.task_id).toBeUndefined();
    });
  });

  describe('typed errors, with their messages', () => {
    it('HTTP: a documented 404 becomes SmsApiError with its fields and the X-Request-Id', async () => {
      const { client } = tokenClient(() =>
        json({ error_code: 'SMS.2252', error_msg: 'no task' }, 404, { 'X-Request-Id': 'req-1' }),
      );
      const error = await rejection(showCommand(client, ID));
      expect(error).toBeInstanceOf(SmsApiError);
      expect(error).toMatchObject({
        code: 'HTTP',
        status: 404,
        errorCode: 'SMS.2252',
        errorMsg: 'no task',
        requestId: 'req-1',
        retryAfter: undefined,
        body: { error_code: 'SMS.2252', error_msg: 'no task' },
      });
      expect(error.message).toBe('HTTP 404 SMS.2252: no task (request id req-1)');
    });

    it('HTTP: the 403 extras are carried', async () => {
      const body = {
        error_code: 'SMS.9004',
        error_msg: 'denied',
        encoded_authorization_message: 'ENC',
        error_param: ['p'],
        details: [{ error_code: 'SMS.9004', error_msg: 'd' }],
      };
      const error = await rejection(showCommand(tokenClient(() => json(body, 403)).client, ID));
      expect(error).toMatchObject({
        status: 403,
        errorCode: 'SMS.9004',
        encodedAuthorizationMessage: 'ENC',
        errorParam: ['p'],
        details: [{ error_code: 'SMS.9004', error_msg: 'd' }],
        message: 'HTTP 403 SMS.9004: denied',
      });
    });

    it('HTTP: a gateway error is parsed the same way; request id from a lower-case header or the body', async () => {
      const body = {
        error_code: 'APIGW.0301',
        error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
        request_id: 'body-id',
      };
      const fromBody = await rejection(showCommand(tokenClient(() => json(body, 401)).client, ID));
      expect(fromBody).toMatchObject({ status: 401, errorCode: 'APIGW.0301', requestId: 'body-id' });
      const fromHeader = await rejection(
        showCommand(tokenClient(() => json(body, 401, { 'x-request-id': 'hdr-id' })).client, ID),
      );
      expect((fromHeader as SmsApiError).requestId).toBe('hdr-id');
    });

    it('HTTP: an HTML 502 from a proxy keeps its text as the body', async () => {
      const error = await rejection(
        showCommand(
          tokenClient(
            () => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
          ).client,
          ID,
        ),
      );
      expect(error).toMatchObject({
        code: 'HTTP',
        status: 502,
        errorCode: undefined,
        body: '<html>Bad Gateway</html>',
        message: 'HTTP 502',
      });
    });

    it.each([
      ['delay-seconds', '120', 120],
      ['an HTTP date 90 s ahead', () => new Date(Date.now() + 90_000).toUTCString(), 90],
      ['an HTTP date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT', 0],
    ])('HTTP: a 429 with Retry-After as %s gives retryAfter in seconds', async (_form, header, seconds) => {
      // The clock stands still (Date only): the date is 90 s ahead when it is read, whatever the load.
      vi.useFakeTimers({ toFake: ['Date'] });
      const value = typeof header === 'function' ? header() : header;
      const body = { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached.' };
      const error = (await rejection(
        showCommand(tokenClient(() => json(body, 429, { 'Retry-After': value })).client, ID),
      ).finally(() => vi.useRealTimers())) as SmsApiError;
      expect(error.status).toBe(429);
      expect(error.retryAfter).toBeGreaterThanOrEqual(seconds - 1);
      expect(error.retryAfter).toBeLessThanOrEqual(seconds);
      expect(error.message).toMatch(
        /^HTTP 429 APIGW\.0308: The throttling threshold has been reached\. \(retry after \d+ s\)$/,
      );
    });

    it('HTTP: an error body nested deeper than JSON code can follow is kept as text, the status kept', async () => {
      for (const depth of [3000, 200_000]) {
        const error = (await rejection(
          showCommand(tokenClient(() => json('['.repeat(depth) + ']'.repeat(depth), 500)).client, ID),
        )) as SmsApiError;
        expect(error).toMatchObject({
          code: 'HTTP',
          status: 500,
          message: 'HTTP 500 (its JSON nests deeper than 64 levels and is kept as text)',
        });
        expect(typeof error.body).toBe('string');
        expect(() => JSON.stringify(error)).not.toThrow();
      }
    });

    it.each([
      [
        'HTML',
        () =>
          new Response('<!DOCTYPE html><html><body>Login</body></html>', {
            status: 200,
            headers: { 'content-type': 'text/html' },
          }),
        /^HTTP 200 body is not valid JSON \(.+\); it starts: "<!DOCTYPE html><html><body>Login<\/body><\/html>"$/,
      ],
      [
        'truncated JSON',
        () => json('{"command_name":"STA'),
        /^HTTP 200 body is not valid JSON \(.*JSON.*\); it starts: "\{\\"command_name\\":\\"STA"$/,
      ],
      [
        'an empty body',
        () => new Response('', { status: 200 }),
        /^HTTP 200 with an empty body; expected a JSON object$/,
      ],
      ['whitespace', () => json('  \n'), /^HTTP 200 with an empty body; expected a JSON object$/],
      ['an array', () => json([{ command_name: 'START' }]), /^expected a JSON object, got an array$/],
      ['null', () => json('null'), /^expected a JSON object, got null$/],
      ['a number name', () => json({ command_name: 7 }), /^command_name is number, expected a string$/],
      [
        'a string param',
        () => json({ command_name: 'START', command_param: 'task' }),
        /^command_param is string, expected an object$/,
      ],
      [
        'a numeric task_id',
        () => json({ command_name: 'START', command_param: { task_id: 1 } }),
        /^command_param.task_id is number, expected a string$/,
      ],
    ])('BAD_RESPONSE: a 200 with %s', async (_what, respond, message) => {
      const error = await rejection(showCommand(tokenClient(respond).client, ID));
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringMatching(message) });
    });

    it('BAD_RESPONSE: a streamed body over maxBodyBytes, naming the limit', async () => {
      const stream = new ReadableStream({ pull: (controller) => controller.enqueue(new Uint8Array(4096).fill(0x20)) });
      const { client } = tokenClient(() => new Response(stream, { status: 200 }), { maxBodyBytes: 10_000 });
      expect(await rejection(showCommand(client, ID))).toMatchObject({
        code: 'BAD_RESPONSE',
        message: 'HTTP 200: its body is over the 10000-byte limit (maxBodyBytes); reading stopped there',
      });
    });

    it('NETWORK: fetch failing, with a cause that keeps only name, message and code', async () => {
      const client = clientOn(route, {
        endpoint: 'https://h',
        auth: { token: TOKEN },
        fetch: async () => {
          throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
        },
      });
      const error = await rejection(showCommand(client, ID));
      expect(error).toMatchObject({
        code: 'NETWORK',
        message: 'the request failed: fetch failed (ECONNREFUSED)',
        cause: { name: 'TypeError', message: 'fetch failed', code: 'ECONNREFUSED' },
      });
    });
  });

  describe('redaction that never mangles', () => {
    it("a short test token ('t', 'S') leaves the documented 403 as it is", async () => {
      const body = {
        error_code: 'SMS.9004',
        error_msg: 'The current account does not have the permission to execute policy.',
      };
      for (const token of ['t', 'S', 'SMS']) {
        const error = (await rejection(
          showCommand(tokenClient(() => json(body, 403), { auth: { token } }).client, ID),
        )) as SmsApiError;
        expect(error).toMatchObject({
          errorCode: 'SMS.9004',
          errorMsg: body.error_msg,
          message: `HTTP 403 SMS.9004: ${body.error_msg}`,
        });
      }
    });

    it('a short token standing alone is still removed', async () => {
      const error = (await rejection(
        showCommand(
          tokenClient(() => json({ error_code: 'APIGW.0301', error_msg: 'token t is wrong' }, 401), {
            auth: { token: 't' },
          }).client,
          ID,
        ),
      )) as SmsApiError;
      expect(error.errorMsg).toBe('token [REDACTED] is wrong');
    });

    it('a long secret is removed whole, and any 8-character run of it: echoed halves, parse errors, excerpts', async () => {
      const half = TOKEN.slice(0, 11);
      const cases = [
        json({ error_code: 'X', error_msg: `got ${TOKEN} and ${half}` }, 401),
        json(`{"command_name": ${half}`), // JSON.parse's own message quotes the text
        json(`${'x'.repeat(55)}${TOKEN}`), // the 60-character excerpt cuts the token
      ];
      for (const answer of cases) {
        const error = await rejection(showCommand(tokenClient(() => answer.clone()).client, ID));
        expectNoSecret(error, [TOKEN, TOKEN.slice(0, 8), TOKEN.slice(-8), half]);
        expect(JSON.stringify(error)).toContain('[REDA'); // the excerpt may cut the marker, never a secret
      }
    });
  });

  describe('real sockets', () => {
    let server: TestServer;
    let foreign: TestServer;
    beforeAll(async () => {
      foreign = await startTestServer();
      server = await startTestServer({
        'redirect-foreign': (_req, res) =>
          res.writeHead(302, { location: `${foreign.url}/v3/sources/ok/command` }).end('{"command_name":"DELETE"}'),
        'redirect-foreign-307': (_req, res) => res.writeHead(307, { location: `${foreign.url}/steal` }).end(),
      });
    });
    afterAll(async () => {
      await server.close();
      await foreign.close();
    });
    const client = (options: Partial<SmsClientOptions> = {}) =>
      clientOn(route, { endpoint: server.url, auth: { token: TOKEN }, ...options });

    it('reads a real answer', async () => {
      expect(await showCommand(client(), 'ok')).toMatchObject({ known: true, name: 'STOP', param: { task_id: 't1' } });
    });

    it('REDIRECT: a 302 or 307 to another origin is an error; the other origin receives nothing, its body is never read', async () => {
      for (const auth of [{ token: TOKEN }, { ak: 'AKID', sk: SK, securityToken: SECURITY_TOKEN, domainId: 'd' }]) {
        for (const [id, status] of [
          ['redirect-foreign', 302],
          ['redirect-foreign-307', 307],
        ] as const) {
          const error = await rejection(showCommand(client({ auth }), id));
          expect(error).toBeInstanceOf(SmsRedirectError);
          expect(error).toMatchObject({ code: 'REDIRECT', status, targetOrigin: foreign.url, sameOrigin: false });
          expect(error.message).toBe(
            `HTTP ${status} redirect to another origin, ${foreign.url}; not followed (credentials stay with ${server.url}; set endpoint to the service's own URL)`,
          );
          expectNoSecret(error, [TOKEN, SK, SECURITY_TOKEN]);
        }
      }
      expect(foreign.requests).toEqual([]);
    });

    it('REDIRECT: a same-origin redirect is not followed either', async () => {
      const before = server.requests.length;
      const error = await rejection(showCommand(client(), 'redirect-same'));
      expect(error).toMatchObject({
        code: 'REDIRECT',
        status: 301,
        sameOrigin: true,
        message: `HTTP 301 redirect within ${server.url}; not followed (credentials stay with ${server.url}; set endpoint to the service's own URL)`,
      });
      expect(server.requests.length).toBe(before + 1);
    });

    it('BAD_RESPONSE: an endless body stops at the limit, long before the timeout', async () => {
      // Were the body read to the end, the call would end in TIMEOUT (the body never ends).
      const error = await rejection(showCommand(client({ maxBodyBytes: 1 << 20, timeoutMs: 60_000 }), 'endless'));
      expect(error).toMatchObject({
        code: 'BAD_RESPONSE',
        message: 'HTTP 200: its body is over the 1048576-byte limit (maxBodyBytes); reading stopped there',
      });
    });

    it('HTTP: an endless error body still gives SmsApiError with its status', async () => {
      const error = await rejection(showCommand(client({ maxBodyBytes: 1 << 20 }), 'endless-500'));
      expect(error).toMatchObject({
        code: 'HTTP',
        status: 500,
        body: undefined,
        message: 'HTTP 500 (its body is over the 1048576-byte limit (maxBodyBytes); reading stopped there)',
      });
    });

    it('BAD_RESPONSE: a gzip bomb counts its inflated bytes', async () => {
      const error = await rejection(showCommand(client({ maxBodyBytes: 1 << 20 }), 'gzip-bomb'));
      expect(error).toMatchObject({
        code: 'BAD_RESPONSE',
        message: 'HTTP 200: its body is over the 1048576-byte limit (maxBodyBytes); reading stopped there',
      });
    });

    it('BAD_RESPONSE: a declared length over the limit is refused without reading', async () => {
      const error = await rejection(
        showCommand(client({ maxBodyBytes: 1 << 20, timeoutMs: 5000 }), 'declared-too-long'),
      );
      expect(error).toMatchObject({
        code: 'BAD_RESPONSE',
        message: 'HTTP 200: its body of 100000000 bytes is over the 1048576-byte limit (maxBodyBytes) and was not read',
      });
    });

    it('BAD_RESPONSE: a body shorter than its Content-Length, and a garbled gzip body', async () => {
      expect(await rejection(showCommand(client(), 'truncated'))).toMatchObject({
        code: 'BAD_RESPONSE',
        message: expect.stringMatching(/^HTTP 200: its body was cut off or garbled \(terminated/),
      });
      expect(await rejection(showCommand(client(), 'garbled-gzip'))).toMatchObject({
        code: 'BAD_RESPONSE',
        message: expect.stringMatching(/^HTTP 200: its body was cut off or garbled \(/),
      });
    });

    it('HTTP: an error body 3,000 arrays deep over a real socket', async () => {
      expect(await rejection(showCommand(client(), 'deep-error'))).toMatchObject({ code: 'HTTP', status: 500 });
    });

    it("TIMEOUT: the client's timeoutMs, named in the message, for a silent server and a stalled body", async () => {
      expect(await rejection(showCommand(client({ timeoutMs: 60 }), 'hang'))).toMatchObject({
        code: 'TIMEOUT',
        message: "no answer within 60 ms (the client's timeoutMs)",
      });
      expect(await rejection(showCommand(client({ timeoutMs: 60 }), 'stall-body'))).toMatchObject({
        code: 'TIMEOUT',
        message: "no answer within 60 ms (the client's timeoutMs)",
      });
    });

    it("ABORTED: the caller's signal, told apart from the client's timeout, even when it is a timeout signal", async () => {
      expect(
        await rejection(showCommand(client({ timeoutMs: 5000 }), 'hang', { signal: AbortSignal.timeout(40) })),
      ).toMatchObject({
        code: 'ABORTED',
        message: "the call was aborted by the caller's signal (TimeoutError: The operation was aborted due to timeout)",
      });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      expect(await rejection(showCommand(client(), 'stall-body', { signal: controller.signal }))).toMatchObject({
        code: 'ABORTED',
        message: "the call was aborted by the caller's signal (AbortError: This operation was aborted)",
      });
      const before = server.requests.length;
      expect(await rejection(showCommand(client(), 'ok', { signal: AbortSignal.abort() }))).toMatchObject({
        code: 'ABORTED',
      });
      expect(server.requests.length).toBe(before);
    });

    it('NETWORK: a connection reset, and a port where nothing listens', async () => {
      expect(await rejection(showCommand(client(), 'reset'))).toMatchObject({
        code: 'NETWORK',
        message: expect.stringMatching(/^the request failed: fetch failed \(/),
      });
      const closed = clientOn(route, { endpoint: `http://127.0.0.1:${await freePort()}`, auth: { token: TOKEN } });
      expect(await rejection(showCommand(closed, ID))).toMatchObject({
        code: 'NETWORK',
        message: 'the request failed: fetch failed (ECONNREFUSED)',
      });
    });

    it('no secret in any error: a hostile server echoing every credential it got, whole or in half', async () => {
      const errors: SmsError[] = [];
      for (const auth of [{ token: TOKEN }, { ak: 'AKID', sk: SK, securityToken: SECURITY_TOKEN, domainId: 'd' }]) {
        for (const id of ['echo', 'echo-200-html', 'echo-half'])
          errors.push(await rejection(showCommand(client({ auth }), id)));
        errors.push(await rejection(showCommand(client({ auth }), 'hang', { signal: AbortSignal.timeout(20) })));
      }
      expect(errors.map((e) => e.code)).toEqual([
        'HTTP',
        'BAD_RESPONSE',
        'BAD_RESPONSE',
        'ABORTED',
        'HTTP',
        'BAD_RESPONSE',
        'BAD_RESPONSE',
        'ABORTED',
      ]);
      for (const error of errors)
        expectNoSecret(error, [TOKEN, SK, SECURITY_TOKEN, TOKEN.slice(0, 8), SECURITY_TOKEN.slice(0, 8)]);
      expect(JSON.stringify((errors[0] as SmsApiError).body)).toContain('[REDACTED]');
    });
  });
});

describe('only on the openapi-fetch route', () => {
  it('middleware that points the request at another origin gets no credentials: INVALID_INPUT, nothing sent', async () => {
    const fake = fakeFetch();
    const client = createSmsClient({ endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch: fake.fetch });
    client.use({
      onRequest: ({ request }) => new Request(request.url.replace('sms.example.test', 'evil.example'), request),
    });
    expect(await rejection(showCommand(client, ID))).toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'the request was pointed at https://evil.example (by middleware?); credentials are sent to https://sms.example.test only',
    });
    expect(fake.fetch).not.toHaveBeenCalled();
  });

  it('a Response made by middleware is read by the same rules', async () => {
    const client = createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: fakeFetch().fetch });
    client.use({
      onResponse: () => json({ error_code: 'SMS.2252', error_msg: 'no task' }, 404, { 'x-request-id': 'r' }),
    });
    expect(await rejection(showCommand(client, ID))).toMatchObject({
      code: 'HTTP',
      status: 404,
      errorCode: 'SMS.2252',
      requestId: 'r',
      message: 'HTTP 404 SMS.2252: no task (request id r)',
    });
  });

  it('the raw typed client.GET gets the same protections: ".." refused, a foreign redirect refused', async () => {
    const fake = fakeFetch(() => new Response(null, { status: 302, headers: { location: 'https://evil.example/x' } }));
    const client = createSmsClient({ endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch: fake.fetch });
    expect(
      (await rejection(client.GET('/v3/sources/{server_id}/command', { params: { path: { server_id: '..' } } }))).code,
    ).toBe('INVALID_INPUT');
    expect(fake.fetch).not.toHaveBeenCalled();
    expect(
      await rejection(client.GET('/v3/sources/{server_id}/command', { params: { path: { server_id: 'x' } } })),
    ).toMatchObject({ code: 'REDIRECT', targetOrigin: 'https://evil.example' });
  });
});

describe('v1', () => {
  it.each(ROUTES)(
    'takes ids of any length but not empty, and knows UPLOAD_LOG but not PREMIGRATE (%s route)',
    async (route) => {
      const make = (body: unknown) => {
        const fake = fakeFetch(() => json(body));
        const client = v1.createSmsClient({
          endpoint: 'https://sms.example.test',
          auth: { token: TOKEN },
          fetch: fake.fetch,
        });
        if (route === 'openapi-fetch') client.use({ onRequest: () => undefined });
        return { client, fake };
      };
      const { client, fake } = make({ command_name: 'UPLOAD_LOG', command_param: { bucket: 'logbucket', object: '' } });
      const command = await v1.showCommand(client, 'x'.repeat(100));
      expect(new URL(fake.seen[0]!.url).pathname).toBe(`/v1/sms/sources/${'x'.repeat(100)}/command`);
      expect(command).toMatchObject({ known: true, name: 'UPLOAD_LOG', param: { bucket: 'logbucket', object: '' } });
      expect(await rejection(v1.showCommand(client, ''))).toMatchObject({
        code: 'INVALID_INPUT',
        message: 'source_id must not be empty',
      });
      expect((await v1.showCommand(make({ command_name: 'PREMIGRATE' }).client, 's')).known).toBe(false);
    },
  );
});

describe('options', () => {
  it('refuses bad options and bad auth when the client is made, naming no secret', () => {
    expect(() => createSmsClient({ region: 'mars-1' as never })).toThrow(
      'unknown region "mars-1"; known regions: cn-north-4, ap-southeast-3, my-kualalumpur-1, ru-moscow-1 (or pass endpoint)',
    );
    expect(() => createSmsClient({})).toThrow('give endpoint (a base URL) or region');
    expect(() => createSmsClient({ endpoint: 'ftp://x' })).toThrow('endpoint must be http(s), not ftp:');
    expect(() => createSmsClient({ endpoint: 'x', region: 'cn-north-4' })).toThrow(
      'give either endpoint or region, not both',
    );
    expect(() => createSmsClient({ endpoint: 'https://h', timeoutMs: Infinity })).toThrow(
      'timeoutMs must be a positive, finite number of milliseconds',
    );
    expect(() => createSmsClient({ endpoint: 'https://h', maxBodyBytes: 0 })).toThrow(
      'maxBodyBytes must be a positive, finite number of bytes',
    );
    for (const [auth, message] of [
      [{ token: '' }, 'auth.token must be a non-empty string'],
      [{ token: `${TOKEN}\r\nX-Injected: 1` }, 'auth.token contains control characters'],
      [{ token: 'x'.repeat(16385) }, 'auth.token is 16385 characters long; at most 16384 are allowed'],
      [{ ak: 'AK' }, 'auth.sk must be a non-empty string'],
      [{ sk: SK }, 'auth.ak must be a non-empty string'],
      [{ ak: 'AK', sk: `${SK}\u0000` }, 'auth.sk contains control characters'],
    ] as const) {
      let thrown: unknown;
      try {
        createSmsClient({ endpoint: 'https://h', auth: auth as never });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(SmsError);
      expect(thrown).toMatchObject({ code: 'INVALID_INPUT', message });
      expect(inspect(thrown)).not.toContain(TOKEN);
      expect(inspect(thrown)).not.toContain(SK);
    }
  });

  it('has finite defaults: a 30 s timeout and an 8 MiB body limit', () => {
    expect(v1.DEFAULT_TIMEOUT_MS).toBe(30_000);
    expect(v1.DEFAULT_MAX_BODY_BYTES).toBe(8 * 1024 * 1024);
  });

  it('INVALID_INPUT: a client not made by createSmsClient', async () => {
    expect(await rejection(showCommand({} as never, ID))).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'showCommand needs a client made by createSmsClient',
    });
  });

  it('never throws synchronously, whatever it is given', () => {
    const client = createSmsClient({ endpoint: 'https://h', fetch: fakeFetch().fetch });
    const calls = [
      () => showCommand(client, null as never),
      () => showCommand(undefined as never, ID),
      () => v1.showCommand(client as never, ''),
    ];
    for (const call of calls) {
      let result: Promise<unknown> | undefined;
      expect(() => {
        result = call();
      }).not.toThrow();
      expect(result).toBeInstanceOf(Promise);
      result!.catch(() => {});
    }
  });
});

describe('logs nothing', () => {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method));
  afterEach(() => spies.forEach((spy) => spy.mockClear()));

  it('prints nothing on success or on any failure', async () => {
    const client = (respond: () => Response) =>
      createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: async () => respond() });
    const outcomes: Command[] = [];
    outcomes.push(
      await showCommand(
        client(() => json({ command_name: 'START' })),
        ID,
      ),
    );
    await showCommand(
      client(() => json({ error_code: 'SMS.2007' }, 500)),
      ID,
    ).catch(() => {});
    await showCommand(
      client(() => json('<html>')),
      ID,
    ).catch(() => {});
    await showCommand(
      client(() => new Response(null, { status: 302, headers: { location: 'https://x' } })),
      ID,
    ).catch(() => {});
    expect(outcomes).toHaveLength(1);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
