// What `npm publish` would send, and the tarball a consumer installs. `npm publish --dry-run` reads
// the built package (the package project's global setup built dist/). The tarball is packed as the
// README says, by `npm pack` (its prepack and postpack scripts included) in a clone of this
// repository's HEAD, so this repository's package.json and dist/ are never touched; then installed
// into an empty project with Prism, the optional peer, and npm's log read for warnings.
// (The release script and the workflow's preconditions: test/tooling/release-provenance.test.ts.)
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { QUIET_NPM_ENV } from '../support/npm-env.js';
import { NPM_GUARD_MS } from '../support/waits.js';

const run = promisify(execFile);
const env = { ...QUIET_NPM_ENV, npm_config_prefer_offline: 'true' };
/** npm in `cwd`; resolves to its exit code, its stdout, and everything it printed (stdout, then stderr). */
const npm = (args: string[], cwd: string) =>
  run('npm', args, { cwd, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, log: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      log: error.stdout + error.stderr,
    }),
  );
const warnings = (log: string) => log.split('\n').filter((line) => /\bwarn\b/i.test(line));

// In memory where there is /dev/shm: the install writes some 190 packages (Prism's), only to read them once.
const SHM = '/dev/shm';
const dir = await mkdtemp(join(existsSync(SHM) ? SHM : tmpdir(), 'sms-pack-'));
const clone = join(dir, 'clone');
let tarball = '';
let packLog = '';
beforeAll(async () => {
  await run('git', ['clone', '-q', root, clone]);
  // The clone's dev dependencies (the build's tsc and bundler) are this repository's.
  await symlink(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
  const packed = await npm(['pack', '--json', '--pack-destination', dir], clone);
  packLog = packed.log;
  expect(packed, packed.log).toMatchObject({ code: 0 });
  tarball = join(dir, JSON.parse(packed.stdout)[0].filename);
}, NPM_GUARD_MS);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A new empty project (npm init -y) in dir/<name>. */
async function project(name: string) {
  const path = join(dir, name);
  await mkdir(path);
  await run('npm', ['init', '-y'], { cwd: path, env });
  return path;
}

describe('release flow', () => {
  it('npm publish --dry-run: the package sends dist/ and the docs files, nothing of src/ or test/ (the tarball npm would send)', async () => {
    const { stdout } = await run('npm', ['publish', '--dry-run', '--ignore-scripts', '--json'], { cwd: root, env });
    // npm 11 keys the result by package name.
    const result = JSON.parse(stdout.slice(stdout.indexOf('{')))['sms-command-contract'];
    const files: string[] = result.files.map((f: { path: string }) => f.path);
    expect(result).toMatchObject({ name: 'sms-command-contract', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'dist/src/v3.js',
        'dist/src/mock/cli.js',
        'dist/src/verify/cli.js',
        'dist/sms-command.json',
      ]),
    );
    expect(files.filter((f) => /^(src|test|spec|scripts|bench)\//.test(f))).toEqual([]);
  });
});

describe('npm pack in a clone, then npm install <the .tgz>', () => {
  it("packs package.json without the prepare script, and leaves the clone's package.json as it was", async () => {
    const own = readFileSync(join(clone, 'package.json'), 'utf8');
    expect((await run('git', ['diff', '--stat'], { cwd: clone })).stdout).toBe('');
    expect(existsSync(join(clone, '.tmp', 'package.json.prepack'))).toBe(false);
    const { stdout } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
    const { prepare, ...scripts } = JSON.parse(own).scripts;
    expect(prepare).toBe('node scripts/prepare.mjs');
    expect(JSON.parse(stdout)).toEqual({ ...JSON.parse(own), scripts });
    expect(warnings(packLog)).toEqual([]);
  });

  it(
    'installs with Prism into an empty project with no npm warning; the package loads',
    async () => {
      const consumer = await project('consumer');
      const result = await npm(['install', tarball, '@stoplight/prism-cli@5.14.2'], consumer);
      expect(result, result.log).toMatchObject({ code: 0 });
      expect(result.log).toMatch(/^added \d+ packages/m);
      expect(warnings(result.log)).toEqual([]);
      const script =
        "const { startMock } = await import('sms-command-contract/mock'); const mock = await startMock({ port: 0 }); await mock.close(); console.log(typeof (await import('sms-command-contract/v3')).showCommand)";
      expect((await run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer })).stdout).toBe(
        'function\n',
      );
    },
    NPM_GUARD_MS,
  );

  it('the check bites: the same files packed with the prepare script (no prepack) make npm warn', async () => {
    await mkdir(join(dir, 'raw'));
    const packed = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', join(dir, 'raw')], clone);
    expect(packed, packed.log).toMatchObject({ code: 0 });
    const raw = join(dir, 'raw', JSON.parse(packed.stdout)[0].filename);
    const result = await npm(['install', raw], await project('raw-consumer'));
    expect(result, result.log).toMatchObject({ code: 0 });
    const version = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')).version;
    expect(warnings(result.log)).toContain(
      `npm warn install-scripts   sms-command-contract@${version} (prepare: node scripts/prepare.mjs)`,
    );
  });
});
