// The sms-command-verify bin against the mock: a token and AK/SK from the environment, a scripted
// drift, --json, usage errors, and no secret in anything it prints.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { STRAY_ARGUMENT } from '../../src/cli-args.js';
import { DEMO_CREDENTIALS, type Mock, startMock } from '../../src/mock.js';
import { runVerify } from '../support/verify-bin.js';

const TOKEN = 'verify-test-token-0123456789';
const HINT = '\nRun sms-command-verify --help for the options.\n';

describe('sms-command-verify against the mock', () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMock({ port: 0 });
  });
  afterAll(() => mock.close());
  const run = runVerify;

  it('--version alone prints the package version; --version v3 still picks the API version; a bad number names the option and --help', async () => {
    const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await run(['--version'], {})).toMatchObject({ code: 0, stdout: `${version}\n` });
    // Among other options a bare --version is a missing API version, not a request for the package's.
    expect(await run(['--server-id', 'a', '--version'], {})).toEqual({
      code: 2,
      stdout: '',
      stderr: `sms-command-verify: --version without v1 or v3: alone it prints this package's version; with other options it picks an API version (--version v3)${HINT}`,
    });
    const bad = await run(['--endpoint', mock.url, '--server-id', 'a', '--timeout-ms', 'abc'], {});
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe(
      'sms-command-verify: --timeout-ms "abc" is not a whole number from 1 to 2147483647\nRun sms-command-verify --help for the options.\n',
    );
  });

  it('the bin with a token and with AK/SK from the environment: exit 0; a scripted drift: exit 1, --json', async () => {
    const token = await run(['--endpoint', mock.url, '--server-id', 'a', '--server-id', 'b'], { SMS_TOKEN: TOKEN });
    expect(token.code).toBe(0);
    expect(token.stdout).toContain('4 conform, 0 drift, 0 with violations, 0 could not be checked: exit 0');
    const aksk = await run(['--endpoint', mock.url, '--server-id', 'a', '--version', 'v3'], {
      CLOUD_SDK_AK: DEMO_CREDENTIALS.ak,
      CLOUD_SDK_SK: DEMO_CREDENTIALS.sk,
    });
    expect(aksk.code).toBe(0);
    await expect(mock.waitForRequest((r) => r.auth.ak === DEMO_CREDENTIALS.ak)).resolves.toMatchObject({
      verdict: 'answered',
    });
    mock.script('/v3/sources/drifting/command', [{ body: { command_name: 'REBOOT' }, unchecked: true }]);
    const drift = await run(['--endpoint', mock.url, '--server-id', 'drifting', '--version', 'v3', '--json'], {
      SMS_TOKEN: TOKEN,
    });
    expect(drift.code).toBe(1);
    expect(JSON.parse(drift.stdout)).toMatchObject({
      exitCode: 1,
      results: [{ outcome: 'drift', findings: [{ path: '$.command_name', rule: 'enum' }] }],
    });
    for (const out of [token, aksk, drift])
      for (const secret of [TOKEN, DEMO_CREDENTIALS.sk]) expect(out.stdout + out.stderr).not.toContain(secret);
  });

  describe('hostile: verify bin', () => {
    const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;
    const TERMINAL = '\u001b[2J\u001b]0;pwned\u0007\rok\u202e';

    it('--endpoint with user:password@ is refused (exit 2), the password printed nowhere, nothing sent', async () => {
      const before = (await mock.requests()).length;
      const out = await run(
        ['--endpoint', mock.url.replace('http://', 'http://agent:hunter2-password@'), '--server-id', 'a'],
        { SMS_TOKEN: TOKEN },
      );
      expect(out).toMatchObject({
        code: 2,
        stderr:
          'sms-command-verify: INVALID_INPUT: endpoint must not carry credentials (user:password@ before the host); give them as auth, which is never printed\n',
      });
      expect(out.stdout + out.stderr).not.toContain('hunter2');
      expect((await mock.requests()).length).toBe(before);
    });

    it('every server answers a documented 404: exit 3, "no command was checked", in text and --json', async () => {
      mock.script('/v3/sources/no-task/command', [{ status: 404 }]);
      const text = await run(['--endpoint', mock.url, '--server-id', 'no-task', '--version', 'v3'], {
        SMS_TOKEN: TOKEN,
      });
      expect(text.code).toBe(3);
      expect(text.stdout).toContain('no command was checked: the service answered 404');
      expect(text.stdout).toContain('1 conform, 0 drift, 0 with violations, 0 could not be checked: exit 3');
      const json = await run(['--endpoint', mock.url, '--server-id', 'no-task', '--version', 'v3', '--json'], {
        SMS_TOKEN: TOKEN,
      });
      expect(json.code).toBe(3);
      expect(JSON.parse(json.stdout)).toMatchObject({
        commandsChecked: 0,
        exitCode: 3,
        results: [{ status: 404, outcome: 'conforms', commandChecked: false }],
      });
    });

    it('a 200 whose field names hold the token and terminal escapes: neither the token nor a control character is printed, text or --json', async () => {
      const body = { command_name: `START${TERMINAL}`, [TOKEN]: 1, [`f${TERMINAL}`]: 2 };
      mock.script('/v3/sources/hostile/command', [{ body, unchecked: true }]);
      const args = [
        '--endpoint',
        mock.url,
        '--server-id',
        'hostile',
        '--server-id',
        `id${TERMINAL}`,
        '--version',
        'v3',
      ];
      const text = await run(args, { SMS_TOKEN: TOKEN });
      const json = await run([...args, '--json'], { SMS_TOKEN: TOKEN });
      for (const out of [text, json]) {
        expect(out.code).toBe(1);
        expect(out.stdout + out.stderr).not.toContain(TOKEN);
        for (const line of (out.stdout + out.stderr).split('\n')) expect(line).not.toMatch(UNPRINTABLE);
      }
      expect(text.stdout).toContain('$.[REDACTED]  [properties]');
      expect(text.stdout).toContain('v3 id\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{d}ok\\u{202e}: ');
      const report = JSON.parse(json.stdout) as {
        results: Array<{ serverId: string; findings: Array<{ path: string }> }>;
      };
      expect(report.results[1]!.serverId).toBe(`id${TERMINAL}`); // --json keeps the exact strings, as JSON escapes
      expect(report.results[0]!.findings.map((f) => f.path)).toEqual(
        expect.arrayContaining(['$.[REDACTED]', `$.f${TERMINAL}`]),
      );
    });
  });

  it('usage errors exit 2 with one line naming the mistake and pointing to --help; no credentials is said, then the 401 reported', async () => {
    const usage = async (args: string[], env: Record<string, string>, message: string) =>
      expect(await run(args, env)).toEqual({ code: 2, stdout: '', stderr: `sms-command-verify: ${message}${HINT}` });
    await usage(['--endpoint', mock.url], {}, 'give at least one --server-id ID (a source server to ask about)');
    await usage(
      ['--server-id', 'a'],
      {},
      'give --endpoint URL or --region R (cn-north-4, ap-southeast-3, my-kualalumpur-1, ru-moscow-1)',
    );
    await usage(['--prot', '1'], {}, "Unknown option '--prot'");
    await usage(['--server-id', 'a', 'b-maybe-a-secret'], {}, STRAY_ARGUMENT);
    await usage(['--endpoint'], {}, "Option '--endpoint <value>' argument missing");
    await usage(
      ['--region', 'mars', '--server-id', 'a'],
      {},
      '--region "mars" is not a documented region: cn-north-4, ap-southeast-3, my-kualalumpur-1, ru-moscow-1; or give --endpoint URL',
    );
    await usage(
      ['--endpoint', mock.url, '--server-id', 'a', '--version', 'v2'],
      {},
      '--version "v2": the API versions are v1 and v3',
    );
    await usage(
      ['--endpoint', mock.url, '--server-id', 'a', '--token-file', '/nonexistent/token'],
      {},
      '--token-file /nonexistent/token: cannot read it (ENOENT)',
    );
    await usage(
      ['--endpoint', mock.url, '--server-id', 'a', '--token-file', '/dev/null'],
      {},
      '--token-file /dev/null is a character device, not a regular file: give the path of a file',
    );
    const none = await run(['--endpoint', mock.url, '--server-id', 'a', '--version', 'v3'], {});
    expect(none).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no credentials'),
      stdout: expect.stringContaining('COULD NOT CHECK'),
    });
  });
  it('options that contradict each other exit 2 naming both; nothing is sent', async () => {
    const before = (await mock.requests()).length;
    const usage = async (args: string[], env: Record<string, string>, message: string) =>
      expect(await run(args, env)).toEqual({ code: 2, stdout: '', stderr: `sms-command-verify: ${message}${HINT}` });
    const aksk = { CLOUD_SDK_AK: DEMO_CREDENTIALS.ak, CLOUD_SDK_SK: DEMO_CREDENTIALS.sk };
    await usage(
      ['--endpoint', mock.url, '--region', 'cn-north-4', '--server-id', 'a'],
      {},
      '--endpoint and --region contradict each other: each names the service to ask, and only one can; drop one of them',
    );
    await usage(
      ['--endpoint', mock.url, '--endpoint', 'http://127.0.0.1:1', '--server-id', 'a'],
      {},
      `--endpoint ${JSON.stringify(mock.url)}, then "http://127.0.0.1:1": only one can count; give --endpoint once`,
    );
    await usage(
      ['--endpoint', mock.url, '--server-id', 'a', '--timeout-ms', '1000', '--timeout-ms', '2000'],
      {},
      '--timeout-ms "1000", then "2000": only one can count; give --timeout-ms once',
    );
    await usage(
      ['--endpoint', mock.url, '--server-id', 'a', '--domain-id', 'd1', '--token-file', join(root, 'package.json')],
      aksk,
      '--domain-id and --token-file contradict each other: --domain-id goes with AK/SK signing, and a token is sent instead; drop one of them',
    );
    await usage(
      ['--endpoint', mock.url, '--server-id', 'a', '--domain-id', 'd1'],
      { ...aksk, SMS_TOKEN: TOKEN },
      '--domain-id goes with AK/SK signing, but SMS_TOKEN is set and a token wins: unset SMS_TOKEN, or drop --domain-id',
    );
    await usage(
      ['--endpoint', mock.url, '--server-id', 'a', '--domain-id', 'd1'],
      {},
      '--domain-id goes with AK/SK signing: set CLOUD_SDK_AK and CLOUD_SDK_SK, or drop --domain-id',
    );
    expect((await mock.requests()).length).toBe(before);
    // --domain-id with AK/SK: accepted, and the same version or server twice is asked once.
    const ok = await run(
      [
        '--endpoint',
        mock.url,
        '--server-id',
        'a',
        '--server-id',
        'a',
        '--version',
        'v3',
        '--version',
        'v3',
        '--domain-id',
        'd1',
      ],
      aksk,
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('1 conform, 0 drift, 0 with violations, 0 could not be checked: exit 0');
  });
});
