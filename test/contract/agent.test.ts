// A black-box Agent in another language (examples/agent.py: Python's standard library,
// its own AK/SK signing), polling and reporting to the mock that a test steers through the HTTP
// control API only.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { type Mock, startMock } from '../../src/mock.js';
import { HANG_GUARD_MS } from '../support/waits.js';

const AGENT = join(root, 'examples/agent.py');
const CREDS = { ak: 'PYAGENTAK00000000001', sk: 'py-agent-secret-key-000000000000000000001' };
let mock: Mock;
beforeAll(async () => {
  mock = await startMock({ port: 0, auth: { credentials: [CREDS] } });
});
afterAll(() => mock.close());

const put = (id: string, steps: unknown[]) =>
  fetch(`${mock.url}/__mock/v3/sources/${id}/command`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(steps),
  }).then((r) => r.status);
const journal = async (id: string) =>
  (
    (await fetch(`${mock.url}/__mock/requests`).then((r) => r.json())) as {
      requests: Array<{ id?: string; [key: string]: unknown }>;
    }
  ).requests.filter((r) => r.id === id);

async function agent(id: string, sk = CREDS.sk, ...flags: string[]) {
  const result = await promisify(execFile)('python3', [AGENT, mock.url, id, CREDS.ak, sk, '10', ...flags], {
    timeout: HANG_GUARD_MS,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  // Whatever the answer, the Agent says what it saw in a line of its own: never a Python traceback.
  expect(result.stderr).toBe('');
  return {
    code: result.code,
    saw: result.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
  };
}

describe('a Python Agent against the mock, steered over HTTP', () => {
  it('scripted START, START, then TASK_HAS_FINISHED: the Agent acts on each and stops', async () => {
    expect(
      await put('py-1', [
        { body: { command_name: 'START', command_param: { task_id: 't1' } }, times: 2 },
        { body: { command_name: 'TASK_HAS_FINISHED' } },
      ]),
    ).toBe(200);
    const run = await agent('py-1');
    expect(run).toEqual({
      code: 0,
      saw: [
        { status: 200, command: 'START' },
        { status: 200, command: 'START' },
        { status: 200, command: 'TASK_HAS_FINISHED' },
      ],
    });
    const seen = await journal('py-1');
    expect(seen).toHaveLength(3);
    for (const entry of seen)
      expect(entry).toMatchObject({ verdict: 'answered', status: 200, auth: { scheme: 'aksk', ak: CREDS.ak } });
  });

  it('a 503, then recovery: the Agent waits it out', async () => {
    await put('py-2', [{ status: 503 }, { status: 429 }, { body: { command_name: 'TASK_HAS_FINISHED' } }]);
    const run = await agent('py-2');
    expect(run).toEqual({
      code: 0,
      saw: [
        { status: 503, error_code: 'MOCK.0503' },
        { status: 429, error_code: 'APIGW.0308' },
        { status: 200, command: 'TASK_HAS_FINISHED' },
      ],
    });
    expect((await journal('py-2')).map((e) => (e as { step?: { index: number } }).step?.index)).toEqual([0, 1, 2]);
  });

  it('a wrong SK: refused as the gateway refuses it, and the journal says why', async () => {
    await put('py-3', [{ body: { command_name: 'START' } }]);
    const run = await agent('py-3', 'not-the-secret-key-00000000000000000001');
    expect(run).toEqual({
      code: 3,
      saw: [
        {
          status: 401,
          error_code: 'APIGW.0301',
          error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
        },
      ],
    });
    expect(await journal('py-3')).toEqual([
      expect.objectContaining({
        verdict: 'refused',
        // The answer keeps the gateway's words; the journal adds which rule refused it.
        reason:
          "Incorrect IAM authentication information: verify aksk signature fail (rule: the signature is not the one computed over the canonical request in `signing` (diff it against your signer's))",
        auth: { scheme: 'aksk', ak: CREDS.ak },
      }),
    ]);
    // The refused request did not use up the script.
    expect(await fetch(`${mock.url}/__mock/v3/sources/py-3/command`).then((r) => r.json())).toMatchObject({
      served: 0,
    });
  });

  it('the whole loop: START (until reported), the Agent reports success signed over the body, then gets TASK_HAS_FINISHED', async () => {
    expect(
      await put('py-4', [
        { body: { command_name: 'START', command_param: { task_id: 't4' } }, until: 'reported' },
        { body: { command_name: 'TASK_HAS_FINISHED' } },
      ]),
    ).toBe(200);
    const run = await agent('py-4', CREDS.sk, '--report');
    expect(run).toEqual({
      code: 0,
      saw: [
        { status: 200, command: 'START' },
        { status: 200, reported: 'START', answer: 'Reporting command execution results to SMS succeeded' },
        { status: 200, command: 'TASK_HAS_FINISHED' },
      ],
    });
    const seen = await journal('py-4');
    expect(seen.map((e) => [e.method, e.verdict, e.status])).toEqual([
      ['GET', 'answered', 200],
      ['POST', 'answered', 200],
      ['GET', 'answered', 200],
    ]);
    expect(seen[1]).toMatchObject({
      path: '/v3/sources/py-4/command_result',
      auth: { scheme: 'aksk', ak: CREDS.ak },
      report: { command_name: 'START', result: 'success', result_detail: { agent: 'python', ran: 'START' } },
    });
  });

  it('a report of another command than the one served: 400 SMS.2009, and the Agent stops', async () => {
    await put('py-5', [
      { body: { command_name: 'START' }, until: 'reported' },
      { body: { command_name: 'TASK_HAS_FINISHED' } },
    ]);
    const run = await agent('py-5', CREDS.sk, '--report', '--report-as', 'STOP');
    expect(run).toEqual({
      code: 3,
      saw: [
        { status: 200, command: 'START' },
        {
          status: 400,
          reported: 'STOP',
          error_code: 'SMS.2009',
          error_msg: 'The command sent by the client is inconsistent with that on the SMS service',
        },
      ],
    });
    expect((await journal('py-5')).at(-1)).toMatchObject({
      method: 'POST',
      verdict: 'refused',
      status: 400,
      reason: expect.stringContaining('the report is of "STOP", the command last served to v3 "py-5" is "START"'),
    });
    // The step still waits for its report.
    expect(await fetch(`${mock.url}/__mock/v3/sources/py-5/command`).then((r) => r.json())).toMatchObject({
      served: 1,
      remaining: [{ until: 'reported' }, {}],
    });
  });

  it('answers it cannot read (an HTML 503, a null 429, an empty or non-JSON 200, a list): a line saying so, then it goes on', async () => {
    const raw = (status: number, body: string, type = 'application/json') => ({
      status,
      body,
      headers: { 'content-type': type },
      unchecked: true,
    });
    await put('py-6', [
      raw(503, '<html><body>Service Unavailable</body></html>', 'text/html'),
      raw(429, 'null'),
      raw(200, ''),
      raw(200, '<html>login</html>', 'text/html'),
      raw(502, '[]'),
      { body: { command_name: 'TASK_HAS_FINISHED' } },
    ]);
    expect(await agent('py-6')).toEqual({
      code: 0,
      saw: [
        {
          status: 503,
          error_code: null,
          problem: 'the body is not JSON: <html><body>Service Unavailable</body></html>',
        },
        { status: 429, error_code: null, problem: 'the body is JSON null, not an object' },
        { status: 200, error_code: null, problem: 'the body is empty' },
        { status: 200, error_code: null, problem: 'the body is not JSON: <html>login</html>' },
        { status: 502, error_code: null, problem: 'the body is JSON [], not an object' },
        { status: 200, command: 'TASK_HAS_FINISHED' },
      ],
    });
  });

  it('a refusal it cannot read (a 404 in HTML): a line saying so, and it stops', async () => {
    await put('py-7', [
      { status: 404, body: '<h1>Not Found</h1>', headers: { 'content-type': 'text/html' }, unchecked: true },
    ]);
    expect(await agent('py-7')).toEqual({
      code: 3,
      saw: [{ status: 404, error_code: null, error_msg: null, problem: 'the body is not JSON: <h1>Not Found</h1>' }],
    });
  });

  it('--report-as NAME where NAME is also the server id: the server id stays, NAME is reported', async () => {
    await put('STOP', [{ body: { command_name: 'START' }, until: 'reported' }]);
    const run = await agent('STOP', CREDS.sk, '--report', '--report-as', 'STOP');
    expect(run).toMatchObject({
      code: 3,
      saw: [
        { status: 200, command: 'START' },
        { status: 400, reported: 'STOP' },
      ],
    });
    expect((await journal('STOP')).map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/v3/sources/STOP/command', 200],
      ['POST', '/v3/sources/STOP/command_result', 400],
    ]);
  });
});
