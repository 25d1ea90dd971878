// The mock as a test double for migration Agents: scripts (library and HTTP), credentials checked as
// the gateway checks them, the journal, faults, gateway statuses, and refusals that say why.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/index.js';
import { DEMO_CREDENTIALS, type Mock, ScriptError, startMock } from '../../src/mock.js';
import * as v1 from '../../src/v1.js';
import { createSmsClient, showCommand, SmsApiError } from '../../src/v3.js';
import { rejection } from '../support/answers.js';
import { controlOf } from '../support/control.js';
import { rawExchange } from '../support/raw-http.js';
import { v3 as v3Spec } from '../support/specs.js';

const CREDS = { ak: 'AGENTTESTAK000000001', sk: 'agent-test-secret-key-0000000000000000001' };
const TOKEN = 'agent-test-token-1234567890';
let mock: Mock;
beforeAll(async () => {
  mock = await startMock({
    port: 0,
    auth: { tokens: [TOKEN], credentials: [CREDS, DEMO_CREDENTIALS] },
    journalLimit: 50,
  });
});
afterAll(() => mock.close());
afterEach(() => mock.reset());

const tokenClient = (options: Partial<Parameters<typeof createSmsClient>[0]> = {}) =>
  createSmsClient({ endpoint: mock.url, auth: { token: TOKEN }, ...options });
const names = async (client: ReturnType<typeof createSmsClient>, id: string, count: number) => {
  const out: Array<string | undefined> = [];
  for (let i = 0; i < count; i++) out.push((await showCommand(client, id)).name);
  return out;
};
/** A control call; JSON typed, as the control API requires of PUT and POST. */
const control = controlOf(() => mock);

