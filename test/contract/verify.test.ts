// verifyEndpoint: local servers that conform and ones that drift, and the mock with the demo
// credentials. (The bin: test/package/verify-bin.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, type Mock, startMock } from '../../src/mock.js';
import { formatReport, verifyEndpoint } from '../../src/verify.js';
import { freePort } from '../support/ports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const TOKEN = 'verify-test-token-0123456789';
/** A screen clear, a window title, a carriage return and a right-to-left override. */
const TERMINAL = '\u001b[2J\u001b]0;pwned\u0007\rok\u202e';
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (_req: unknown, res: import('node:http').ServerResponse) =>
    res
      .writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'rid-1', ...headers })
      .end(typeof body === 'string' ? body : JSON.stringify(body));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    conforms: json(200, { command_name: 'START', command_param: { task_id: 't1' } }),
    'only-name': json(200, { command_name: 'TASK_HAS_FINISHED' }),
    'new-command': json(200, { command_name: 'REBOOT', command_param: { task_id: 't1' } }),
    'extra-field': json(200, {
      command_name: 'START',
      priority: 'high',
      command_param: { task_id: 't1', deadline: 'soon' },
    }),
    'wrong-type': json(200, { command_name: 'START', command_param: { task_id: 42 } }),
    'long-error': json(404, { error_code: 'SMS.2252', error_msg: 'x'.repeat(1025) }),
    'html-502': (_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>'),
    'html-200': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'),
    redirect: (_req, res) => res.writeHead(302, { location: 'https://elsewhere.example/x' }).end(),
    refused: json(401, {
      error_code: 'APIGW.0301',
      error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
    }),
    'echo-token': (req, res) => json(200, { command_name: String(req.headers['x-auth-token']) })(req, res),
    'token-as-field': (req, res) =>
      json(200, {
        command_name: 'START',
        [String(req.headers['x-auth-token'])]: 1,
        command_param: { [`k-${String(req.headers['x-auth-token'])}`]: 'v' },
      })(req, res),
    'prototype-names': json(
      200,
      '{"command_name":"START","constructor":{},"toString":"x","__proto__":{"polluted":true},"command_param":{"hasOwnProperty":"y","valueOf":"z","__proto__":1}}',
    ),
    'no-task': json(404, { error_code: 'SMS.2252', error_msg: 'The source server has no migration task.' }),
    'emoji-error': json(404, { error_code: 'SMS.2252', error_msg: '😀'.repeat(1025) }),
    'terminal-text': json(200, { command_name: `REBOOT${TERMINAL}`, [`field${TERMINAL}`]: 1 }),
  });
});
afterAll(() => server.close());

const verify = (ids: string[], extra: Partial<Parameters<typeof verifyEndpoint>[0]> = {}) =>
  verifyEndpoint({
    endpoint: server.url,
    auth: { token: TOKEN },
    serverIds: ids,
    versions: ['v3'],
    timeoutMs: 300,
    ...extra,
  });

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

describe('hostile: verify', () => {
  it("a 200 body with the token as a field name: redacted in the finding's path as in its message, in the report and in --json", async () => {
    const report = await verify(['token-as-field']);
    expect(report.results[0]!.findings).toEqual([
      { kind: 'drift', path: '$.[REDACTED]', rule: 'properties', message: 'the field "[REDACTED]" is not in the spec' },
      {
        kind: 'drift',
        path: '$.command_param.k-[REDACTED]',
        rule: 'properties',
        message: 'the field "k-[REDACTED]" is not in the spec',
      },
    ]);
    for (const text of [JSON.stringify(report), formatReport(report)]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(TOKEN.slice(4, 12));
    }
  });

  it('fields named constructor, toString, __proto__, hasOwnProperty, valueOf are not in the spec: drift, not "conforms"', async () => {
    const report = await verify(['prototype-names']);
    expect(report.results[0]).toMatchObject({ outcome: 'drift' });
    expect(report.results[0]!.findings.map((f) => [f.path, f.rule, f.message])).toEqual([
      ['$.constructor', 'properties', 'the field "constructor" is not in the spec'],
      ['$.toString', 'properties', 'the field "toString" is not in the spec'],
      ['$.__proto__', 'properties', 'the field "__proto__" is not in the spec'],
      ['$.command_param.hasOwnProperty', 'properties', 'the field "hasOwnProperty" is not in the spec'],
      ['$.command_param.valueOf', 'properties', 'the field "valueOf" is not in the spec'],
      ['$.command_param.__proto__', 'properties', 'the field "__proto__" is not in the spec'],
    ]);
    expect(report.exitCode).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('every server answered a documented 404: no command was checked, so not green: exit 3 and a line that says so', async () => {
    const report = await verify(['no-task', 'no-task']);
    expect(report.results.map((r) => [r.status, r.outcome])).toEqual([
      [404, 'conforms'],
      [404, 'conforms'],
    ]);
    expect(report).toMatchObject({
      commandsChecked: 0,
      exitCode: 3,
      summary: { conforms: 2, drift: 0, violations: 0, unchecked: 0 },
    });
    expect(formatReport(report).split('\n').slice(-2)).toEqual([
      'no command was checked: the service answered 404, which says the server has no migration task: give --server-id of a server with a migration task',
      '2 conform, 0 drift, 0 with violations, 0 could not be checked: exit 3',
    ]);
  });

  it('one command checked makes a conforming run green again; drift and could-not-check keep their codes', async () => {
    expect(await verify(['no-task', 'conforms'])).toMatchObject({ commandsChecked: 1, exitCode: 0 });
    expect(await verify(['no-task', 'new-command'])).toMatchObject({ commandsChecked: 1, exitCode: 1 });
    expect(await verify(['no-task', 'long-error'])).toMatchObject({ commandsChecked: 0, exitCode: 1 });
    expect(await verify(['no-task', 'hang'])).toMatchObject({ commandsChecked: 0, exitCode: 2 });
  });

  it('a value over a documented maxLength is counted in code points, as the rule is: 1025 emoji are 1025 characters, not 2050', async () => {
    const report = await verify(['emoji-error']);
    expect(report.results[0]!.findings).toEqual([
      {
        kind: 'drift',
        path: '$.error_msg',
        rule: 'maxLength 1024',
        message: '1025 characters, over the documented 1024',
      },
    ]);
  });

  it('an endpoint with credentials is refused, naming no password', async () => {
    const endpoint = server.url.replace('http://', 'http://agent:hunter2-password@');
    const error = await verifyEndpoint({
      endpoint,
      auth: { token: TOKEN },
      serverIds: ['conforms'],
      versions: ['v3'],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'endpoint must not carry credentials (user:password@ before the host); give them as auth, which is never printed',
    });
    expect(JSON.stringify(error) + String(error)).not.toContain('hunter2');
    expect(server.requests.some((r) => r.headers.authorization !== undefined)).toBe(false);
  });

  it('server text that drives the terminal (in a value, a field name) and a hostile server id are escaped in the text report', async () => {
    const report = await verify(['terminal-text']);
    report.results.push({ ...report.results[0]!, serverId: `id${TERMINAL}` });
    const text = formatReport(report);
    for (const line of text.split('\n')) expect(line).not.toMatch(UNPRINTABLE);
    expect(text).toContain('drift     $.field\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{d}ok\\u{202e}  [properties]');
    expect(text).toContain('v3 id\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{d}ok\\u{202e}: HTTP 200, DRIFT');
    expect(report.results[0]!.findings[0]!.message).toContain('\u202e'); // the report object keeps what was received
  });
});
