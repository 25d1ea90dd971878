// The mock serves UpdateCommandResult (POST …/command_result), v3 and v1: routing by method, the
// body read bounded and checked (Content-Type, JSON, the contract), AK/SK over the body, SMS.2009 for
// a report of another command than the one last served, scripts on report paths and steps that wait
// for a report, the journal's `report` field. Through our client, raw HTTP and Huawei's SDK signer.
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/index.js';
import {
  DEMO_CREDENTIALS,
  type JournalEntry,
  type Mock,
  ScriptError,
  SMS_2009,
  startMock,
  type StepFor,
} from '../../src/mock.js';
import * as v1 from '../../src/v1.js';
import * as v3 from '../../src/v3.js';
import { SmsApiError } from '../../src/v3.js';
import { rejection } from '../support/answers.js';
import { httpAdmin } from '../support/mock-admin-http.js';
import { rawExchange, rawRequest, statusesOf, endlessChunks } from '../support/raw-http.js';

const CREDS = { ak: 'REPORTMOCKAK00000001', sk: 'report-mock-secret-key-000000000000000001' };
const TOKEN = 'report-test-token-1234567890';
const LIMIT = 10240;
const ACCEPTED = 'Reporting command execution results to SMS succeeded';
const V3_PATH = (id: string) => `/v3/sources/${id}/command_result`;
const V1_PATH = (id: string) => `/v1/sms/sources/${id}/command_result`;
const START = { command_name: 'START', result: 'success', result_detail: { msg: 'started' } } as const;

let mock: Mock;
beforeAll(async () => {
  mock = await startMock({
    port: 0,
    auth: { tokens: [TOKEN], credentials: [CREDS, DEMO_CREDENTIALS] },
    journalLimit: 200,
  });
});
afterAll(() => mock.close());
afterEach(() => mock.reset());

const clients = {
  v3: {
    token: () => v3.createSmsClient({ endpoint: mock.url, auth: { token: TOKEN } }),
    aksk: () => v3.createSmsClient({ endpoint: mock.url, auth: CREDS }),
  },
  v1: {
    token: () => v1.createSmsClient({ endpoint: mock.url, auth: { token: TOKEN } }),
    aksk: () => v1.createSmsClient({ endpoint: mock.url, auth: CREDS }),
  },
};
/** The last journal entry. */
const last = async (): Promise<JournalEntry> => (await mock.requests()).at(-1)!;
/** A GET of the command path with a token, as an Agent polls: the mock then knows what it served. */
const poll = async (path: string) => (await fetch(`${mock.url}${path}`, { headers: { 'X-Auth-Token': TOKEN } })).status;
/** A raw POST with a token and a JSON type unless told otherwise. */
const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  rawRequest(
    mock.port,
    'POST',
    path,
    { 'X-Auth-Token': TOKEN, 'Content-Type': 'application/json', ...headers },
    10_000,
    body,
  );
const errorOf = (status: number, code: string, message: string | RegExp) => ({
  status,
  json: {
    error_code: code,
    error_msg: message instanceof RegExp ? expect.stringMatching(message) : message,
    request_id: expect.stringMatching(/^[0-9a-f]{32}$/),
  },
});

describe('hostile: wrong methods on API paths (routing by method)', () => {
  it.each([
    ['GET', V3_PATH('r'), 'POST', '/v3/sources/{server_id}/command_result'],
    ['HEAD', V3_PATH('r'), 'POST', '/v3/sources/{server_id}/command_result'],
    ['PUT', V1_PATH('r'), 'POST', '/v1/sms/sources/{source_id}/command_result'],
    ['POST', '/v3/sources/r/command', 'GET', '/v3/sources/{server_id}/command'],
    ['DELETE', '/v1/sms/sources/r/command', 'GET', '/v1/sms/sources/{source_id}/command'],
  ])('%s %s is 405 with Allow: %s, journaled as refused', async (method, path, allow, template) => {
    const answer = await rawRequest(mock.port, method, path, { 'X-Auth-Token': TOKEN });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe(allow);
    if (method !== 'HEAD')
      expect(answer.json).toMatchObject({
        error_code: 'MOCK.0405',
        error_msg: `${method} is not allowed on ${template}: only ${allow}`,
      });
    expect(await last()).toMatchObject({ method, path, verdict: 'refused', status: 405, id: 'r' });
  });

  it('HEAD stays allowed where GET is; a preflight names both methods', async () => {
    expect((await rawRequest(mock.port, 'HEAD', '/v3/sources/r/command', { 'X-Auth-Token': TOKEN })).status).toBe(200);
    const preflight = await rawRequest(mock.port, 'OPTIONS', V3_PATH('r'), {
      Origin: 'http://localhost:5173',
      'Access-Control-Request-Method': 'POST',
    });
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST');
  });
});