describe('scripts', () => {
  it('each server gets its own sequence; times repeats a step; the last step repeats forever', async () => {
    mock.script('/v3/sources/s1/command', [
      { body: { command_name: 'START', command_param: { task_id: 't1' } }, times: 2 },
      { body: { command_name: 'TASK_HAS_FINISHED' } },
    ]);
    mock.script('/v3/sources/s2/command', [{ body: { command_name: 'STOP' } }]);
    const client = tokenClient();
    expect(await names(client, 's1', 2)).toEqual(['START', 'START']);
    expect(await names(client, 's2', 1)).toEqual(['STOP']);
    expect(mock.scriptState('/v3/sources/s1/command')).toMatchObject({
      served: 2,
      repeatsLast: true,
      remaining: [{ body: { command_name: 'TASK_HAS_FINISHED' }, times: 1 }],
    });
    expect(await names(client, 's1', 3)).toEqual(['TASK_HAS_FINISHED', 'TASK_HAS_FINISHED', 'TASK_HAS_FINISHED']);
    // An unscripted server still gets the contract's default answer.
    expect(await names(client, 'other', 1)).toEqual(['START']);
    const steps = (await mock.requests()).filter((r) => r.id === 's1').map((r) => r.step);
    expect(steps).toEqual([
      { index: 0, of: 2 },
      { index: 0, of: 2 },
      { index: 1, of: 2 },
      { index: 1, of: 2 },
      { index: 1, of: 2 },
    ]);
  });

  it('fills defaults: status 200, the documented example of the status, gateway bodies for 429/502/503/504', async () => {
    mock.script('/v3/sources/d/command', [
      {},
      { status: 403 },
      { status: 429, headers: { 'Retry-After': '3' } },
      { status: 503 },
    ]);
    const client = tokenClient();
    expect(await showCommand(client, 'd')).toMatchObject({
      known: true,
      name: 'START',
      param: { task_id: 'xxxxxxxxxxxxxxxxxxxxxxxx00000001' },
    });
    const forbidden = v3Spec.components.examples.Forbidden?.value ?? v3Spec.components.examples.V3Forbidden?.value;
    expect(await rejection(showCommand(client, 'd'))).toMatchObject({
      status: 403,
      errorCode: 'SMS.9004',
      body: forbidden ?? expect.anything(),
    });
    const throttled = (await rejection(showCommand(client, 'd'))) as SmsApiError;
    expect(throttled).toMatchObject({
      status: 429,
      errorCode: 'APIGW.0308',
      errorMsg: 'The throttling threshold has been reached.',
      retryAfter: 3,
    });
    expect(throttled.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect((throttled.body as { request_id: string }).request_id).toBe(throttled.requestId);
    expect(await rejection(showCommand(client, 'd'))).toMatchObject({ status: 503, errorCode: 'MOCK.0503' });
  });

  it('refuses a step that breaks the contract, naming the field and the rule; unchecked lets a test send one on purpose', () => {
    const refused = (steps: unknown[]) => {
      try {
        mock.script('/v3/sources/bad/command', steps as never);
      } catch (error) {
        expect(error).toBeInstanceOf(ScriptError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused([{ body: { command_name: 'REBOOT' } }])).toBe(
      'steps[0].body.command_name: "REBOOT" is not a documented value ("START", "STOP", "SKIP", "PREMIGRATE", "TASK_NOT_STARTED", "TASK_HAS_STOPPED", "TASK_HAS_FINISHED", "DELETE", "SYNC") (enum)',
    );
    expect(refused([{}, { status: 403, body: { error_code: 'SMS.9004', error_msg: 'x'.repeat(256) } }])).toBe(
      'steps[1].body.error_msg: 256 characters, over the documented 255 (maxLength 255)',
    );
    expect(refused([{ status: 418 }])).toBe(
      'steps[0].status: 418 is not a documented status of /v3/sources/{server_id}/command (200, 400, 401, 403, 404, 500) nor one the gateway sends (429, 502, 503, 504); add "unchecked": true to send it anyway (documented)',
    );
    expect(refused([{ colour: 'red' }])).toBe(
      'steps[0].colour: is not a step field (status, body, headers, delay_ms, times, fault, unchecked, until, note) (additionalProperties)',
    );
    expect(refused([{ fault: 'drop', status: 200 }])).toBe(
      'steps[0].status: a fault step sends no answer, so it has no status, body or headers (fault)',
    );
    expect(refused([{ times: 0 }])).toBe('steps[0].times: must be an integer from 1 to 9007199254740991 (type)');
    expect(refused([])).toBe('steps: must be a non-empty array of steps (type)');
    // A field the schema does not list: refused, as sms-command-verify calls it drift. (Beside a right
    // field, TypeScript lets it through: its excess-property check of a union without a discriminant
    // accepts a field any member's body has, and the error bodies are open.)
    expect(() => mock.script('/v3/sources/bad/command', [{ body: { command_name: 'START', extra: 1 } }])).toThrow(
      'steps[0].body.extra: not a field of Command (the contract lists command_name, command_param); sms-command-verify reports a field the contract does not list as drift: set "unchecked": true to send it anyway (properties)',
    );
    expect(() =>
      mock.script('/v3/sources/bad/command', [{ body: { command_name: 'START', extra: 1 }, unchecked: true }]),
    ).not.toThrow();
    expect(() => mock.script('/v3/sources/x/nope', [{}])).toThrow('/v3/sources/x/nope is not an API path of this mock');
    expect(() => mock.script(`/v3/sources/${'a'.repeat(37)}/command`, [{}])).toThrow(
      'server_id: 37 characters, over the documented 36 (maxLength 36)',
    );
  });

  it('unchecked: an undocumented command reaches the tolerant reader; a raw HTML 502 reaches the client as text', async () => {
    mock.script('/v3/sources/u/command', [
      { body: { command_name: 'REBOOT' }, unchecked: true },
      { status: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' }, unchecked: true },
    ]);
    const client = tokenClient();
    expect(await showCommand(client, 'u')).toEqual({
      known: false,
      name: 'REBOOT',
      param: {},
      raw: { command_name: 'REBOOT' },
    });
    expect(await rejection(showCommand(client, 'u'))).toMatchObject({
      code: 'HTTP',
      status: 502,
      body: '<html>Bad Gateway</html>',
    });
  });

  it('v1 paths have scripts of their own, checked against the v1 contract', async () => {
    mock.script('/v1/sms/sources/src-1/command', [
      { body: { command_name: 'UPLOAD_LOG', command_param: { bucket: 'b', object: 'o' } } },
    ]);
    const client = v1.createSmsClient({ endpoint: mock.url, auth: { token: TOKEN } });
    expect(await v1.showCommand(client, 'src-1')).toMatchObject({
      known: true,
      name: 'UPLOAD_LOG',
      param: { bucket: 'b', object: 'o' },
    });
    // @ts-expect-error: v1 documents no PREMIGRATE, a compile error for a literal v1 path as well
    expect(() => mock.script('/v1/sms/sources/src-1/command', [{ body: { command_name: 'PREMIGRATE' } }])).toThrow(
      'steps[0].body.command_name: "PREMIGRATE" is not a documented value ("START", "STOP", "DELETE", "SYNC", "UPLOAD_LOG") (enum)',
    );
  });

  it('over HTTP: PUT, GET, DELETE a path; GET and DELETE /__mock/scripts; POST /__mock/reset; clear errors', async () => {
    const put = await control('PUT', '/v3/sources/h1/command', [{ body: { command_name: 'SKIP' } }, { status: 404 }]);
    expect(put).toEqual({
      status: 200,
      body: {
        path: '/v3/sources/h1/command',
        served: 0,
        repeatsLast: false,
        remaining: [
          { status: 200, body: { command_name: 'SKIP' }, headers: {}, delay_ms: 0, times: 1, unchecked: false },
          {
            status: 404,
            body: expect.objectContaining({ error_code: 'SMS.2252' }),
            headers: {},
            delay_ms: 0,
            times: 1,
            unchecked: false,
          },
        ],
      },
    });
    expect(await names(tokenClient(), 'h1', 1)).toEqual(['SKIP']);
    expect((await control('GET', '/v3/sources/h1/command')).body).toMatchObject({
      served: 1,
      remaining: [{ status: 404 }],
    });
    expect((await control('GET', '/scripts')).body.scripts).toHaveLength(1);
    expect((await control('DELETE', '/v3/sources/h1/command')).status).toBe(204);
    expect(await control('GET', '/v3/sources/h1/command')).toEqual({
      status: 404,
      body: { error: 'no script for /v3/sources/h1/command' },
    });
    await control('PUT', '/v3/sources/h2/command', [{}]);
    expect((await control('DELETE', '/scripts')).status).toBe(204);
    expect((await control('GET', '/scripts')).body).toEqual({ scripts: [] });
    expect(await control('PUT', '/v3/sources/h3/command', '[{')).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^the body is not JSON: /) },
    });
    expect(await control('PUT', '/v3/sources/h3/command', [{ status: 200, body: { command_name: 1 } }])).toEqual({
      status: 400,
      body: {
        error: expect.stringContaining('steps[0].body.command_name: number, expected string (type string)'),
        violations: expect.arrayContaining([
          { field: 'steps[0].body.command_name', rule: 'type string', message: 'number, expected string' },
        ]),
      },
    });
    expect(await control('GET', '/nope')).toMatchObject({
      status: 404,
      body: { error: expect.stringMatching(/^no control route GET \/__mock\/nope/) },
    });
    await names(tokenClient(), 'x', 1);
    expect((await control('POST', '/reset')).status).toBe(204);
    expect((await control('GET', '/requests')).body).toMatchObject({ requests: [], dropped: 0 });
  });
});

