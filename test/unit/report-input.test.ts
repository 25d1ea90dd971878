// reportCommandResult, v3 and v1: reports refused before any request (INVALID_INPUT, naming the field
// and the rule), and v1's answers.
import { describe, expect, it } from 'vitest';
import { fakeFetch, ID, REPORT, rejection, reportClientOn, TOKEN } from '../support/report-client.js';
import * as v1 from '../../src/v1.js';
import { reportCommandResult, V3_REPORT, type CommandResult } from '../../src/v3.js';

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
