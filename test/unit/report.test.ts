// reportCommandResult (UpdateCommandResult), v3 and v1, with an injected fetch, over both routes: what
// is sent (exactly the three fields, JSON, signed over the body), how answers are read, what is
// refused before any request, and that a report is sent once, never retried.
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { clientOn, type Route, ROUTES } from '../support/routes.js';
import { computeSignature } from '../../src/sign.js';
import * as v1 from '../../src/v1.js';
import {
  createSmsClient,
  reportCommandResult,
  SmsApiError,
  SmsError,
  SmsRedirectError,
  V3_REPORT,
  type CommandResult,
  type SmsClientOptions,
} from '../../src/v3.js';

const ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';
const TOKEN = 'MIIT0k3n-secret-value';
const CREDS = { ak: 'REPORTAK000000000001', sk: 'report-secret-key-00000000000000000001' };
const REPORT: CommandResult = { command_name: 'START', result: 'success', result_detail: { msg: 'started' } };

function fakeFetch(
  respond: (request: Request) => Response | Promise<Response> = () =>
    Response.json('Reporting command execution results to SMS succeeded'),
) {
  const seen: Array<{ request: Request; body: string }> = [];
  const fetch = vi.fn(async (request: Request) => {
    seen.push({ request, body: await request.clone().text() });
    return respond(request);
  });
  return { fetch, seen };
}

function reportClientOn(route: Route, options: Partial<SmsClientOptions>, respond?: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch(respond);
  const client = clientOn(route, {
    endpoint: 'https://sms.example.test',
    auth: { token: TOKEN },
    fetch: fake.fetch,
    ...options,
  });
  return { client, ...fake };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('resolved');
    },
    (e: unknown) => e as SmsError,
  );

