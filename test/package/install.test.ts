// The README's install block ("Use it from another repository"), run as written in an empty
// directory: the text of the block is what runs. Only the network is stood in for. git reaches
// the GitHub URL through a temporary global git config whose `url.<base>.insteadOf` points it at a
// bare clone of this repository's HEAD; npm first asks GitHub's tarball host for that commit, which
// answers 404 here (a local proxy) as for a commit it does not have, so npm clones with git as it
// then does on any machine. (The packed tarball: test/package/publish.test.ts.)
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { NPM_GUARD_MS } from '../support/waits.js';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The ```sh block of the README's "Use it from another repository" section. */
function installBlock(readme: string): string {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Use it from another repository\n'));
  const block = section && /^```sh\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (!block) throw new Error('README.md: no ```sh block in "## Use it from another repository"');
  return block;
}

// npm prepares a git dependency in <cache>/_cacache/tmp/git-clone…: the clone, its dev dependencies
// (some 300 MB in 30,000 files), the build, the pack, then it removes it all. Written to ext4 on a
// small VM that costs about 20 s of system CPU; in memory about 4 s. So npm gets a cache directory in
// /dev/shm whose stored packages are the user's own cache (content-v2 and index-v5 symlinked, so
// nothing is fetched or copied) and whose tmp/ is in memory. What npm does is unchanged; without
// /dev/shm (or an npm cache to point at) the test runs on the default cache.
const SHM = '/dev/shm';
const memory = existsSync(SHM) ? await mkdtemp(join(SHM, 'sms-git-install-')).catch(() => undefined) : undefined;
const dir = memory ?? (await mkdtemp(join(tmpdir(), 'sms-git-install-')));

// GitHub's tarball host as seen from here: a proxy that answers every CONNECT with 404.
const tarballHost = createServer((_req, res) => res.writeHead(404).end());
const connects: string[] = [];
tarballHost.on('connect', (req, socket) => {
  connects.push(req.url ?? '');
  socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
});
await new Promise<void>((resolve) => tarballHost.listen(0, '127.0.0.1', resolve));
afterAll(async () => {
  await new Promise((resolve) => tarballHost.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** The environment the block runs in: git and npm pointed at local stand-ins, the cache in memory. */
async function environment(bare: string): Promise<NodeJS.ProcessEnv> {
  const gitConfig = join(dir, 'gitconfig');
  const github = pkg.repository.url.replace(/^git\+/, '');
  await writeFile(gitConfig, `[url "file://${bare}"]\n\tinsteadOf = ${github}\n`);
  const registry = new URL((await run('npm', ['config', 'get', 'registry'])).stdout.trim()).hostname;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_CONFIG_GLOBAL: gitConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    npm_config_https_proxy: `http://127.0.0.1:${(tarballHost.address() as AddressInfo).port}`,
    npm_config_noproxy: registry,
    npm_config_prefer_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
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

describe("README's install block, run as written", () => {
  const block = installBlock(readFileSync(join(root, 'README.md'), 'utf8'));

  it('installs from the URL package.json names as the repository, naming no tag', () => {
    expect(block).toContain(`\nnpm install ${pkg.repository.url}\n`);
    expect(block).not.toMatch(/\.git#|<[a-z]+>/);
  });

  it(
    'in an empty directory: dist/ built from git, the bins, /v3, /mock with Prism, ./spec/v3.yaml',
    async () => {
      const bare = join(dir, 'repo.git');
      const [env] = await Promise.all([environment(bare), run('git', ['clone', '-q', '--bare', root, bare])]);
      const consumer = join(dir, 'consumer');
      await mkdir(consumer);
      const result = await run('sh', ['-e', '-c', block], { cwd: consumer, env }).then(
        ({ stdout, stderr }) => ({ code: 0, log: stdout + stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          log: error.stdout + error.stderr,
        }),
      );
      expect(result, result.log).toMatchObject({ code: 0 });
      expect(connects).toEqual(['codeload.github.com:443']);
      // The one warning: npm names the prepare script of the repository's package.json, which it ran
      // in its clone; nothing else (no peer, engine or deprecation warning).
      expect(result.log.split('\n').filter((line) => /\bwarn\b/i.test(line))).toEqual([
        'npm warn install-scripts 1 package has install scripts not yet covered by allowScripts:',
        `npm warn install-scripts   sms-command-contract@${pkg.version} (prepare: node scripts/prepare.mjs)`,
        'npm warn install-scripts',
        'npm warn install-scripts Run `npm install-scripts ls` to review, or `npm install-scripts approve <pkg>` to allow.',
      ]);

      const installed = join(consumer, 'node_modules/sms-command-contract');
      for (const file of ['dist/src/v3.js', 'dist/src/mock.js', 'dist/v3.yaml', 'dist/src/verify/cli.js'])
        expect(existsSync(join(installed, file)), file).toBe(true);
      const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
      expect(manifest.scripts.prepare).toBeUndefined();
      expect(JSON.parse(await readFile(join(consumer, 'package.json'), 'utf8'))).toEqual({
        dependencies: { 'sms-command-contract': 'github:sms-command-contract/sms-command-contract' },
        devDependencies: { '@stoplight/prism-cli': '^5.14.2' },
      });
      const script = [
        "const v3 = await import('sms-command-contract/v3');",
        "const { startMock } = await import('sms-command-contract/mock');",
        'const mock = await startMock({ port: 0 });',
        "const res = await fetch(mock.url + '/__mock/requests');",
        'await mock.close();',
        "console.log(JSON.stringify([typeof v3.showCommand, res.status, import.meta.resolve('sms-command-contract/spec/v3.yaml')]));",
      ].join('\n');
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer });
      expect(JSON.parse(stdout)).toEqual(['function', 200, `file://${installed}/dist/v3.yaml`]);
      const version = await run(join(consumer, 'node_modules/.bin/sms-command-mock'), ['--version'], { cwd: consumer });
      expect(version.stdout.trim()).toBe(pkg.version);
    },
    NPM_GUARD_MS,
  );
});
