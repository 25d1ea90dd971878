// The v3 and v1 clients with an injected fetch (what is sent, how answers are read) and a local
// server (sockets that hang, stall or reset).
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { computeSignature } from '../src/sign.js';
import * as v1 from '../src/v1.js';
import { createSmsClient, SERVER_ID_MAX_LENGTH, showCommand, SmsApiError, SmsError, type Command } from '../src/v3.js';
import { freePort } from './support/ports.js';
import { startTestServer } from './support/server.js';

const ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';
const TOKEN = 'MIIT0k3n-secret-value';
const SK = 'sk-secret-MFyfvK41ba2giqM7Uio6';
const SECURITY_TOKEN = 'temporary-security-token-secret';

function fakeFetch(respond: (request: Request) => Response | Promise<Response> = () => Response.json({ command_name: 'START', command_param: { task_id: 't' } })) {
  const seen: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    seen.push(request);
    return respond(request);
  });
  return { fetch, seen };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const tokenClient = (respond?: Parameters<typeof fakeFetch>[0]) => {
  const fake = fakeFetch(respond);
  return { ...fake, client: createSmsClient({ endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch: fake.fetch }) };
};

async function rejection(promise: Promise<unknown>): Promise<SmsError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SmsError);
  return error as SmsError;
}

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
  });

  it('signs with AK/SK: Authorization, X-Sdk-Date, and the signed X-Domain-Id and X-Security-Token', async () => {
    const fake = fakeFetch();
    const client = createSmsClient({ endpoint: 'http://127.0.0.1:4010', auth: { ak: 'AKID', sk: SK, domainId: 'domain-1', securityToken: SECURITY_TOKEN }, fetch: fake.fetch });
    await showCommand(client, 'a b');
    const request = fake.seen[0]!;
    const date = request.headers.get('x-sdk-date')!;
    expect(date).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request.headers.get('x-domain-id')).toBe('domain-1');
    expect(request.headers.get('x-security-token')).toBe(SECURITY_TOKEN);
    expect(request.headers.get('x-auth-token')).toBeNull();
    const authorization = request.headers.get('authorization')!;
    expect(authorization).toMatch(/^SDK-HMAC-SHA256 Access=AKID, SignedHeaders=host;x-domain-id;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/);
    // Recompute from what was actually sent: the server would accept it.
    const { signature } = computeSignature({
      method: 'GET',
      url: new URL(request.url),
      headers: new Map([['host', '127.0.0.1:4010'], ['x-domain-id', 'domain-1'], ['x-sdk-date', date], ['x-security-token', SECURITY_TOKEN]]),
      sk: SK,
      date,
    });
    expect(authorization.endsWith(`Signature=${signature}`)).toBe(true);
  });

  it('picks the documented endpoint for a region, and refuses an unknown region clearly', async () => {
    const fake = fakeFetch();
    await showCommand(createSmsClient({ region: 'ru-moscow-1', auth: { token: TOKEN }, fetch: fake.fetch }), ID);
    expect(fake.seen[0]!.url).toBe(`https://sms-api.ru-moscow-1.myhuaweicloud.com/v3/sources/${ID}/command`);
    expect(() => createSmsClient({ region: 'mars-1' as never })).toThrow(/unknown region "mars-1"; known regions: cn-north-4, ap-southeast-3/);
    expect(() => createSmsClient({})).toThrow(SmsError);
    expect(() => createSmsClient({ endpoint: 'ftp://x' })).toThrow(/http\(s\)/);
    expect(() => createSmsClient({ endpoint: 'x', region: 'cn-north-4' })).toThrow(/not both/);
  });

  it('passes openapi-fetch options through (headers, fetch) and the fully typed GET works', async () => {
    const fake = fakeFetch();
    const client = createSmsClient({ endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch: fake.fetch, headers: { 'X-Trace': 'abc' } });
    const { data, error } = await client.GET('/v3/sources/{server_id}/command', { params: { path: { server_id: 'x/y' } } });
    expect(error).toBeUndefined();
    expect(data?.command_name).toBe('START');
    expect(fake.seen[0]!.url).toBe('https://sms.example.test/v3/sources/x%2Fy/command');
    expect(fake.seen[0]!.headers.get('x-trace')).toBe('abc');
    expect(fake.seen[0]!.headers.get('x-auth-token')).toBe(TOKEN);
  });

  it('sends no credentials when auth is omitted', async () => {
    const fake = fakeFetch(() => json({ error_code: 'APIGW.0301', error_msg: 'no token' }, 401));
    const error = await rejection(showCommand(createSmsClient({ endpoint: 'https://sms.example.test', fetch: fake.fetch }), ID));
    expect(error).toMatchObject({ code: 'HTTP', status: 401 });
    expect([...fake.seen[0]!.headers.keys()]).not.toContain('x-auth-token');
  });
});

