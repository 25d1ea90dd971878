// verifyEndpoint against local servers that conform and ones that drift, and against the mock with the demo credentials.
// (The bin: test/package/verify-bin.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, type Mock, startMock } from '../../src/mock.js';
import { formatReport, verifyEndpoint } from '../../src/verify.js';
import { freePort } from '../support/ports.js';
import { TOKEN, useVerifyServer } from '../support/verify-server.js';

const { server, verify } = useVerifyServer();

describe('verifyEndpoint against local servers', () => {
  it('conforming answers (nothing is required by the pages, so a lone command_name conforms): exit 0', async () => {
    const report = await verify(['conforms', 'only-name']);
    expect(report.results.map((r) => [r.serverId, r.status, r.outcome, r.findings])).toEqual([
      ['conforms', 200, 'conforms', []],
      ['only-name', 200, 'conforms', []],
    ]);
    expect(report).toMatchObject({
      endpoint: server.url,
      exitCode: 0,
      summary: { conforms: 2, drift: 0, violations: 0, unchecked: 0 },
      specVersions: { v1: '1.1.0', v3: '3.1.0' },
    });
  });

  it.each([
    [
      'new-command',
      'drift',
      [
        {
          kind: 'drift',
          path: '$.command_name',
          rule: 'enum',
          message:
            '"REBOOT" is not a documented value ("START", "STOP", "SKIP", "PREMIGRATE", "TASK_NOT_STARTED", "TASK_HAS_STOPPED", "TASK_HAS_FINISHED", "DELETE", "SYNC")',
        },
      ],
    ],
    [
      'extra-field',
      'drift',
      [
        { kind: 'drift', path: '$.priority', rule: 'properties', message: 'the field "priority" is not in the spec' },
        {
          kind: 'drift',
          path: '$.command_param.deadline',
          rule: 'properties',
          message: 'the field "deadline" is not in the spec',
        },
      ],
    ],
    [
      'wrong-type',
      'violations',
      [{ kind: 'violation', path: '$.command_param.task_id', rule: 'type string', message: 'number, expected string' }],
    ],
    [
      'long-error',
      'drift',
      [
        {
          kind: 'drift',
          path: '$.error_msg',
          rule: 'maxLength 1024',
          message: '1025 characters, over the documented 1024',
        },
      ],
    ],
    [
      'html-502',
      'drift',
      [
        {
          kind: 'drift',
          path: '$',
          rule: 'status',
          message: '502 is not a documented status (200, 400, 401, 403, 404, 500)',
        },
      ],
    ],
    [
      'html-200',
      'violations',
      [
        {
          kind: 'violation',
          path: 'headers.content-type',
          rule: 'content',
          message: '"text/html", expected application/json',
        },
        // The client's reading of a 2xx body (client/answer.ts parseBody): the parser's words, a redacted excerpt.
        {
          kind: 'violation',
          path: '$',
          rule: 'content',
          message: expect.stringMatching(/^the body is not valid JSON \(.+\); it starts: "<html>login<\/html>"$/),
        },
      ],
    ],
  ])('%s: %s, each finding with its JSON path and rule; exit 1', async (id, outcome, findings) => {
    const report = await verify([id]);
    expect(report.results[0]).toMatchObject({ serverId: id, outcome, findings });
    expect(report.exitCode).toBe(1);
  });

  it('a redirect is an undocumented status, never followed', async () => {
    const report = await verify(['redirect']);
    expect(report.results[0]).toMatchObject({
      status: 302,
      outcome: 'drift',
      findings: [
        {
          kind: 'drift',
          rule: 'status',
          message: expect.stringMatching(
            /^302 is not a documented status: HTTP 302 redirect to another origin, https:\/\/elsewhere\.example/,
          ),
        },
      ],
    });
  });

  it('a hang, a refused credential, a closed port: could not check, exit 2', async () => {
    const report = await verify(['hang', 'refused']);
    expect(report.results.map((r) => [r.outcome, r.reason])).toEqual([
      ['unchecked', "TIMEOUT: no answer within 300 ms (the client's timeoutMs)"],
      [
        'unchecked',
        'the service refused the credentials: HTTP 401 APIGW.0301: Incorrect IAM authentication information: verify aksk signature fail (request id rid-1)',
      ],
    ]);
    expect(report.exitCode).toBe(2);
    const closed = await verifyEndpoint({
      endpoint: `http://127.0.0.1:${await freePort()}`,
      serverIds: ['a'],
      versions: ['v1'],
    });
    expect(closed.results[0]).toMatchObject({
      outcome: 'unchecked',
      reason: 'NETWORK: the request failed: fetch failed (ECONNREFUSED)',
    });
    expect(closed.exitCode).toBe(2);
  });

  it('the report never holds the token, even when the server echoes it into a finding', async () => {
    const report = await verify(['echo-token', 'refused']);
    expect(report.results[0]!.findings[0]).toMatchObject({
      path: '$.command_name',
      rule: 'enum',
      message: expect.stringContaining('[REDACTED]'),
    });
    for (const text of [JSON.stringify(report), formatReport(report)]) expect(text).not.toContain(TOKEN);
  });

  it('the human report: one block per server, findings, summary and exit code', async () => {
    const text = formatReport(await verify(['conforms', 'new-command', 'hang']));
    expect(text.split('\n')).toEqual([
      `sms-command-verify: ${server.url} against the bundled contract (v1 1.1.0, v3 3.1.0)`,
      '',
      'v3 conforms: HTTP 200, conforms (request id rid-1)',
      'v3 new-command: HTTP 200, DRIFT (request id rid-1)',
      '  drift     $.command_name  [enum]  "REBOOT" is not a documented value ("START", "STOP", "SKIP", "PREMIGRATE", "TASK_NOT_STARTED", "TASK_HAS_STOPPED", "TASK_HAS_FINISHED", "DELETE", "SYNC")',
      'v3 hang: COULD NOT CHECK',
      "  TIMEOUT: no answer within 300 ms (the client's timeoutMs)",
      '',
      '1 conform, 1 drift, 0 with violations, 1 could not be checked: exit 2',
    ]);
  });
});

describe('verifyEndpoint against the mock', () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMock({ port: 0 });
  });
  afterAll(() => mock.close());

  it('the library with the demo AK/SK: both versions conform', async () => {
    const report = await verifyEndpoint({
      endpoint: mock.url,
      auth: DEMO_CREDENTIALS,
      serverIds: ['f32ab4d6-d150-4fb3-aa55-edbb5cf9947f'],
    });
    expect(report.results.map((r) => [r.version, r.outcome])).toEqual([
      ['v1', 'conforms'],
      ['v3', 'conforms'],
    ]);
    expect(report.exitCode).toBe(0);
  });

  it("checks ShowCommand only: every request is a GET of …/command, never a report (it would write into a real task's record)", async () => {
    mock.clearRequests();
    await verifyEndpoint({ endpoint: mock.url, auth: DEMO_CREDENTIALS, serverIds: ['a', 'b'] });
    const requests = await mock.requests();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/sms/sources/a/command',
      'GET /v1/sms/sources/b/command',
      'GET /v3/sources/a/command',
      'GET /v3/sources/b/command',
    ]);
    expect(requests.filter((r) => r.report !== undefined)).toEqual([]);
  });
});