describe('faults and gateway statuses', () => {
  it('drop closes the connection (NETWORK), hang never answers (TIMEOUT), delay_ms waits', async () => {
    mock.script('/v3/sources/f/command', [
      { fault: 'drop' },
      { fault: 'hang' },
      { delay_ms: 300, body: { command_name: 'STOP' } },
    ]);
    expect(await rejection(showCommand(tokenClient(), 'f'))).toMatchObject({ code: 'NETWORK' });
    // The hang is the point of this timeout; the journal, not the clock, says the mock is holding it.
    const hung = rejection(showCommand(tokenClient({ timeoutMs: 1500 }), 'f'));
    await mock.waitForRequest((r) => r.id === 'f' && r.step?.index === 1);
    // A timer of the test's own, set first and due first, fires before the delayed answer: the order of
    // two timers in one process (the mock's starts when the request arrives), which load does not change.
    const ours = new Promise((done) => setTimeout(done, 250, 'still delayed'));
    const delayed = showCommand(tokenClient(), 'f').then((command) => command.name);
    expect(await Promise.race([ours, delayed])).toBe('still delayed');
    expect(await delayed).toBe('STOP');
    expect(await hung).toMatchObject({ code: 'TIMEOUT' });
    expect((await mock.requests()).filter((r) => r.id === 'f').map((r) => r.verdict)).toEqual([
      'fault',
      'fault',
      'answered',
    ]);
  });

  it('Prefer: code=429/502/503/504 gives the gateway-shaped body, not a Prism 404', async () => {
    for (const [code, errorCode] of [
      [429, 'APIGW.0308'],
      [502, 'MOCK.0502'],
      [503, 'MOCK.0503'],
      [504, 'MOCK.0504'],
    ] as const) {
      const error = (await rejection(
        showCommand(tokenClient({ headers: { Prefer: `code=${code}` } }), 'p'),
      )) as SmsApiError;
      expect(error).toMatchObject({ status: code, errorCode });
      expect(Object.keys(error.body as object).sort()).toEqual(['error_code', 'error_msg', 'request_id']);
    }
  });

  it('a Prefer the mock cannot honour is refused with 400 saying why', async () => {
    expect(await rejection(showCommand(tokenClient({ headers: { Prefer: 'code=418' } }), 'p'))).toMatchObject({
      status: 400,
      errorCode: 'MOCK.0400',
      errorMsg:
        "Prefer: code=418 is not a status of /v3/sources/{server_id}/command: documented 200, 400, 401, 403, 404, 500; the gateway's 429, 502, 503, 504",
    });
    expect(await rejection(showCommand(tokenClient({ headers: { Prefer: 'example=nope' } }), 'p'))).toMatchObject({
      status: 400,
      errorMsg: expect.stringMatching(
        /^Prefer: example=nope is not an example of the 200 answer of \/v3\/sources\/\{server_id\}\/command \(start, stop, skip/,
      ),
    });
  });
});

describe('credentials, checked as the gateway checks them', () => {
  it('a token on the list passes; another, or none, is 401 APIGW.0301 saying which', async () => {
    expect((await showCommand(tokenClient(), 'a')).known).toBe(true);
    expect(await rejection(showCommand(tokenClient({ auth: { token: 'not-on-the-list' } }), 'a'))).toMatchObject({
      status: 401,
      errorCode: 'APIGW.0301',
      errorMsg: 'Incorrect IAM authentication information: token is not one the mock accepts (auth.tokens)',
    });
    expect(await rejection(showCommand(createSmsClient({ endpoint: mock.url }), 'a'))).toMatchObject({
      status: 401,
      errorMsg: expect.stringContaining('no credentials'),
    });
  });

  it('a request signed by the client with a configured AK/SK passes, with X-Domain-Id and X-Security-Token signed too', async () => {
    const client = createSmsClient({
      endpoint: mock.url,
      auth: { ...CREDS, domainId: 'domain-1', securityToken: 'sec-token-0001' },
    });
    expect((await showCommand(client, 'signed id/with space')).known).toBe(true);
    const entry = (await mock.requests()).at(-1)!;
    expect(entry).toMatchObject({
      verdict: 'answered',
      auth: { scheme: 'aksk', ak: CREDS.ak },
      id: 'signed id/with space',
    });
  });

  it.each([
    {
      what: 'a wrong SK',
      make: () =>
        createSmsClient({ endpoint: mock.url, auth: { ak: CREDS.ak, sk: 'wrong-secret-key-00000000000000000000000' } }),
      reason: 'verify aksk signature fail',
    },
    {
      what: 'an unknown AK',
      make: () => createSmsClient({ endpoint: mock.url, auth: { ak: 'UNKNOWNAKABCDEFGHIJK', sk: CREDS.sk } }),
      reason: 'Get secretKey failed,ak:UNKNOWNAKABCDEFGHIJK,err:ak not exist',
    },
  ])('$what is 401 APIGW.0301 "$reason", and the journal says so', async ({ make, reason }) => {
    expect(await rejection(showCommand(make(), 'a'))).toMatchObject({
      status: 401,
      errorCode: 'APIGW.0301',
      errorMsg: `Incorrect IAM authentication information: ${reason}`,
    });
    expect((await mock.requests()).at(-1)).toMatchObject({
      verdict: 'refused',
      // The journal adds the rule that refused it, where the gateway's words do not say.
      reason: expect.stringMatching(
        new RegExp(`^Incorrect IAM authentication information: ${reason}( \\(rule: .+\\))?$`),
      ),
      status: 401,
      auth: { scheme: 'aksk' },
    });
  });

  it('a stale or malformed X-Sdk-Date, a signature that leaves out x-sdk-date, a bare Authorization: each 401 saying which', async () => {
    const url = `${mock.url}/v3/sources/a/command`;
    const at = async (date: Date) =>
      fetch(url, { headers: await signRequest({ method: 'GET', url }, CREDS, date) }).then((r) => r.json());
    expect(await at(new Date(Date.now() - 20 * 60_000))).toMatchObject({
      error_code: 'APIGW.0301',
      error_msg: expect.stringMatching(
        /^Incorrect IAM authentication information: x-sdk-date \d{8}T\d{6}Z is 20 minutes from the server's clock \(at most 15 are accepted\)$/,
      ),
    });
    expect(await at(new Date(Date.now() - 10 * 60_000))).toMatchObject({ command_name: 'START' });
    const signed = await signRequest({ method: 'GET', url }, CREDS);
    const send = (headers: Record<string, string>) =>
      fetch(url, { headers }).then((r) => r.json() as Promise<{ error_msg: string }>);
    expect((await send({ ...signed, 'X-Sdk-Date': 'notadate' })).error_msg).toBe(
      'Incorrect IAM authentication information: x-sdk-date is missing or malformed: expected YYYYMMDDTHHMMSSZ in UTC',
    );
    // The gateway requires x-sdk-date signed, and nothing else (Huawei's Go SDK never signs host): the
    // answer is its words, the journal says which rule.
    expect((await send({ ...signed, Authorization: signed.Authorization.replace(';x-sdk-date', '') })).error_msg).toBe(
      'Incorrect IAM authentication information: verify aksk signature fail',
    );
    expect((await mock.requests()).at(-1)?.reason).toBe(
      'Incorrect IAM authentication information: verify aksk signature fail (rule: SignedHeaders (host) must include x-sdk-date)',
    );
    expect((await send({ Authorization: 'hello', 'X-Sdk-Date': 'notadate' })).error_msg).toMatch(
      /^Incorrect IAM authentication information: malformed Authorization/,
    );
    expect(
      (
        await send({
          Authorization: 'SDK-HMAC-SHA256 Access=x, SignedHeaders=host;x-sdk-date, Signature=deadbeef',
          'X-Sdk-Date': signed['X-Sdk-Date'],
        })
      ).error_msg,
    ).toBe('Incorrect IAM authentication information: Get secretKey failed,ak:x,err:ak not exist');
  });

  it('the journal never holds a token, an SK or a signature', async () => {
    await showCommand(tokenClient(), 'j');
    await showCommand(createSmsClient({ endpoint: mock.url, auth: CREDS }), 'j');
    const journal = JSON.stringify(await mock.requests()) + JSON.stringify((await control('GET', '/requests')).body);
    for (const secret of [TOKEN, CREDS.sk]) expect(journal).not.toContain(secret);
    expect(journal).not.toMatch(/Signature|[0-9a-f]{64}/);
  });

  it('auth: false lets everything through; the default takes any token and the demo AK/SK only', async () => {
    const open = await startMock({ port: 0, auth: false });
    const defaults = await startMock({ port: 0 });
    try {
      expect((await fetch(`${open.url}/v3/sources/a/command`)).status).toBe(200);
      expect(
        (await showCommand(createSmsClient({ endpoint: defaults.url, auth: { token: 'anything' } }), 'a')).known,
      ).toBe(true);
      expect((await showCommand(createSmsClient({ endpoint: defaults.url, auth: DEMO_CREDENTIALS }), 'a')).known).toBe(
        true,
      );
      expect(await rejection(showCommand(createSmsClient({ endpoint: defaults.url, auth: CREDS }), 'a'))).toMatchObject(
        { status: 401, errorCode: 'APIGW.0301' },
      );
      expect((await defaults.requests()).at(-1)).toMatchObject({
        reason: `Incorrect IAM authentication information: Get secretKey failed,ak:${CREDS.ak},err:ak not exist`,
      });
    } finally {
      await Promise.all([open.close(), defaults.close()]);
    }
  });
});

describe('the journal', () => {
  it('records every request with what the mock made of it, in order', async () => {
    await showCommand(tokenClient(), 'r1');
    await fetch(`${mock.url}/v3/sources/${'a'.repeat(37)}/command`, { headers: { 'X-Auth-Token': TOKEN } });
    const [first, second] = await mock.requests();
    expect(first).toMatchObject({
      method: 'GET',
      path: '/v3/sources/r1/command',
      version: 'v3',
      id: 'r1',
      auth: { scheme: 'token' },
      verdict: 'answered',
      status: 200,
      violations: [],
    });
    expect(first!.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(second).toMatchObject({
      verdict: 'refused',
      status: 400,
      violations: ['server_id: 37 characters, over the documented 36 (maxLength 36)'],
    });
    expect(second!.seq).toBe(first!.seq + 1);
  });

  it('waitForRequest resolves on a request still to come, and rejects after its timeout', async () => {
    const waiting = mock.waitForRequest((r) => r.id === 'later', { timeoutMs: 10_000 });
    expect(await mock.requests()).toEqual([]); // still to come: sent only now
    void showCommand(tokenClient(), 'later');
    expect(await waiting).toMatchObject({ id: 'later', status: 200 });
    await expect(mock.waitForRequest((r) => r.id === 'never', { timeoutMs: 50 })).rejects.toThrow(
      /^no matching request within 50 ms \(\d+ in the journal\)$/,
    );
  });

  it('is bounded: past its limit the oldest are dropped, and it says how many', async () => {
    const small = await startMock({ port: 0, journalLimit: 5 });
    try {
      for (let i = 0; i < 8; i++)
        await fetch(`${small.url}/v3/sources/n${i}/command`, { headers: { 'X-Auth-Token': 't' } });
      expect((await small.requests()).map((r) => r.id)).toEqual(['n3', 'n4', 'n5', 'n6', 'n7']);
      const over = await fetch(`${small.url}/__mock/requests`).then((r) => r.json());
      expect(over).toMatchObject({ dropped: 3, limit: 5 });
      expect((await fetch(`${small.url}/__mock/requests`, { method: 'DELETE' })).status).toBe(204);
      expect(await small.requests()).toEqual([]);
    } finally {
      await small.close();
    }
  });
});

describe('a server one request cannot kill', () => {
  it('%ff in the path is 400 saying so, before routing, and the mock keeps serving', async () => {
    const res = await fetch(`${mock.url}/v3/sources/%ff/command`, { headers: { 'X-Auth-Token': TOKEN } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error_code: 'MOCK.0400',
      error_msg: 'the path is refused before routing: the segment "%ff" has a malformed percent-escape',
    });
    expect((await showCommand(tokenClient(), 'after')).known).toBe(true);
  });

  it('a request that is not HTTP gets 400 from the server, and the mock keeps serving', async () => {
    const reply = await rawExchange(mock.port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(reply.text).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect((await showCommand(tokenClient(), 'after')).known).toBe(true);
  });

  it("an Agent's Accept header does not change the answer: the service sends JSON whatever it says", async () => {
    for (const accept of ['text/html', 'application/xml', '*/*']) {
      const res = await fetch(`${mock.url}/v1/sms/sources/a/command`, {
        headers: { 'X-Auth-Token': TOKEN, Accept: accept },
      });
      expect([accept, res.status, res.headers.get('content-type')]).toEqual([accept, 200, 'application/json']);
    }
  });

  it('another method on an API path is 405 with Allow: GET', async () => {
    const res = await fetch(`${mock.url}/v3/sources/a/command`, { method: 'POST', headers: { 'X-Auth-Token': TOKEN } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toMatchObject({
      error_code: 'MOCK.0405',
      error_msg: 'POST is not allowed on /v3/sources/{server_id}/command: only GET',
    });
  });
});