describe('a report through our client (reportCommandResult), each version, token and AK/SK', () => {
  for (const version of ['v3', 'v1'] as const) {
    const api = version === 'v3' ? v3 : v1;
    const path = version === 'v3' ? V3_PATH : V1_PATH;
    const showPath = (id: string) => path(id).replace(/_result$/, '');
    for (const scheme of ['token', 'aksk'] as const) {
      it(`${version} ${scheme}: poll START, report it: 200, journaled with its report`, async () => {
        const client = clients[version][scheme]();
        const command = await api.showCommand(client as never, 'c1');
        expect(command.name).toBe('START');
        const answer = await api.reportCommandResult(client as never, 'c1', { ...START });
        const entry = await last();
        // The answer as the client resolves it: the service's 200, its body (v1's 200 has none), and the
        // X-Request-Id the journal shows.
        expect(answer).toEqual({
          status: 200,
          requestId: entry.requestId,
          body: version === 'v3' ? 'Reporting command execution results to SMS succeeded' : undefined,
        });
        expect(entry).toEqual({
          seq: expect.any(Number),
          time: expect.any(String),
          method: 'POST',
          path: path('c1'),
          version,
          id: 'c1',
          auth: scheme === 'token' ? { scheme: 'token' } : { scheme: 'aksk', ak: CREDS.ak },
          verdict: 'answered',
          status: 200,
          violations: [],
          requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
          report: { command_name: 'START', result: 'success', result_detail: { msg: 'started' } },
        });
        expect((await mock.requests()).map((e) => `${e.method} ${e.path}`)).toEqual([
          `GET ${showPath('c1')}`,
          `POST ${path('c1')}`,
        ]);
        // waitForRequest takes reports as any entry; GET /__mock/requests shows the same field.
        expect(await mock.waitForRequest((r) => r.report?.command_name === 'START', { timeoutMs: 1000 })).toMatchObject(
          { method: 'POST', id: 'c1' },
        );
        expect((await httpAdmin(mock.url).requests()).at(-1)?.report).toEqual(START);
      });
    }

    it(`${version}: a report of another command than the one served is 400 SMS.2009 in the service's words; the journal says which`, async () => {
      const client = clients[version].token();
      await api.showCommand(client as never, 'c2');
      const error = await rejection(
        api.reportCommandResult(client as never, 'c2', { command_name: 'STOP', result: 'fail', result_detail: {} }),
      );
      expect(error).toBeInstanceOf(SmsApiError);
      expect(error).toMatchObject({ status: 400, errorCode: 'SMS.2009', errorMsg: SMS_2009 });
      expect(SMS_2009).toBe('The command sent by the client is inconsistent with that on the SMS service');
      expect(await last()).toMatchObject({
        method: 'POST',
        version,
        id: 'c2',
        verdict: 'refused',
        status: 400,
        reason: `SMS.2009: ${SMS_2009}: the report is of "STOP", the command last served to ${version} "c2" is "START"`,
        report: { command_name: 'STOP', result: 'fail', result_detail: {} },
      });
    });

    it(`${version}: a report to a server that was served nothing is SMS.2009 too (the service has no command for it)`, async () => {
      const error = await rejection(
        api.reportCommandResult(clients[version].aksk() as never, 'never-polled', { ...START }),
      );
      expect(error).toMatchObject({ status: 400, errorCode: 'SMS.2009' });
      expect((await last()).reason).toBe(
        `SMS.2009: ${SMS_2009}: the report is of "START", and no command was served to ${version} "never-polled" yet`,
      );
    });
  }

  it("v3 answers the spec's JSON string; v1 a 200 with no body", async () => {
    await poll('/v3/sources/a1/command');
    await poll('/v1/sms/sources/a1/command');
    const v3Answer = await post(V3_PATH('a1'), JSON.stringify(START));
    expect(v3Answer).toMatchObject({ status: 200, json: ACCEPTED, body: JSON.stringify(ACCEPTED) });
    expect(v3Answer.headers['content-type']).toBe('application/json');
    const v1Answer = await post(V1_PATH('a1'), JSON.stringify(START));
    expect(v1Answer).toMatchObject({ status: 200, body: '' });
    expect(v1Answer.headers['content-length']).toBe('0');
  });

  it('what counts is the last command served to that server, version and id', async () => {
    mock.script('/v3/sources/m/command', [{ body: { command_name: 'START' } }, { body: { command_name: 'STOP' } }]);
    const client = clients.v3.token();
    await v3.showCommand(client, 'm');
    await v3.showCommand(client, 'm');
    expect(await rejection(v3.reportCommandResult(client, 'm', { ...START }))).toMatchObject({ errorCode: 'SMS.2009' });
    await v3.reportCommandResult(client, 'm', { command_name: 'STOP', result: 'success', result_detail: {} });
    // Another id, or the same id on the other version, was served nothing.
    expect(
      await rejection(
        v3.reportCommandResult(client, 'm2', { command_name: 'STOP', result: 'success', result_detail: {} }),
      ),
    ).toMatchObject({ errorCode: 'SMS.2009' });
    expect(
      await rejection(
        v1.reportCommandResult(clients.v1.token(), 'm', { command_name: 'STOP', result: 'success', result_detail: {} }),
      ),
    ).toMatchObject({ errorCode: 'SMS.2009' });
    // A report does not use up what was served: the same report again is accepted.
    await v3.reportCommandResult(client, 'm', { command_name: 'STOP', result: 'fail', result_detail: {} });
  });

  it('a HEAD serves no command (no body reached the Agent); reset forgets what was served', async () => {
    expect((await rawRequest(mock.port, 'HEAD', '/v3/sources/h/command', { 'X-Auth-Token': TOKEN })).status).toBe(200);
    expect((await post(V3_PATH('h'), JSON.stringify(START))).json).toMatchObject({ error_code: 'SMS.2009' });
    await poll('/v3/sources/h/command');
    expect((await post(V3_PATH('h'), JSON.stringify(START))).status).toBe(200);
    mock.reset();
    expect((await post(V3_PATH('h'), JSON.stringify(START))).json).toMatchObject({ error_code: 'SMS.2009' });
  });

  it('Prefer works as on the command path and wins over SMS.2009; a status the report does not document is refused', async () => {
    const forbidden = await post(V3_PATH('p'), JSON.stringify(START), { Prefer: 'code=403' });
    expect(forbidden).toMatchObject({ status: 403, json: { error_code: 'SMS.9004' } });
    expect(await post(V1_PATH('p'), JSON.stringify(START), { Prefer: 'code=404' })).toMatchObject({
      status: 404,
      json: { error_code: 'SMS.2252' },
    });
    expect(await post(V3_PATH('p'), JSON.stringify(START), { Prefer: 'code=200' })).toMatchObject({
      status: 200,
      json: ACCEPTED,
    });
    expect(await post(V3_PATH('p'), JSON.stringify(START), { Prefer: 'example=accepted' })).toMatchObject({
      status: 200,
      json: ACCEPTED,
    });
    expect(await post(V3_PATH('p'), JSON.stringify(START), { Prefer: 'code=503' })).toMatchObject({
      status: 503,
      json: { error_code: 'MOCK.0503' },
    });
    expect(await post(V3_PATH('p'), JSON.stringify(START), { Prefer: 'code=201' })).toMatchObject(
      errorOf(
        400,
        'MOCK.0400',
        "Prefer: code=201 is not a status of /v3/sources/{server_id}/command_result: documented 200, 400, 401, 403, 404, 500; the gateway's 429, 502, 503, 504",
      ),
    );
  });

  it('reportCheck: false accepts a report of any command', async () => {
    const open = await startMock({ port: 0, reportCheck: false });
    try {
      const client = v3.createSmsClient({ endpoint: open.url, auth: { token: 't' } });
      await v3.reportCommandResult(client, 'never-polled', {
        command_name: 'RSET_LOG_ACL',
        result: 'success',
        result_detail: {},
      });
      expect((await open.requests()).at(-1)).toMatchObject({
        verdict: 'answered',
        status: 200,
        report: { command_name: 'RSET_LOG_ACL' },
      });
    } finally {
      await open.close();
    }
    await expect(startMock({ port: 0, reportCheck: 'no' as never })).rejects.toMatchObject({
      name: 'MockStartError',
      message: 'invalid reportCheck: no (true or false)',
    });
  });
});

