// Scripted steps held to the contract: an unlisted field is refused exactly where sms-command-verify reports drift; numbers as strings lose their quotes.
import { describe, expect, it } from 'vitest';
import { ScriptError, type Step } from '../../src/mock.js';
import { verifyEndpoint } from '../../src/verify.js';
import { ADMIN_DOORS } from '../support/mock-admin-http.js';
import { DRIFT, useStepsMock } from '../support/steps-mock.js';

const { mock, refusal } = useStepsMock();

describe('a scripted field the contract does not list is refused, naming it and its schema', () => {
  it.each(ADMIN_DOORS)(
    '%s door: command_nam on a v3 200 is refused as a likely typo of command_name',
    async (_door, open) => {
      const admin = open(mock);
      const typo: unknown = [{ body: { command_nam: 'START' } }]; // a compile error as a literal (types.test-d.ts)
      const refused = await (async () => admin.script('/v3/sources/s1/command', typo as Step[]))().then(
        () => undefined,
        (error: unknown) => error as ScriptError,
      );
      expect(refused).toBeInstanceOf(ScriptError);
      expect(refused!.status).toBe(400);
      expect(refused!.violations).toEqual([
        {
          field: 'steps[0].body.command_nam',
          rule: 'properties',
          message: `not a field of Command (the contract lists command_name, command_param) — a typo of command_name?; ${DRIFT.replace(' (properties)', '')}`,
        },
      ]);
      expect(refused!.message).toBe(
        `steps[0].body.command_nam: not a field of Command (the contract lists command_name, command_param) — a typo of command_name?; ${DRIFT}`,
      );
      expect(await admin.scriptState('/v3/sources/s1/command')).toBeUndefined();
    },
  );

  it('nested objects, both versions, several at once; a field far from any listed one gets no guess', () => {
    expect(
      refusal('/v3/sources/s1/command', [
        { body: { command_name: 'START', command_param: { task_id: 't', buckt: 'b', object: 'o' } } },
        { body: { Command_Name: 'STOP', colour: 'red' } },
      ]),
    ).toBe(
      [
        `steps[0].body.command_param.buckt: not a field of CommandParam (the contract lists task_id, bucket) — a typo of bucket?; ${DRIFT}`,
        `steps[0].body.command_param.object: not a field of CommandParam (the contract lists task_id, bucket); ${DRIFT}`,
        `steps[1].body.Command_Name: not a field of Command (the contract lists command_name, command_param) — a typo of command_name?; ${DRIFT}`,
        `steps[1].body.colour: not a field of Command (the contract lists command_name, command_param); ${DRIFT}`,
      ].join('; '),
    );
    expect(refusal('/v1/sms/sources/s1/command', [{ body: { command_name: 'START', commandparam: {} } }])).toBe(
      `steps[0].body.commandparam: not a field of Command (the contract lists command_name, command_param) — a typo of command_param?; ${DRIFT}`,
    );
    // v1's CommandParam is open (additionalProperties: true): any key, as verify sees it.
    expect(refusal('/v1/sms/sources/s1/command', [{ body: { command_param: { bucket: 'b', key1: 'x' } } }])).toBe(
      'accepted',
    );
  });

  it('error bodies are open (additionalProperties: true; the gateway adds fields), so an extra field there is no drift and is sent', () => {
    // error_cod beside error_code: the 403 schema allows more fields, so verify reports nothing and the mock sends it.
    expect(
      refusal('/v3/sources/s1/command', [
        { status: 403, body: { error_code: 'SMS.9004', error_cod: 'x', details: [{ error_code: 'a', more: 1 }] } },
        { status: 429, body: { error_code: 'APIGW.0308', error_msg: 'slow down', request_id: 'r' } },
        { status: 404, body: { error_code: 'SMS.2252', request_id: 'r' } },
      ]),
    ).toBe('accepted');
    expect(refusal('/v3/sources/s1/command_result', [{ status: 400, body: { error_code: 'X', extra: true } }])).toBe(
      'accepted',
    );
  });

  it('"unchecked": true sends the unlisted field anyway', async () => {
    mock.script('/v3/sources/u1/command', [{ unchecked: true, body: { command_nam: 'START' } }]);
    const res = await fetch(`${mock.url}/v3/sources/u1/command`, { headers: { 'X-Auth-Token': 't' } });
    expect([res.status, await res.json()]).toEqual([200, { command_nam: 'START' }]);
  });

  it('exactly where sms-command-verify reports drift: every documented status of ShowCommand, both versions', async () => {
    const bodies: Record<string, unknown> = {
      command: { command_name: 'START', command_nam: 'x', command_param: { task_id: 't', taskid: 'u', object: 'o' } },
      error: { error_code: 'X', error_cod: 'Y', error_param: ['p'], details: [{ error_code: 'a', extra: 1 }] },
      nested: { command_param: [{ task_id: 1 }], 'a.b': { c: 1 } },
    };
    const statuses = [200, 400, 401, 403, 404, 500];
    const versions = [
      { version: 'v3' as const, path: (id: string) => `/v3/sources/${id}/command` },
      { version: 'v1' as const, path: (id: string) => `/v1/sms/sources/${id}/command` },
    ];
    let compared = 0;
    for (const { version, path } of versions) {
      const ids: string[] = [];
      const refused = new Map<string, string[]>();
      for (const status of statuses) {
        for (const [name, body] of Object.entries(bodies)) {
          const id = `${name}-${status}`;
          ids.push(id);
          let violations: string[] = [];
          try {
            mock.script(path(id), [{ status, body } as Step]);
          } catch (error) {
            violations = (error as ScriptError).violations
              .filter((v) => v.rule === 'properties')
              .map((v) => v.field.replace(/^steps\[0\]\.body/, '$'));
          }
          refused.set(id, violations);
          mock.script(path(id), [{ unchecked: true, status, body }]);
        }
      }
      const report = await verifyEndpoint({
        endpoint: mock.url,
        auth: { token: 't' },
        serverIds: ids,
        versions: [version],
      });
      for (const result of report.results) {
        const drift = result.findings.filter((f) => f.kind === 'drift' && f.rule === 'properties').map((f) => f.path);
        expect([version, result.serverId, refused.get(result.serverId)]).toEqual([version, result.serverId, drift]);
        compared += drift.length;
      }
    }
    expect(compared).toBe(14); // on each 200: v3 the command's 3, the error body's 4 and `a.b`; v1 1 (its CommandParam is open), 4 and 1
    mock.reset();
  });
});

