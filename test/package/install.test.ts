// Installing the package as other repositories do: from a git URL (npm clones it, installs its dev
// dependencies, builds dist/ with `prepare` and packs it), here from a bare clone of this
// repository's HEAD. (The packed tarball: test/package/consumer.test.ts.)
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';

const run = promisify(execFile);

// npm prepares a git dependency in <cache>/_cacache/tmp/git-clone…: the clone, its dev dependencies
// (some 300 MB in 30,000 files), two builds, the pack, then it removes it all. Written to ext4 on a
// small VM that costs about 20 s of system CPU; in memory about 4 s. So npm gets a cache directory in
// /dev/shm whose stored packages are the user's own cache (content-v2 and index-v5 symlinked, so
// nothing is fetched or copied) and whose tmp/ is in memory. What npm does is unchanged; without
// /dev/shm (or an npm cache to point at) the test runs on the default cache as before.
const SHM = '/dev/shm';
const memory = existsSync(SHM) ? await mkdtemp(join(SHM, 'sms-git-install-')).catch(() => undefined) : undefined;
const dir = memory ?? (await mkdtemp(join(tmpdir(), 'sms-git-install-')));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** npm's environment for the install: the cache in memory when there is one to point at. */
async function npmEnv(): Promise<NodeJS.ProcessEnv> {
  const env = { ...process.env, npm_config_update_notifier: 'false' };
  if (!memory) return env;
  const own = process.env.npm_config_cache || (await run('npm', ['config', 'get', 'cache'])).stdout.trim();
  const stored = ['content-v2', 'index-v5'].map(
    (name) => [join(own, '_cacache', name), join(dir, 'npm-cache', '_cacache', name)] as const,
  );
  if (!stored.every(([from]) => existsSync(from))) return env;
  await mkdir(join(dir, 'npm-cache', '_cacache'), { recursive: true });
  for (const [from, to] of stored) await symlink(from, to);
  return { ...env, npm_config_cache: join(dir, 'npm-cache') };
}

describe('npm install git+file://… (a bare clone of HEAD)', () => {
  it('builds dist/ with prepare; /v3, /mock and ./spec/v3.yaml resolve and load', async () => {
    const [env] = await Promise.all([npmEnv(), run('git', ['clone', '-q', '--bare', root, join(dir, 'repo.git')])]);
    const consumer = join(dir, 'consumer');
    await mkdir(consumer);
    await writeFile(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        `git+file://${join(dir, 'repo.git')}`,
      ],
      { cwd: consumer, env },
    );
    const installed = join(consumer, 'node_modules/sms-command-contract');
    for (const file of ['dist/src/v3.js', 'dist/src/mock.js', 'dist/v3.yaml', 'dist/src/verify/cli.js'])
      expect(existsSync(join(installed, file)), file).toBe(true);
    const script =
      "const v3 = await import('sms-command-contract/v3'); const mock = await import('sms-command-contract/mock'); console.log(JSON.stringify([typeof v3.showCommand, typeof mock.startMock, import.meta.resolve('sms-command-contract/spec/v3.yaml')]))";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual(['function', 'function', `file://${installed}/dist/v3.yaml`]);
  }, 120_000);
});