describe('hostile: report bodies against the contract', () => {
  const body = (fields: Record<string, unknown>) => JSON.stringify({ ...START, ...fields });

  it.each([
    [{ result: 'ok' }, 'result: "ok" is not a documented value ("success", "fail") (enum)'],
    [
      { result: 1 },
      'result: 1 is not a documented value ("success", "fail") (enum); result: number, expected string (type string)',
    ],
    [{ result_detail: [] }, 'result_detail: an array, expected object (type object)'],
    [{ result_detail: 'done' }, 'result_detail: string, expected object (type object)'],
    [{ command_name: 'x'.repeat(256) }, 'command_name: 256 characters, over the documented 255 (maxLength 255)'],
    [{ command_name: null }, 'command_name: null, expected string (type string)'],
  ])('v3 %j: 400 MOCK.0400 naming the field and the rule', async (fields, message) => {
    await poll('/v3/sources/b/command');
    expect(await post(V3_PATH('b'), body(fields))).toMatchObject(
      errorOf(400, 'MOCK.0400', `the request breaks the contract: ${message}`),
    );
    expect(await last()).toMatchObject({
      verdict: 'refused',
      status: 400,
      violations: message.split('; '),
      report: expect.objectContaining(fields),
    });
  });

  it('a missing field, and a body that is not an object', async () => {
    const { result_detail: _detail, ...partial } = START;
    expect(await post(V1_PATH('b'), JSON.stringify(partial))).toMatchObject(
      errorOf(
        400,
        'MOCK.0400',
        'the request breaks the contract: body: the required field "result_detail" is missing (required)',
      ),
    );
    expect((await last()).report).toEqual({ command_name: 'START', result: 'success' });
    expect(await post(V3_PATH('b'), '[]')).toMatchObject(
      errorOf(400, 'MOCK.0400', 'the request breaks the contract: body: an array, expected object (type object)'),
    );
    expect((await last()).report).toBeUndefined();
  });

  it('a field the schema does not list is accepted (valid JSON Schema); a v1 command_name has no length limit', async () => {
    await poll('/v3/sources/x/command');
    expect((await post(V3_PATH('x'), body({ extra: 1 }))).status).toBe(200);
    mock.script('/v1/sms/sources/x/command', [{ body: { command_name: 'x'.repeat(300) }, unchecked: true }]);
    await poll('/v1/sms/sources/x/command');
    expect((await post(V1_PATH('x'), body({ command_name: 'x'.repeat(300) }))).status).toBe(200);
  });

  it('the id is checked as on the command path', async () => {
    expect(await post(V3_PATH('x'.repeat(37)), JSON.stringify(START))).toMatchObject(
      errorOf(
        400,
        'MOCK.0400',
        'the request breaks the contract: server_id: 37 characters, over the documented 36 (maxLength 36)',
      ),
    );
  });
});