describe.each(ROUTES)('reportCommandResult, %s route', (route) => {
  it('POSTs exactly the three fields as JSON to …/command_result with the token, and resolves to the answer', async () => {
    const { client, seen } = reportClientOn(route, {});
    await expect(
      reportCommandResult(client, 'a b/c', { ...REPORT, extra: 'not sent' } as CommandResult),
    ).resolves.toEqual({
      status: 200,
      requestId: undefined,
      body: 'Reporting command execution results to SMS succeeded',
    });
    expect(seen).toHaveLength(1);
    const [{ request, body }] = seen as [{ request: Request; body: string }];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://sms.example.test/v3/sources/a%20b%2Fc/command_result');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(request.headers.get('x-auth-token')).toBe(TOKEN);
    expect(JSON.parse(body)).toEqual({ command_name: 'START', result: 'success', result_detail: { msg: 'started' } });
  });

  it('any 2xx is accepted, whatever its body: a JSON string, text, none; each given back as a string', async () => {
    for (const [answer, body] of [
      [() => Response.json('ok'), 'ok'],
      [() => new Response('plain text'), 'plain text'],
      [() => Response.json({ recorded: true }, { status: 202 }), '{"recorded":true}'],
      [() => new Response(null, { status: 204 }), undefined],
    ] as const) {
      const { client } = reportClientOn(route, {}, answer);
      const status = answer().status;
      await expect(reportCommandResult(client, ID, REPORT)).resolves.toEqual({ status, requestId: undefined, body });
    }
  });

  it("resolves with the answer's X-Request-Id (to log beside the report), redacted like an error's", async () => {
    const { client } = reportClientOn(route, {}, () =>
      Response.json('recorded', { headers: { 'X-Request-Id': 'req-42', 'Content-Type': 'application/json' } }),
    );
    await expect(reportCommandResult(client, ID, REPORT)).resolves.toEqual({
      status: 200,
      requestId: 'req-42',
      body: 'recorded',
    });
    const { client: echoing } = reportClientOn(
      route,
      {},
      () => new Response(`token ${TOKEN}`, { headers: { 'x-request-id': `id-${TOKEN}` } }),
    );
    await expect(reportCommandResult(echoing, ID, REPORT)).resolves.toEqual({
      status: 200,
      requestId: 'id-[REDACTED]',
      body: 'token [REDACTED]',
    });
  });

  it('signed with AK/SK over the body and its Content-Type', async () => {
    const { client, seen } = reportClientOn(route, { auth: CREDS });
    await reportCommandResult(client, ID, REPORT);
    const [{ request, body }] = seen as [{ request: Request; body: string }];
    const authorization = request.headers.get('authorization')!;
    expect(authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=REPORTAK000000000001, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
    const date = request.headers.get('x-sdk-date')!;
    const expected = computeSignature({
      method: 'POST',
      url: new URL(request.url),
      headers: new Map([
        ['content-type', 'application/json'],
        ['host', 'sms.example.test'],
        ['x-sdk-date', date],
      ]),
      body,
      sk: CREDS.sk,
      date,
    });
    expect(authorization).toContain(`Signature=${expected.signature}`);
  });

  it("signs as Huawei's own SDK signer (@huaweicloud/huaweicloud-sdk-core AKSKSigner) signs the same POST", async () => {
    const { AKSKSigner } = createRequire(import.meta.url)('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
      AKSKSigner: { sign(request: object, credential: { getAk(): string; getSk(): string }): Record<string, string> };
    };
    const { client, seen } = reportClientOn(route, { auth: CREDS });
    await reportCommandResult(client, ID, {
      command_name: 'UPLOAD_LOG',
      result: 'fail',
      result_detail: { msg: 'd\u00e9j\u00e0', n: 1, nested: { ok: false } },
    });
    const [{ request, body }] = seen as [{ request: Request; body: string }];
    const sdk = AKSKSigner.sign(
      {
        method: 'POST',
        endpoint: request.url,
        headers: { 'Content-Type': 'application/json', 'X-Sdk-Date': request.headers.get('x-sdk-date') },
        queryParams: {},
        data: JSON.parse(body),
      },
      { getAk: () => CREDS.ak, getSk: () => CREDS.sk },
    );
    expect(request.headers.get('authorization')).toBe(sdk.Authorization);
  });

  it('a 4xx or 5xx is an SmsApiError: 400 SMS.2009 for a report of another command', async () => {
    const { client } = reportClientOn(route, {}, () =>
      Response.json(
        { error_code: 'SMS.2009', error_msg: 'The command does not match the command of the source server.' },
        { status: 400, headers: { 'x-request-id': 'r1' } },
      ),
    );
    const error = await rejection(reportCommandResult(client, ID, REPORT));
    expect(error).toBeInstanceOf(SmsApiError);
    expect(error).toMatchObject({ code: 'HTTP', status: 400, errorCode: 'SMS.2009', requestId: 'r1' });
    expect(error.message).toBe(
      'HTTP 400 SMS.2009: The command does not match the command of the source server. (request id r1)',
    );
  });

  it('never retried: a 503 or a network failure is one request, then the error', async () => {
    const unavailable = reportClientOn(route, {}, () =>
      Response.json({ error_code: 'APIGW.0503', error_msg: 'busy' }, { status: 503, headers: { 'retry-after': '1' } }),
    );
    expect(await rejection(reportCommandResult(unavailable.client, ID, REPORT))).toMatchObject({
      status: 503,
      retryAfter: 1,
    });
    expect(unavailable.fetch).toHaveBeenCalledTimes(1);
    const down = reportClientOn(route, {}, () => {
      throw new TypeError('fetch failed');
    });
    expect(await rejection(reportCommandResult(down.client, ID, REPORT))).toMatchObject({ code: 'NETWORK' });
    expect(down.fetch).toHaveBeenCalledTimes(1);
  });

  it('a redirect is refused as for showCommand: the report is not sent on', async () => {
    const { client, fetch } = reportClientOn(
      route,
      {},
      () =>
        new Response(null, {
          status: 307,
          headers: { location: 'https://elsewhere.example/v3/sources/x/command_result' },
        }),
    );
    const error = await rejection(reportCommandResult(client, ID, REPORT));
    expect(error).toBeInstanceOf(SmsRedirectError);
    expect(error).toMatchObject({ code: 'REDIRECT', status: 307, targetOrigin: 'https://elsewhere.example' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('reportCommandResult through openapi-fetch', () => {
  it('sends the checked JSON byte for byte, whatever bodySerializer the client was given', async () => {
    const fake = fakeFetch();
    const client = createSmsClient({
      endpoint: 'https://sms.example.test',
      auth: CREDS,
      fetch: fake.fetch,
      bodySerializer: () => 'not the report',
    });
    await reportCommandResult(client, ID, REPORT);
    expect(fake.seen[0]!.body).toBe(JSON.stringify(REPORT));
    expect(fake.seen[0]!.request.headers.get('content-type')).toBe('application/json');
  });
});

describe('hostile: reports refused before any request (INVALID_INPUT, naming the field and the rule)', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const cases: Array<[string, unknown, string | RegExp]> = [
    [
      'a result that is neither success nor fail',
      { ...REPORT, result: 'ok' },
      'result must be "success" or "fail", got "ok"',
    ],
    [
      'no result_detail',
      { command_name: 'START', result: 'success' },
      'result_detail must be a JSON object (the service keeps it for its records), got undefined',
    ],
    [
      'result_detail an array',
      { ...REPORT, result_detail: [1] },
      /^result_detail must be a JSON object .*got an array$/,
    ],
    ['result_detail null', { ...REPORT, result_detail: null }, /^result_detail must be a JSON object .*got null$/],
    [
      'a command_name that is not a string',
      { ...REPORT, command_name: 7 },
      'command_name must be a string, got number',
    ],
    [
      'a command_name of 256 characters',
      { ...REPORT, command_name: 'X'.repeat(256) },
      'command_name is 256 characters long; at most 255 are allowed',
    ],
    [
      'a report over 10,240 bytes',
      { ...REPORT, result_detail: { log: '\u00e9'.repeat(5200) } },
      /^the report is 104\d\d bytes as JSON; the service takes at most 10240 \(SMS\.2004\): shorten result_detail$/,
    ],
    [
      'a result_detail whose toJSON makes it a number (what is sent is checked, not what was given)',
      { ...REPORT, result_detail: { toJSON: () => 5 } },
      'result_detail must be a JSON object, but JSON.stringify turns it into 5 (through its toJSON method)',
    ],
    [
      'a result_detail whose toJSON makes it nothing',
      { ...REPORT, result_detail: { toJSON: () => undefined } },
      'result_detail must be a JSON object, but JSON.stringify turns it into nothing (through its toJSON method)',
    ],
    [
      'a result_detail whose toJSON makes it an array',
      { ...REPORT, result_detail: { toJSON: () => ['a'] } },
      'result_detail must be a JSON object, but JSON.stringify turns it into ["a"] (through its toJSON method)',
    ],
    [
      'a result_detail that cannot be JSON',
      { ...REPORT, result_detail: cyclic },
      /^result_detail cannot be sent as JSON \(Converting circular structure to JSON/,
    ],
    ['not an object', 'START', 'the report must be an object { command_name, result, result_detail }, got string'],
  ];
  it.each(cases)('%s', async (_what, report, message) => {
    const { client, fetch } = reportClientOn('direct', {});
    const error = await rejection(reportCommandResult(client, ID, report as CommandResult));
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(error.message).toMatch(
      typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ['', 'server_id must not be empty'],
    ['..', 'server_id must not be "." or ".."'],
    ['\uD800', /^server_id is not well-formed Unicode/],
    ['x'.repeat(37), 'server_id is 37 characters long; at most 36 are allowed'],
  ])('id %j', async (id, message) => {
    const { client, fetch } = reportClientOn('direct', {});
    const error = await rejection(reportCommandResult(client, id, REPORT));
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: typeof message === 'string' ? message : expect.stringMatching(message),
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('never throws synchronously, even for a client it did not make', async () => {
    const call = () => reportCommandResult({} as never, ID, REPORT);
    // The promise of the call that must not throw is handled too, or its rejection goes unhandled.
    expect(() => void call().catch(() => undefined)).not.toThrow();
    expect(await rejection(call())).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'reportCommandResult needs a client made by createSmsClient',
    });
  });

  it("the facts it checks are the spec's (held to it by spec-facts.test.ts)", () => {
    expect(V3_REPORT).toMatchObject({ commandNameMaxLength: 255, maxBodyBytes: 10240, results: ['success', 'fail'] });
  });
});

describe('v1 reportCommandResult', () => {
  /** A v1 client whose fetch answers 200 without a body, as the v1 page documents. */
  const v1Client = () => {
    const fake = fakeFetch(() => new Response(null, { status: 200 }));
    return {
      fake,
      client: v1.createSmsClient({ endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch: fake.fetch }),
    };
  };

  it('POSTs to /v1/sms/sources/{source_id}/command_result and resolves on a 200 without a body', async () => {
    const { fake, client } = v1Client();
    await expect(
      v1.reportCommandResult(client, 'src-1', {
        command_name: 'UPLOAD_LOG',
        result: 'fail',
        result_detail: { key1: 'value1' },
      }),
    ).resolves.toEqual({ status: 200, requestId: undefined, body: undefined });
    expect(fake.seen[0]!.request.url).toBe('https://sms.example.test/v1/sms/sources/src-1/command_result');
    expect(JSON.parse(fake.seen[0]!.body)).toEqual({
      command_name: 'UPLOAD_LOG',
      result: 'fail',
      result_detail: { key1: 'value1' },
    });
  });

  it("resolves with the answer's X-Request-Id", async () => {
    const fake = fakeFetch(() => new Response(null, { status: 200, headers: { 'X-Request-Id': 'v1-req' } }));
    const client = v1.createSmsClient({ endpoint: 'https://sms.example.test', fetch: fake.fetch });
    await expect(v1.reportCommandResult(client, 's', REPORT)).resolves.toEqual({
      status: 200,
      requestId: 'v1-req',
      body: undefined,
    });
  });

  it('v1 takes a command_name of any length (the page gives none), and still refuses another result', async () => {
    const { fake, client } = v1Client();
    await expect(
      v1.reportCommandResult(client, 's', { command_name: 'X'.repeat(300), result: 'success', result_detail: {} }),
    ).resolves.toMatchObject({ status: 200 });
    expect(
      await rejection(
        v1.reportCommandResult(client, 's', { command_name: 'START', result: 'done' as 'success', result_detail: {} }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
