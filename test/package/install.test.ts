// Installing the package as other repositories do: from a git URL (npm builds it with `prepare`),
// here from a bare clone of this repository's HEAD. (The packed tarball: test/consumer.test.ts.)
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';

const run = promisify(execFile);
const dir = await mkdtemp(join(tmpdir(), 'sms-git-install-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm install git+file://… (a bare clone of HEAD)', () => {
  it('builds dist/ with prepare; /v3, /mock and ./spec/v3.yaml resolve and load', async () => {
    await run('git', ['clone', '-q', '--bare', root, join(dir, 'repo.git')]);
    const consumer = join(dir, 'consumer');
    await run('mkdir', [consumer]);
    await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', `git+file://${join(dir, 'repo.git')}`], { cwd: consumer, env: { ...process.env, npm_config_update_notifier: 'false' } });
    const installed = join(consumer, 'node_modules/sms-command-contract');
    for (const file of ['dist/src/v3.js', 'dist/src/mock.js', 'dist/v3.yaml', 'dist/src/verify/cli.js']) expect(existsSync(join(installed, file)), file).toBe(true);
    const script = "const v3 = await import('sms-command-contract/v3'); const mock = await import('sms-command-contract/mock'); console.log(JSON.stringify([typeof v3.showCommand, typeof mock.startMock, import.meta.resolve('sms-command-contract/spec/v3.yaml')]))";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual(['function', 'function', `file://${installed}/dist/v3.yaml`]);
  }, 120_000);
});