describe('scripts on report paths', () => {
  it('each report gets the next step: 500, 403, a drop; refused reports use up none', async () => {
    const state = mock.script(V3_PATH('s1'), [{ status: 500 }, { status: 403 }, { fault: 'drop' }]);
    expect(state).toMatchObject({ path: V3_PATH('s1'), served: 0 });
    const client = clients.v3.aksk();
    // Refused before any step: bad credentials, a broken body.
    expect(await post(V3_PATH('s1'), JSON.stringify(START), { 'X-Auth-Token': '' })).toMatchObject({ status: 401 });
    expect(await post(V3_PATH('s1'), JSON.stringify({ ...START, result: 'ok' }))).toMatchObject({ status: 400 });
    expect(mock.scriptState(V3_PATH('s1'))).toMatchObject({ served: 0 });
    // A script overrides SMS.2009: nothing was served to s1, yet the steps answer.
    expect(await rejection(v3.reportCommandResult(client, 's1', { ...START }))).toMatchObject({
      status: 500,
      errorCode: 'SMS.2007',
    });
    expect(await rejection(v3.reportCommandResult(client, 's1', { ...START }))).toMatchObject({
      status: 403,
      errorCode: 'SMS.9004',
    });
    expect(await rejection(v3.reportCommandResult(client, 's1', { ...START }))).toMatchObject({ code: 'NETWORK' });
    const entries = (await mock.requests()).filter((e) => e.path === V3_PATH('s1') && e.step);
    expect(entries.map((e) => [e.verdict, e.status, e.step])).toEqual([
      ['answered', 500, { index: 0, of: 3 }],
      ['answered', 403, { index: 1, of: 3 }],
      ['fault', undefined, { index: 2, of: 3 }],
    ]);
    for (const entry of entries) expect(entry.report).toEqual(START);
  });

  it("a scripted 200 is checked against the report's answer: v3 a JSON string (sent as JSON), v1 no body unless unchecked", () => {
    // @ts-expect-error: v3's report answers 200 with a string (a compile error too)
    expect(() => mock.script(V3_PATH('s2'), [{ body: { ok: true } }])).toThrow(
      new ScriptError([{ field: 'steps[0].body', rule: 'type string', message: 'object, expected string' }]),
    );
    expect(mock.script(V3_PATH('s2'), [{ body: 'recorded' }]).remaining[0]).toMatchObject({
      status: 200,
      body: 'recorded',
    });
    let error: unknown;
    try {
      mock.script(V1_PATH('s2'), [{ body: 'recorded' }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScriptError);
    expect((error as ScriptError).message).toBe(
      'steps[0].body: the 200 answer of POST /v1/sms/sources/{source_id}/command_result has no body in the spec: leave "body" out, or add "unchecked": true to send one anyway (no content)',
    );
    expect(mock.script(V1_PATH('s2'), [{ body: 'recorded', unchecked: true }, {}]).remaining).toMatchObject([
      { body: 'recorded' },
      { status: 200 },
    ]);
  });

  it('scripted answers reach the client as written: a v3 string as JSON, a v1 200 without a body', async () => {
    mock.script(V3_PATH('s3'), [{ body: 'recorded' }]);
    mock.script(V1_PATH('s3'), [{}]);
    expect(await post(V3_PATH('s3'), JSON.stringify(START))).toMatchObject({
      status: 200,
      json: 'recorded',
      body: '"recorded"',
    });
    expect(await post(V1_PATH('s3'), JSON.stringify(START))).toMatchObject({ status: 200, body: '' });
  });

  it('over HTTP: PUT /__mock/<report path>, and the same refusals', async () => {
    const admin = httpAdmin(mock.url);
    expect(await admin.script(V1_PATH('s4'), [{ status: 404 }])).toMatchObject({
      path: V1_PATH('s4'),
      remaining: [{ status: 404, body: { error_code: 'SMS.2252' } }],
    });
    // @ts-expect-error: v1's report answers 200 with no body (a compile error too)
    await expect(admin.script(V1_PATH('s4'), [{ body: { a: 1 } }])).rejects.toMatchObject({
      violations: [{ field: 'steps[0].body', rule: 'no content' }],
    });
    expect(await post(V1_PATH('s4'), JSON.stringify(START))).toMatchObject({
      status: 404,
      json: { error_code: 'SMS.2252' },
    });
  });
});

describe('a command step that waits for its report (until: "reported")', () => {
  const STEPS: StepFor<'/v3/sources/u1/command'>[] = [
    { body: { command_name: 'START', command_param: { task_id: 't1' } }, until: 'reported' },
    { body: { command_name: 'TASK_HAS_FINISHED' } },
  ];

  for (const door of ['js', 'http'] as const) {
    it(`${door} door: START until a report of START is accepted, then the next step`, async () => {
      const admin = door === 'js' ? mock : httpAdmin(mock.url);
      const state = await admin.script('/v3/sources/u1/command', STEPS);
      expect(state.remaining[0]).toEqual({
        status: 200,
        body: STEPS[0]!.body,
        headers: {},
        delay_ms: 0,
        times: 1,
        unchecked: false,
        until: 'reported',
      });
      const client = clients.v3.token();
      for (let i = 0; i < 3; i++) expect((await v3.showCommand(client, 'u1')).name).toBe('START');
      // A report of another command is refused (SMS.2009) and moves nothing; so is a refused one.
      expect(
        await rejection(
          v3.reportCommandResult(client, 'u1', { command_name: 'STOP', result: 'success', result_detail: {} }),
        ),
      ).toMatchObject({ errorCode: 'SMS.2009' });
      expect((await post(V3_PATH('u1'), JSON.stringify({ ...START, result: 'ok' }))).status).toBe(400);
      expect((await v3.showCommand(client, 'u1')).name).toBe('START');
      await v3.reportCommandResult(client, 'u1', { ...START });
      expect((await v3.showCommand(client, 'u1')).name).toBe('TASK_HAS_FINISHED');
      expect(await admin.scriptState('/v3/sources/u1/command')).toMatchObject({ served: 5, repeatsLast: true });
    });
  }

  it('a report answered with an error (a scripted 500) does not move it; a `fail` report does', async () => {
    mock.script('/v1/sms/sources/u2/command', [
      { body: { command_name: 'SYNC' }, until: 'reported' },
      { body: { command_name: 'STOP' } },
    ]);
    mock.script(V1_PATH('u2'), [{ status: 500 }, {}]);
    const client = clients.v1.token();
    expect((await v1.showCommand(client, 'u2')).name).toBe('SYNC');
    expect(
      await rejection(
        v1.reportCommandResult(client, 'u2', { command_name: 'SYNC', result: 'fail', result_detail: {} }),
      ),
    ).toMatchObject({ status: 500 });
    expect((await v1.showCommand(client, 'u2')).name).toBe('SYNC');
    await v1.reportCommandResult(client, 'u2', {
      command_name: 'SYNC',
      result: 'fail',
      result_detail: { why: 'disk' },
    });
    expect((await v1.showCommand(client, 'u2')).name).toBe('STOP');
  });

  it.each([
    [
      V3_PATH('u3'),
      [{ until: 'reported' }],
      'steps[0].until: a step of POST /v3/sources/{server_id}/command_result cannot wait for a report: "until" is for a ShowCommand (GET) path\'s steps (until)',
    ],
    [
      '/v3/sources/u3/command',
      [{ until: 'reported', times: 2 }],
      'steps[0].times: a step with "until" repeats until its report arrives: leave "times" out (until)',
    ],
    [
      '/v3/sources/u3/command',
      [{ status: 404, until: 'reported' }],
      'steps[0].until: waits for the report of the command it serves: it needs status 200 and a body with a string command_name (until)',
    ],
    [
      '/v3/sources/u3/command',
      [{ fault: 'hang', until: 'reported' }],
      'steps[0].until: a fault step serves no command to report (until)',
    ],
    ['/v3/sources/u3/command', [{ until: 'answered' }], 'steps[0].until: must be "reported" (enum)'],
  ])('%s %j is refused naming why', (path, steps, message) => {
    expect(() => mock.script(path, steps as never)).toThrow(message);
  });
});

describe("Huawei's own SDK signer (@huaweicloud/huaweicloud-sdk-core AKSKSigner) on a POST with a body", () => {
  const { AKSKSigner } = createRequire(import.meta.url)('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
    AKSKSigner: { sign(request: object, credential: { getAk(): string; getSk(): string }): Record<string, string> };
  };
  const credential = { getAk: () => CREDS.ak, getSk: () => CREDS.sk };
  /** What the SDK sends: it hashes JSON.stringify(data), so exactly that string is the body. */
  const sdkPost = (path: string, data: object, sentBody = JSON.stringify(data)) => {
    const headers = {
      'Content-Type': 'application/json',
      'X-Sdk-Date': new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, ''),
    };
    const { host: _host, ...signed } = AKSKSigner.sign(
      { method: 'POST', endpoint: `${mock.url}${path}`, headers: { ...headers }, queryParams: {}, data },
      credential,
    );
    return rawRequest(mock.port, 'POST', path, signed, 10_000, sentBody);
  };

  it.each([
    ['v3', V3_PATH, '/v3/sources/sdk-1/command'],
    ['v1', V1_PATH, '/v1/sms/sources/sdk-1/command'],
  ] as const)('%s: its signed report is accepted and journaled with its AK', async (version, path, show) => {
    await poll(show);
    const report = {
      command_name: 'START',
      result: 'success',
      result_detail: { msg: 'déjà', n: 1, nested: { ok: false } },
    };
    const answer = await sdkPost(path('sdk-1'), report);
    expect(answer.status, answer.body).toBe(200);
    expect(await last()).toMatchObject({
      method: 'POST',
      version,
      id: 'sdk-1',
      auth: { scheme: 'aksk', ak: CREDS.ak },
      verdict: 'answered',
      status: 200,
      report,
    });
  });

  it('the same signature over another body (the bytes as received differ) is refused', async () => {
    await poll('/v3/sources/sdk-2/command');
    const answer = await sdkPost(V3_PATH('sdk-2'), START, JSON.stringify(START, null, 1));
    expect(answer).toMatchObject(
      errorOf(401, 'APIGW.0301', 'Incorrect IAM authentication information: verify aksk signature fail'),
    );
    expect(await last()).toMatchObject({ verdict: 'refused', status: 401, auth: { scheme: 'aksk', ak: CREDS.ak } });
  });
});

describe('hostile: report bodies over raw HTTP', () => {
  it('our signer over bytes that are not what JSON.stringify would write (spaces, escapes, UTF-8) is verified over them as received', async () => {
    await poll('/v3/sources/raw-1/command');
    const text = '{ "command_name" : "START",\n "result":"success", "result_detail": {"m":"\\u00e9 é 😀"} }';
    const url = `${mock.url}${V3_PATH('raw-1')}`;
    const signed = await signRequest(
      { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(text) },
      CREDS,
    );
    const answer = await rawRequest(
      mock.port,
      'POST',
      V3_PATH('raw-1'),
      { 'Content-Type': 'application/json', ...signed },
      10_000,
      text,
    );
    expect(answer.status, answer.body).toBe(200);
    expect((await last()).report).toEqual({ command_name: 'START', result: 'success', result_detail: { m: 'é é 😀' } });
  });

  it('Content-Type: missing is 401 SMS.2005, another type SMS.2006; parameters such as charset are fine', async () => {
    const body = JSON.stringify(START);
    const noType = await rawRequest(mock.port, 'POST', V3_PATH('t'), { 'X-Auth-Token': TOKEN }, 10_000, body);
    expect(noType).toMatchObject(
      errorOf(401, 'SMS.2005', 'the request has no Content-Type: send Content-Type: application/json'),
    );
    expect(await last()).toMatchObject({
      verdict: 'refused',
      reason: 'SMS.2005: the request has no Content-Type: send Content-Type: application/json',
    });
    for (const type of [
      'text/plain',
      'application/jsonp',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      expect(await post(V3_PATH('t'), body, { 'Content-Type': type })).toMatchObject(
        errorOf(
          401,
          'SMS.2006',
          `Content-Type ${JSON.stringify(type)} is not application/json: send the report as JSON with Content-Type: application/json`,
        ),
      );
    }
    await poll('/v3/sources/t/command');
    expect((await post(V3_PATH('t'), body, { 'Content-Type': 'Application/JSON; charset=utf-8' })).status).toBe(200);
  });

  it('not JSON is 400 naming the parse error with its line and column; bytes that are not UTF-8 too', async () => {
    expect(await post(V3_PATH('j'), '{"command_name": "START",\n "result": }')).toMatchObject(
      errorOf(400, 'MOCK.0400', /^the request body is not JSON: line 2, column 12: Unexpected token/),
    );
    expect(await post(V3_PATH('j'), '')).toMatchObject(
      errorOf(400, 'MOCK.0400', /^the request body is not JSON: line 1, column 1: /),
    );
    expect(await post(V3_PATH('j'), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))).toMatchObject(
      errorOf(400, 'MOCK.0400', 'the request body is not JSON: it is not valid UTF-8'),
    );
    expect(await last()).toMatchObject({ verdict: 'refused', status: 400 });
    expect((await last()).report).toBeUndefined();
  });

  it('credentials come before the body checks: a bad token with a broken body is 401 APIGW.0301', async () => {
    expect(
      await post(V3_PATH('o'), 'not json', { 'X-Auth-Token': 'wrong-token', 'Content-Type': 'text/plain' }),
    ).toMatchObject(
      errorOf(
        401,
        'APIGW.0301',
        'Incorrect IAM authentication information: token is not one the mock accepts (auth.tokens)',
      ),
    );
  });

  it(`a body of exactly ${LIMIT} bytes is read; a deeply nested result_detail is accepted and the journal stays servable`, async () => {
    await poll('/v3/sources/big/command');
    const padding = (n: number) => JSON.stringify({ ...START, result_detail: { pad: 'x'.repeat(n) } });
    const exact = padding(LIMIT - padding(0).length);
    expect(Buffer.byteLength(exact)).toBe(LIMIT);
    expect((await post(V3_PATH('big'), exact)).status).toBe(200);
    const depth = 1500;
    const deep = `{"command_name":"START","result":"success","result_detail":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    expect(Buffer.byteLength(deep)).toBeLessThanOrEqual(LIMIT);
    expect((await post(V3_PATH('big'), deep)).status).toBe(200);
    expect((await last()).report).toEqual({
      command_name: 'START',
      result: 'success',
      result_detail: '(not kept: nests deeper than 64 levels, MAX_BODY_DEPTH)',
    });
    const listing = await fetch(`${mock.url}/__mock/requests`);
    expect(listing.status).toBe(200);
  });

  const head = (extra: string) =>
    `POST ${V3_PATH('over')} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: ${TOKEN}\r\nContent-Type: application/json\r\n${extra}\r\n`;
  const expect2004 = (text: string) => {
    expect(statusesOf(text).at(-1), text.slice(0, 300)).toBe(401);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    const json = JSON.parse(text.slice(text.lastIndexOf('\r\n\r\n') + 4)) as Record<string, string>;
    expect(json).toMatchObject({
      error_code: 'SMS.2004',
      error_msg: `the request body is over ${LIMIT} bytes, the most POST /v3/sources/{server_id}/command_result takes (x-max-body-bytes): send a smaller result_detail`,
    });
  };

  it(`a declared Content-Length over ${LIMIT}: 401 SMS.2004 delivered, then the connection closes; journaled, no step used`, async () => {
    mock.script(V3_PATH('over'), [{ status: 500 }]);
    const size = 64 * 1024;
    const reply = await rawExchange(mock.port, head(`Content-Length: ${size}\r\n`), { body: Buffer.alloc(size, 0x20) });
    expect2004(reply.text);
    expect(reply.closed).toBe(true);
    expect(await last()).toMatchObject({
      method: 'POST',
      verdict: 'refused',
      status: 401,
      reason: expect.stringMatching(/^SMS\.2004: the request body is over 10240 bytes/),
    });
    expect(mock.scriptState(V3_PATH('over'))).toMatchObject({ served: 0 });
  });

  it('with Expect: 100-continue: 401 SMS.2004 (no body read), then the connection closes', async () => {
    const size = 1024 * 1024;
    const reply = await rawExchange(mock.port, head(`Content-Length: ${size}\r\nExpect: 100-continue\r\n`), {
      // A client that sends the body anyway once the server answers (100 Continue), as curl does.
      body: (write, firstData) =>
        void firstData.then(() => {
          for (let i = 0; i < 16; i++) write(Buffer.alloc(size / 16, 0x20));
        }),
    });
    expect2004(reply.text);
    expect(reply.closed).toBe(true);
  });

  it('a chunked body that never ends: 401 SMS.2004 once past the limit, and the mock closes within its linger time', async () => {
    const endless = endlessChunks(4 * 1024);
    // The body never ends: only the mock can close the connection (closed, not given up by the helper).
    const reply = await rawExchange(mock.port, head('Transfer-Encoding: chunked\r\n'), { body: endless.body });
    endless.stop();
    expect2004(reply.text);
    expect(reply.closed).toBe(true);
    expect(await poll('/v3/sources/still-up/command')).toBe(200);
  });
});
