// `sms-command-mock --check-scenario FILE` (the built bin): the secret scan and the contract check
// alone, exit 0/1, for a pre-commit hook or CI; and `--scenario` refusing the same file to load.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockBinFile } from '../support/mock-bin.js';

const { scratch, bin: run } = await mockBinFile('sms-check-scenario-');
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
const PATH = '/v3/sources/s1/command';

/** The environment without the upstream's credential variables (a developer's shell may set them), plus `env`. */
const envWith = (env: Record<string, string>) => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(HUAWEICLOUD_SDK_|SMS_UPSTREAM_TOKEN$)/.test(name)),
  ),
  ...env,
});
const bin = (args: string[], env: Record<string, string> = {}) =>
  run(args, { env: envWith(env), freePort: false }).ended();
const file = async (name: string, scripts: unknown) => {
  const path = join(scratch, name);
  await writeFile(path, JSON.stringify({ scripts }, null, 2));
  return path;
};

describe('sms-command-mock --check-scenario FILE', () => {
  it('a recording with a planted SK: exit 1 naming the field, the SK never printed; --scenario refuses to load it (exit 2)', async () => {
    const planted = await file('planted.json', {
      [PATH]: [
        { status: 200, body: { command_name: 'START' } },
        { status: 200, body: { command_name: 'SYNC', command_param: { note: `sk=${SK}` } }, unchecked: true },
      ],
    });
    const checked = await bin(['--check-scenario', planted]);
    expect(checked.code).toBe(1);
    expect(checked.output).toBe(
      `--scenario ${planted}: .scripts["${PATH}"][1].body.command_param.note holds an SK (40 letters and digits), refused (the value is not shown)\n` +
        `--scenario ${planted}: not loaded: a recording or scenario never holds a credential; remove each value named above (or replace it with a placeholder)\n`,
    );
    const loaded = await bin(['--port', '0', '--scenario', planted]);
    expect(loaded.code).toBe(2);
    expect(loaded.output).toContain('holds an SK (40 letters and digits)');
    expect(loaded.output).not.toContain(SK);
  });

  it("the upstream's own secret (HUAWEICLOUD_SDK_SK) is found by value, whatever its shape", async () => {
    const secret = 'not-shaped-like-a-key!';
    const path = await file('by-value.json', {
      [PATH]: [{ body: { command_name: 'START', command_param: { x: secret } } }],
    });
    const run = await bin(['--check-scenario', path], { HUAWEICLOUD_SDK_AK: 'A', HUAWEICLOUD_SDK_SK: secret });
    expect(run.code).toBe(1);
    expect(run.output).toContain(`.scripts["${PATH}"][0].body.command_param.x holds a configured secret (by value)`);
    expect(run.output).not.toContain(secret);
  });

  it('a clean recording: exit 0, its unchecked steps listed with their notes; a step the contract refuses: exit 1 at its line', async () => {
    const clean = await file('clean.json', {
      [PATH]: [
        { status: 200, body: { command_name: 'START' }, times: 3 },
        { status: 200, body: { command_name: 'START', extra: 1 }, unchecked: true, note: 'drift $.extra' },
      ],
    });
    const ok = await bin(['--check-scenario', clean]);
    expect([ok.code, ok.output]).toEqual([
      0,
      `${clean}: scripts["${PATH}"] steps[1]: unchecked: drift $.extra\n${clean}: no credential found; 1 scripts, 2 steps as the contract allows (1 kept unchecked, listed above)\n`,
    ]);
    const broken = await file('broken.json', { [PATH]: [{ status: 200, body: { command_name: 'START', extra: 1 } }] });
    const refused = await bin(['--check-scenario', broken]);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(
      new RegExp(
        `^--scenario ${broken}:8:11: scripts\\["${PATH}"\\] steps\\[0\\]\\.body\\.extra: not a field of Command`,
      ),
    );
  });
});

describe('sms-command-mock --record URL --record-to FILE: bad input is exit 2 naming the option', () => {
  it('an upstream that is not http(s), carries userinfo, or cannot be reached; --record without --record-to', async () => {
    const env = { HUAWEICLOUD_SDK_AK: 'UPSTREAMAK0000000001', HUAWEICLOUD_SDK_SK: SK };
    const to = join(scratch, 'rec.json');
    const ftp = await bin(['--port', '0', '--record', 'ftp://example.com', '--record-to', to], env);
    expect([ftp.code, ftp.output]).toEqual([
      2,
      'sms-command-mock: --record is refused: endpoint must be http(s), not ftp:\nRun sms-command-mock --help for the options.\n',
    ]);
    const userinfo = await bin(['--port', '0', '--record', 'http://me:pw@127.0.0.1:1', '--record-to', to], env);
    expect(userinfo.code).toBe(2);
    expect(userinfo.output).toMatch(/^sms-command-mock: --record is refused: endpoint must not carry credentials/);
    expect(userinfo.output).not.toContain('pw');
    const down = await bin(['--port', '0', '--record', 'http://127.0.0.1:9', '--record-to', to], env);
    expect([down.code, down.output]).toEqual([
      2,
      'sms-command-mock: --record http://127.0.0.1:9 cannot be reached: ECONNREFUSED\nRun sms-command-mock --help for the options.\n',
    ]);
    const alone = await bin(['--port', '0', '--record', 'http://127.0.0.1:9'], env);
    expect([alone.code, alone.output]).toEqual([
      2,
      'sms-command-mock: --record URL and --record-to FILE go together (and --record-alias-ids with them)\nRun sms-command-mock --help for the options.\n',
    ]);
    const bare = await bin(['--port', '0', '--record', 'http://127.0.0.1:9', '--record-to', to]);
    expect(bare.code).toBe(2);
    expect(bare.output).toMatch(
      /^sms-command-mock: --record: the upstream's credentials missing: no credentials for the upstream/,
    );
  });
});
