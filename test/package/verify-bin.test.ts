// The sms-command-verify bin against the mock: a token and AK/SK from the environment, a scripted
// drift, --json, usage errors, and no secret in anything it prints.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { DEMO_CREDENTIALS, type Mock, startMock } from '../../src/mock.js';

const TOKEN = 'verify-test-token-0123456789';

describe('sms-command-verify against the mock', () => {
  let mock: Mock;
  beforeAll(async () => { mock = await startMock({ port: 0 }); });
  afterAll(() => mock.close());
  const BIN = join(root, 'dist/src/verify/cli.js');
  const run = (args: string[], env: Record<string, string>) =>
    promisify(execFile)(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('the bin with a token and with AK/SK from the environment: exit 0; a scripted drift: exit 1, --json', async () => {
    const token = await run(['--endpoint', mock.url, '--server-id', 'a', '--server-id', 'b'], { SMS_TOKEN: TOKEN });
    expect(token.code).toBe(0);
    expect(token.stdout).toContain('4 conform, 0 drift, 0 with violations, 0 could not be checked: exit 0');
    const aksk = await run(['--endpoint', mock.url, '--server-id', 'a', '--version', 'v3'], { CLOUD_SDK_AK: DEMO_CREDENTIALS.ak, CLOUD_SDK_SK: DEMO_CREDENTIALS.sk });
    expect(aksk.code).toBe(0);
    await expect(mock.waitForRequest((r) => r.auth.ak === DEMO_CREDENTIALS.ak)).resolves.toMatchObject({ verdict: 'answered' });
    mock.script('/v3/sources/drifting/command', [{ body: { command_name: 'REBOOT' }, unchecked: true }]);
    const drift = await run(['--endpoint', mock.url, '--server-id', 'drifting', '--version', 'v3', '--json'], { SMS_TOKEN: TOKEN });
    expect(drift.code).toBe(1);
    expect(JSON.parse(drift.stdout)).toMatchObject({ exitCode: 1, results: [{ outcome: 'drift', findings: [{ path: '$.command_name', rule: 'enum' }] }] });
    for (const out of [token, aksk, drift]) for (const secret of [TOKEN, DEMO_CREDENTIALS.sk]) expect(out.stdout + out.stderr).not.toContain(secret);
  });

  it('usage errors exit 2 and say what is missing; no credentials is said, then the 401 reported', async () => {
    expect(await run(['--endpoint', mock.url], {})).toMatchObject({ code: 2, stderr: expect.stringMatching(/^give at least one --server-id/) });
    expect(await run(['--server-id', 'a'], {})).toMatchObject({ code: 2, stderr: expect.stringMatching(/^give --endpoint or --region/) });
    const none = await run(['--endpoint', mock.url, '--server-id', 'a', '--version', 'v3'], {});
    expect(none).toMatchObject({ code: 2, stderr: expect.stringContaining('no credentials'), stdout: expect.stringContaining('COULD NOT CHECK') });
  });
});
