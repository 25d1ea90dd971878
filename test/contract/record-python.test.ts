// The record → replay loop with the Python Agent (examples/agent.py, its own AK/SK
// signing): recorded through a recording mock whose upstream credentials come from the environment
// variables Huawei's SDKs read, replayed in a fresh mock; the Agent sees the same answers in the same
// order, and the upstream saw only its own credentials.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { type Mock, startMock } from '../../src/mock.js';
import { readScenario } from '../../src/mock/scripts/scenario.js';
import { COMMAND_PATH, SERVER, UPSTREAM_CREDS, UPSTREAM_SCRIPT } from '../support/record-loop.js';

const AGENT = join(root, 'examples/agent.py');
const AGENT_CREDS = { ak: 'PYAGENTAK00000000001', sk: 'py-agent-secret-key-000000000000000000001' };
const scratch = await mkdtemp(join(tmpdir(), 'sms-record-python-'));
const started: Mock[] = [];
afterAll(async () => {
  await Promise.all(started.map((mock) => mock.close()));
  await rm(scratch, { recursive: true, force: true });
});

async function agent(url: string) {
  const args = [AGENT, url, SERVER, AGENT_CREDS.ak, AGENT_CREDS.sk, '12', '--report'];
  const { code, stdout } = await promisify(execFile)('python3', args, { timeout: 30_000 }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
  return {
    code,
    saw: stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as unknown),
  };
}

describe('record and replay a Python Agent signing with AK/SK', () => {
  it('the same answers in the same order; the upstream signed for with the HUAWEICLOUD_SDK_* variables', async () => {
    const upstream = await startMock({
      port: 0,
      auth: { credentials: [UPSTREAM_CREDS] },
      scripts: { [COMMAND_PATH]: [...UPSTREAM_SCRIPT] as never },
    });
    started.push(upstream);
    const to = join(scratch, 'python.json');
    const env = { ...process.env };
    let recorder: Mock;
    try {
      process.env.HUAWEICLOUD_SDK_AK = UPSTREAM_CREDS.ak;
      process.env.HUAWEICLOUD_SDK_SK = UPSTREAM_CREDS.sk;
      process.env.HUAWEICLOUD_SDK_DOMAIN_ID = 'domain-0001';
      delete process.env.SMS_UPSTREAM_TOKEN;
      recorder = await startMock({
        port: 0,
        auth: { credentials: [AGENT_CREDS] },
        record: { upstream: upstream.url, to },
      });
    } finally {
      process.env = env;
    }
    started.push(recorder);
    const recorded = await agent(recorder.url);
    // The loop: faults waited out, two STARTs and a SYNC reported, then the undocumented 418 ends it.
    expect(recorded).toEqual({
      code: 3,
      saw: [
        { status: 503, error_code: 'MOCK.0503' },
        { status: 429, error_code: 'APIGW.0308' },
        { status: 200, command: 'START' },
        { status: 200, reported: 'START', answer: 'Reporting command execution results to SMS succeeded' },
        { status: 200, command: 'START' },
        { status: 200, reported: 'START', answer: 'Reporting command execution results to SMS succeeded' },
        { status: 200, command: 'SYNC' },
        { status: 200, reported: 'SYNC', answer: 'Reporting command execution results to SMS succeeded' },
        { status: 418, error_code: 'SMS.9999', error_msg: 'undocumented' },
      ],
    });
    for (const entry of upstream.journal().requests)
      expect(entry.auth).toEqual({ scheme: 'aksk', ak: UPSTREAM_CREDS.ak });
    const text = await readFile(to, 'utf8');
    for (const secret of [UPSTREAM_CREDS.sk, AGENT_CREDS.sk, AGENT_CREDS.ak, UPSTREAM_CREDS.ak, 'domain-0001'])
      expect(text).not.toContain(secret);

    const replay = await startMock({
      port: 0,
      auth: { credentials: [AGENT_CREDS] },
      scripts: readScenario(to).scripts,
    });
    started.push(replay);
    expect(await agent(replay.url)).toEqual(recorded);
    const statuses = (mock: Mock) => mock.journal().requests.map((e) => `${e.method} ${e.status}`);
    expect(statuses(replay)).toEqual(statuses(recorder));
  });
});