describe('with middleware of the caller', () => {
  it('showCommand goes through openapi-fetch, so the middleware applies, with the same typed results', async () => {
    const fake = fakeFetch((request) => (request.url.includes('missing') ? json({ error_code: 'SMS.2252', error_msg: 'no task' }, 404, { 'x-request-id': 'r' }) : json({ command_name: 'REBOOT' })));
    const client = createSmsClient({ endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch: fake.fetch });
    client.use({ onRequest: ({ request }) => { request.headers.set('X-Agent', 'tracer'); } });
    expect(await showCommand(client, 'a/b')).toEqual({ known: false, name: 'REBOOT', param: undefined, raw: { command_name: 'REBOOT' } });
    const request = fake.seen[0]!;
    expect(request.headers.get('x-agent')).toBe('tracer');
    expect(request.headers.get('x-auth-token')).toBe(TOKEN);
    expect(new URL(request.url).pathname).toBe('/v3/sources/a%2Fb/command');
    expect(await rejection(showCommand(client, 'missing'))).toMatchObject({ code: 'HTTP', status: 404, errorCode: 'SMS.2252', requestId: 'r' });
    const html = createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: async () => new Response('<html>', { status: 200 }) });
    html.use({ onResponse: () => undefined });
    expect((await rejection(showCommand(html, ID))).code).toBe('BAD_RESPONSE');
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
    ['', /must not be empty/],
    ['.', /must not be "\." or "\.\."/],
    ['..', /must not be "\." or "\.\."/],
    ['x'.repeat(SERVER_ID_MAX_LENGTH + 1), /37 characters long; at most 36/],
    [42, /must be a string, got number/],
    [undefined, /must be a string, got undefined/],
  ])('rejects %j before any request', async (id, message) => {
    const { client, fetch } = tokenClient();
    const call = showCommand(client, id as string);
    expect(call).toBeInstanceOf(Promise);
    const error = await rejection(call);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('rejects ".." through the raw typed client too', async () => {
    const { client, fetch } = tokenClient();
    const error = await rejection(client.GET('/v3/sources/{server_id}/command', { params: { path: { server_id: '..' } } }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('v1 takes ids of any length but not empty', async () => {
    const fake = fakeFetch(() => json({ command_name: 'UPLOAD_LOG', command_param: { bucket: 'logbucket', object: '' } }));
    const client = v1.createSmsClient({ endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch: fake.fetch });
    const command = await v1.showCommand(client, 'x'.repeat(100));
    expect(new URL(fake.seen[0]!.url).pathname).toBe(`/v1/sms/sources/${'x'.repeat(100)}/command`);
    expect(command).toMatchObject({ known: true, name: 'UPLOAD_LOG', param: { bucket: 'logbucket', object: '' } });
    expect((await rejection(v1.showCommand(client, ''))).code).toBe('INVALID_INPUT');
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
    expect(command).toEqual({ known: false, name, param: { task_id: 't' }, raw: { command_name: name, command_param: { task_id: 't' } } });
  });

  it('returns a body without command_name as unknown with no name (nothing is required by the spec)', async () => {
    expect(await read({})).toEqual({ known: false, name: undefined, param: undefined, raw: {} });
    expect(await read({ command_name: null, command_param: null })).toMatchObject({ known: false, name: undefined, param: undefined });
  });

  it('v1 knows UPLOAD_LOG but not PREMIGRATE', async () => {
    const client = (body: unknown) => v1.createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: async () => json(body) });
    expect((await v1.showCommand(client({ command_name: 'UPLOAD_LOG' }), 's')).known).toBe(true);
    expect((await v1.showCommand(client({ command_name: 'PREMIGRATE' }), 's')).known).toBe(false);
  });
});

describe('typed errors for every failure', () => {
  it('HTTP: a documented 404 becomes SmsApiError with its fields and the X-Request-Id', async () => {
    const { client } = tokenClient(() => json({ error_code: 'SMS.2252', error_msg: 'no task' }, 404, { 'X-Request-Id': 'req-1' }));
    const error = await rejection(showCommand(client, ID));
    expect(error).toBeInstanceOf(SmsApiError);
    expect(error).toMatchObject({ code: 'HTTP', status: 404, errorCode: 'SMS.2252', errorMsg: 'no task', requestId: 'req-1', body: { error_code: 'SMS.2252', error_msg: 'no task' } });
    expect(error.message).toBe('HTTP 404 SMS.2252: no task (request id req-1)');
  });

  it('HTTP: the 403 extras are carried', async () => {
    const body = { error_code: 'SMS.9004', error_msg: 'denied', encoded_authorization_message: 'ENC', error_param: ['p'], details: [{ error_code: 'SMS.9004', error_msg: 'd' }] };
    const error = await rejection(showCommand(tokenClient(() => json(body, 403)).client, ID));
    expect(error).toMatchObject({ status: 403, errorCode: 'SMS.9004', encodedAuthorizationMessage: 'ENC', errorParam: ['p'], details: [{ error_code: 'SMS.9004', error_msg: 'd' }] });
  });

  it('HTTP: a gateway error is parsed the same way; request id from a lower-case header or the body', async () => {
    const body = { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail', request_id: 'body-id' };
    const fromBody = await rejection(showCommand(tokenClient(() => json(body, 401)).client, ID));
    expect(fromBody).toMatchObject({ status: 401, errorCode: 'APIGW.0301', requestId: 'body-id' });
    const fromHeader = await rejection(showCommand(tokenClient(() => json(body, 401, { 'x-request-id': 'hdr-id' })).client, ID));
    expect((fromHeader as SmsApiError).requestId).toBe('hdr-id');
  });

  it('HTTP: an HTML 502 from a proxy keeps its text as the body', async () => {
    const error = await rejection(showCommand(tokenClient(() => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })).client, ID));
    expect(error).toMatchObject({ code: 'HTTP', status: 502, errorCode: undefined, body: '<html>Bad Gateway</html>' });
  });

  it.each([
    ['HTML', () => new Response('<!DOCTYPE html><html><body>Login</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }), /not valid JSON .* starts: "<!DOCTYPE html>/],
    ['truncated JSON', () => json('{"command_name":"STA'), /not valid JSON/],
    ['an empty body', () => new Response('', { status: 200 }), /empty body/],
    ['whitespace', () => json('  \n'), /empty body/],
    ['an array', () => json([{ command_name: 'START' }]), /expected a JSON object, got an array/],
    ['null', () => json('null'), /expected a JSON object, got null/],
    ['a number name', () => json({ command_name: 7 }), /command_name is number, expected a string/],
    ['a string param', () => json({ command_name: 'START', command_param: 'task' }), /command_param is string, expected an object/],
    ['a numeric task_id', () => json({ command_name: 'START', command_param: { task_id: 1 } }), /command_param.task_id is number/],
  ])('BAD_RESPONSE: a 200 with %s', async (_what, respond, message) => {
    const error = await rejection(showCommand(tokenClient(respond).client, ID));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringMatching(message) });
  });

  it('NETWORK: fetch failing, with a cause that keeps only name, message and code', async () => {
    const client = createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: async () => { throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }); } });
    const error = await rejection(showCommand(client, ID));
    expect(error).toMatchObject({ code: 'NETWORK', message: 'the request failed: fetch failed (ECONNREFUSED)', cause: { name: 'TypeError', message: 'fetch failed', code: 'ECONNREFUSED' } });
  });

  it('INVALID_INPUT: bad auth is refused when the client is made, naming no secret', () => {
    for (const [auth, message] of [
      [{ token: '' }, /auth.token must be a non-empty string/],
      [{ token: `${TOKEN}\r\nX-Injected: 1` }, /auth.token contains control characters/],
      [{ token: 'x'.repeat(16385) }, /16385 characters long; at most 16384/],
      [{ ak: 'AK' }, /auth.sk must be a non-empty string/],
      [{ sk: SK }, /auth.ak must be a non-empty string/],
      [{ ak: 'AK', sk: `${SK}\u0000` }, /auth.sk contains control characters/],
    ] as const) {
      let thrown: unknown;
      try { createSmsClient({ endpoint: 'https://h', auth: auth as never }); } catch (e) { thrown = e; }
      expect(thrown).toBeInstanceOf(SmsError);
      expect((thrown as SmsError).code).toBe('INVALID_INPUT');
      expect((thrown as Error).message).toMatch(message);
      expect(inspect(thrown)).not.toContain(TOKEN);
      expect(inspect(thrown)).not.toContain(SK);
    }
  });

  it('INVALID_INPUT: a client not made by createSmsClient', async () => {
    expect((await rejection(showCommand({} as never, ID))).code).toBe('INVALID_INPUT');
  });

  it('never throws synchronously, whatever it is given', () => {
    const { client } = tokenClient();
    const calls = [() => showCommand(client, null as never), () => showCommand(undefined as never, ID), () => v1.showCommand(client as never, '')];
    for (const call of calls) {
      let result: Promise<unknown> | undefined;
      expect(() => { result = call(); }).not.toThrow();
      expect(result).toBeInstanceOf(Promise);
      result!.catch(() => {});
    }
  });
});

