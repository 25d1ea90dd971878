// reportCommandResult (UpdateCommandResult), v3, with an injected fetch, over both routes: what is
// sent (exactly the three fields, JSON, signed over the body), how answers are read, and that a report
// is sent once, never retried. What is refused before any request, and v1: report-input.test.ts.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../support/routes.js';
import { CREDS, fakeFetch, ID, REPORT, rejection, reportClientOn, TOKEN } from '../support/report-client.js';
import { computeSignature } from '../../src/sign.js';
import {
  createSmsClient,
  reportCommandResult,
  SmsApiError,
  SmsRedirectError,
  type CommandResult,
} from '../../src/v3.js';

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
