// The mock as a test double for migration Agents: scripts, by library and over HTTP, checked against the contract.
import { describe, expect, it } from 'vitest';
import { ScriptError } from '../../src/mock.js';
import * as v1 from '../../src/v1.js';
import { showCommand, SmsApiError } from '../../src/v3.js';
import { rejection } from '../support/answers.js';
import { v3 as v3Spec } from '../support/specs.js';
import { skipThen404State } from '../support/steps-mock.js';
import { TOKEN, useAgentMock } from '../support/agent-mock.js';

const { mock, tokenClient, names, control } = useAgentMock();

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
    expect(put).toEqual({ status: 200, body: skipThen404State('/v3/sources/h1/command') });
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
