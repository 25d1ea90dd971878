// The mock serves UpdateCommandResult: routing by method, and reports through our client (each version, token and AK/SK).
import { describe, expect, it } from 'vitest';
import { SMS_2009, startMock } from '../../src/mock.js';
import * as v1 from '../../src/v1.js';
import * as v3 from '../../src/v3.js';
import { SmsApiError } from '../../src/v3.js';
import { rejection } from '../support/answers.js';
import { httpAdmin } from '../support/mock-admin-http.js';
import { rawRequest } from '../support/raw-http.js';
import { CREDS, TOKEN, ACCEPTED, V3_PATH, V1_PATH, START, errorOf, useReportMock } from '../support/report-mock.js';

const { mock, clients, last, poll, post } = useReportMock();

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
