// Scripts on report paths, and command steps that wait for their report (until: "reported").
import { describe, expect, it } from 'vitest';
import { ScriptError, type StepFor } from '../../src/mock.js';
import * as v1 from '../../src/v1.js';
import * as v3 from '../../src/v3.js';
import { rejection } from '../support/answers.js';
import { httpAdmin } from '../support/mock-admin-http.js';
import { V3_PATH, V1_PATH, START, useReportMock } from '../support/report-mock.js';

const { mock, clients, post } = useReportMock();

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