describe('a number written as a string is told to lose its quotes', () => {
  it('status, delay_ms and times', () => {
    expect(refusal('/v3/sources/s1/command', [{ status: '200' }])).toBe(
      'steps[0].status: is the string "200": a status is a number, write 200 without quotes (an integer from 100 to 599) (type)',
    );
    expect(refusal('/v3/sources/s1/command', [{ delay_ms: '250', times: ' 2 ' }])).toBe(
      'steps[0].delay_ms: is the string "250": delay_ms is a number of milliseconds, write 250 without quotes (an integer from 0 to 600000) (type); steps[0].times: is the string " 2 ": times is a number, write 2 without quotes (an integer from 1 to 9007199254740991) (type)',
    );
    // Not a number at all, or one out of range: the range, as before.
    expect(refusal('/v3/sources/s1/command', [{ status: 'OK' }, { status: 600 }])).toBe(
      'steps[0].status: must be an integer from 100 to 599 (type); steps[1].status: must be an integer from 100 to 599 (type)',
    );
    // unchecked skips the contract, not the types of the step's own fields.
    expect(refusal('/v3/sources/s1/command', [{ unchecked: true, status: '418' }])).toBe(
      'steps[0].status: is the string "418": a status is a number, write 418 without quotes (an integer from 100 to 599) (type)',
    );
  });
});