describe('timeouts, aborts and real sockets', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(() => server.close());
  const client = (timeoutMs?: number) => createSmsClient({ endpoint: server.url, auth: { token: TOKEN }, ...(timeoutMs ? { timeoutMs } : {}) });

  it('reads a real answer', async () => {
    expect(await showCommand(client(), 'ok')).toMatchObject({ known: true, name: 'STOP', param: { task_id: 't1' } });
  });

  it('TIMEOUT: a server that never answers', async () => {
    expect(await rejection(showCommand(client(150), 'hang'))).toMatchObject({ code: 'TIMEOUT', message: 'no answer within 150 ms' });
  });

  it('TIMEOUT: a server that stalls in the middle of the body', async () => {
    expect((await rejection(showCommand(client(150), 'stall-body'))).code).toBe('TIMEOUT');
  });

  it('TIMEOUT and ABORTED on the openapi-fetch route too (when the caller added middleware)', async () => {
    const routed = client(150);
    routed.use({ onRequest: () => undefined });
    expect(await rejection(showCommand(routed, 'hang'))).toMatchObject({ code: 'TIMEOUT', message: 'no answer within 150 ms' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    expect((await rejection(showCommand(client(5000), 'hang', { signal: controller.signal }))).code).toBe('ABORTED');
    const routedLong = client(5000);
    routedLong.use({ onRequest: () => undefined });
    expect((await rejection(showCommand(routedLong, 'hang', { signal: AbortSignal.timeout(30) }))).code).toBe('TIMEOUT');
  });

  it('has a finite default timeout', () => {
    expect(v1.DEFAULT_TIMEOUT_MS).toBe(30_000);
    expect(() => createSmsClient({ endpoint: server.url, timeoutMs: Infinity })).toThrow(/positive, finite/);
  });

  it('ABORTED: the caller aborts mid-request, or before it', async () => {
    const controller = new AbortController();
    const call = showCommand(client(), 'hang', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await rejection(call)).toMatchObject({ code: 'ABORTED' });
    expect((await rejection(showCommand(client(), 'ok', { signal: AbortSignal.abort() }))).code).toBe('ABORTED');
  });

  it('NETWORK: a connection reset, and a port where nothing listens', async () => {
    expect((await rejection(showCommand(client(), 'reset'))).code).toBe('NETWORK');
    const closed = createSmsClient({ endpoint: `http://127.0.0.1:${await freePort()}`, auth: { token: TOKEN } });
    expect(await rejection(showCommand(closed, ID))).toMatchObject({ code: 'NETWORK', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('no secret in any error: a hostile server echoing every credential it got', async () => {
    const clients = [
      ['token', createSmsClient({ endpoint: server.url, auth: { token: TOKEN } })],
      ['aksk', createSmsClient({ endpoint: server.url, auth: { ak: 'AKID', sk: SK, securityToken: SECURITY_TOKEN, domainId: 'd' } })],
    ] as const;
    const errors: SmsError[] = [];
    for (const [, c] of clients) {
      errors.push(await rejection(showCommand(c, 'echo')));
      errors.push(await rejection(showCommand(c, 'echo-200-html')));
      errors.push(await rejection(showCommand(c, 'hang', { signal: AbortSignal.timeout(20) })));
    }
    errors.push(await rejection(showCommand(createSmsClient({ endpoint: `http://127.0.0.1:${await freePort()}`, auth: { token: TOKEN } }), ID)));
    expect(errors.map((e) => e.code)).toEqual(['HTTP', 'BAD_RESPONSE', 'TIMEOUT', 'HTTP', 'BAD_RESPONSE', 'TIMEOUT', 'NETWORK']);
    for (const error of errors) {
      const views = [error.message, error.stack ?? '', JSON.stringify(error), String(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error.cause ?? null)];
      for (const view of views) {
        for (const secret of [TOKEN, SK, SECURITY_TOKEN]) expect(view).not.toContain(secret);
        expect(view).not.toMatch(/Signature=[0-9a-f]{64}/);
      }
    }
    // The hostile bodies were kept, with the secrets replaced.
    expect(JSON.stringify((errors[0] as SmsApiError).body)).toContain('[REDACTED]');
  });
});

describe('logs nothing', () => {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method));
  afterEach(() => spies.forEach((spy) => spy.mockClear()));

  it('prints nothing on success or on any failure', async () => {
    const outcomes: Command[] = [];
    outcomes.push(await showCommand(tokenClient().client, ID));
    await showCommand(tokenClient(() => json({ error_code: 'SMS.2007' }, 500)).client, ID).catch(() => {});
    await showCommand(tokenClient(() => json('<html>')).client, ID).catch(() => {});
    expect(outcomes).toHaveLength(1);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
