// The sms-command-mock bin's command line: options that reach the mock, mistakes that exit 2 naming
// the option (and --help), options that contradict each other, and never an SK printed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { STRAY_ARGUMENT } from '../../src/cli-args.js';
import { signRequest } from '../../src/index.js';
import { mockBinFile } from '../support/mock-bin.js';
import { rawRequest } from '../support/raw-http.js';
import { HANG_GUARD_MS } from '../support/waits.js';

const { bin } = await mockBinFile('sms-mock-bin-options-');

describe('sms-command-mock', () => {
  it('--allow-host, --control-origin, --no-lockout and --no-report-check reach the mock', async () => {
    const run = bin([
      '--allow-host',
      'mock.test',
      '--control-origin',
      'http://dashboard.test',
      '--no-lockout',
      '--no-report-check',
      '--credential',
      'BINAK00000000000001:bin-secret-key-000000000000000000000001',
    ]);
    const base = await run.url();
    const port = Number(new URL(base).port);
    expect((await rawRequest(port, 'GET', '/__mock/requests', { Host: `mock.test:${port}` })).status).toBe(200);
    expect((await rawRequest(port, 'GET', '/__mock/requests', { Host: `other.test:${port}` })).status).toBe(403);
    const cors = await rawRequest(port, 'GET', '/__mock/requests', { Origin: 'http://dashboard.test' });
    expect(cors.headers['access-control-allow-origin']).toBe('http://dashboard.test');
    // Seven wrong signatures in a row: never the lock.
    const url = `${base}/v3/sources/a/command`;
    const wrong = { ak: 'BINAK00000000000001', sk: 'not-the-secret-key-00000000000000000001' };
    const messages = new Set<string>();
    for (let i = 0; i < 7; i++)
      messages.add(
        (await rawRequest(port, 'GET', '/v3/sources/a/command', await signRequest({ method: 'GET', url }, wrong))).json
          .error_msg,
      );
    expect([...messages]).toEqual(['Incorrect IAM authentication information: verify aksk signature fail']);
    // A report of a command never served: accepted, not SMS.2009.
    const report = await rawRequest(
      port,
      'POST',
      '/v3/sources/r1/command_result',
      { 'X-Auth-Token': 't', 'Content-Type': 'application/json' },
      HANG_GUARD_MS,
      '{"command_name":"STOP","result":"success","result_detail":{}}',
    );
    expect(report.status).toBe(200);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('a mistake on the command line exits 2 naming the option and pointing to --help; --version prints the version', async () => {
    const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    const say = async (args: string[]) => {
      const run = bin(args);
      return { code: await run.exited, output: run.output() };
    };
    expect(await say(['--version'])).toEqual({ code: 0, output: `${version}\n` });
    const hint = '\nRun sms-command-mock --help for the options.\n';
    expect(await say(['--prot', '4010'])).toEqual({
      code: 2,
      output: expect.stringMatching(
        /^sms-command-mock: Unknown option '--prot'\.?: did you mean --port\?\nRun sms-command-mock --help for the options\.\n$/,
      ),
    });
    // One dash for two, and a name too far from any: only a near one is suggested.
    expect((await say(['-port', '4010'])).output).toContain(`: did you mean --port?${hint}`);
    expect((await say(['--frobnicate'])).output).toBe(`sms-command-mock: Unknown option '--frobnicate'${hint}`);
    expect(await say(['--journal-limit', 'abc'])).toEqual({
      code: 2,
      output: `sms-command-mock: --journal-limit "abc" is not a whole number from 1 to 10000000${hint}`,
    });
    expect(await say(['--seed', '1'])).toEqual({
      code: 2,
      output: `sms-command-mock: --seed only matters with --dynamic: add --dynamic, or drop --seed${hint}`,
    });
    expect(await say(['--port', '-1'])).toEqual({
      code: 2,
      output: `sms-command-mock: Option '--port' argument is ambiguous. Did you forget to specify the option argument for '--port'? To specify an option argument starting with a dash use '--port=-XYZ'.${hint}`,
    });
    expect(await say(['--port', '70000'])).toEqual({
      code: 2,
      output: `sms-command-mock: --port "70000" is not a whole number from 0 to 65535${hint}`,
    });
    expect(await say(['--credential', 'AK-without-a-secret'])).toEqual({
      code: 2,
      output: `sms-command-mock: --credential takes AK:SK${hint}`,
    });
    // A space for the colon: the SK is a stray argument, which is never quoted back.
    const stray = await say(['--credential', 'MYAK', 'MySecretSk000000000001']);
    expect(stray).toEqual({ code: 2, output: `sms-command-mock: ${STRAY_ARGUMENT}${hint}` });
    expect(stray.output).not.toContain('MySecretSk');
    expect((await say(['--token', 'tok1', 'tok2secret'])).output).not.toContain('tok2secret');
  });

  it('options that contradict each other exit 2 naming both, before anything listens; an SK is never printed', async () => {
    const say = async (args: string[]) => {
      const run = bin(args);
      return { code: await run.exited, output: run.output() };
    };
    const hint = '\nRun sms-command-mock --help for the options.\n';
    const noAuth = 'sms-command-mock: --no-auth and';
    expect(await say(['--no-auth', '--token', 't'])).toEqual({
      code: 2,
      output: `${noAuth} --token contradict each other: --no-auth accepts every request, so no token would be checked; drop one of them${hint}`,
    });
    expect(await say(['--credential', 'AK1:secret-key-1', '--no-auth'])).toEqual({
      code: 2,
      output: `${noAuth} --credential contradict each other: --no-auth accepts every request, so no signature would be verified; drop one of them${hint}`,
    });
    expect(await say(['--no-auth', '--no-lockout'])).toEqual({
      code: 2,
      output: `${noAuth} --no-lockout contradict each other: --no-auth accepts every request, so no signature fails and no AK is locked; drop one of them${hint}`,
    });
    // An option that takes one value, given twice with different values: parseArgs would keep the last.
    expect(await say(['--port', '0', '--port', '4010'])).toEqual({
      code: 2,
      output: `sms-command-mock: --port "0", then "4010": only one can count; give --port once${hint}`,
    });
    expect(await say(['--host', '127.0.0.1', '--host', '0.0.0.0'])).toEqual({
      code: 2,
      output: `sms-command-mock: --host "127.0.0.1", then "0.0.0.0": only one can count; give --host once${hint}`,
    });
    expect(await say(['--dynamic', '--seed', 'a', '--seed', 'b'])).toEqual({
      code: 2,
      output: `sms-command-mock: --seed "a", then "b": only one can count; give --seed once${hint}`,
    });
    const twice = await say(['--credential', 'AK1:first-secret-key', '--credential', 'AK1:second-secret-key']);
    expect(twice).toEqual({
      code: 2,
      output: `sms-command-mock: --credential gives AK "AK1" twice, with different SKs: only one can count; give each AK once${hint}`,
    });
    // The same value twice contradicts nothing: it starts.
    const same = bin(['--port', '0', '--port', '0', '--credential', 'AK1:sk-1', '--credential', 'AK1:sk-1']);
    await same.url();
    same.child.kill('SIGINT');
    expect(await same.exited).toBe(0);
  });
});
