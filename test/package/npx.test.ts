// The bins through npx, from an empty directory outside any project, as docs/cli.md says to run
// them there: `npx -p sms-command-contract <bin>` (the packed tarball in place of the name, so that no
// registry is asked for this package). A bare `npx sms-command-mock` would ask the registry for a
// package of that name, which is not ours (docs/cli.md says why).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { QUIET_NPM_ENV } from '../support/npm-env.js';
import { PRISM_INSTALL } from '../../src/mock.js';
import { NPM_GUARD_MS } from '../support/waits.js';

const run = promisify(execFile);
const env = QUIET_NPM_ENV;
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
let dir = '';
let tarball = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sms-npx-'));
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: root,
    env,
  });
  tarball = join(dir, (JSON.parse(stdout) as Array<{ filename: string }>)[0]!.filename);
}, NPM_GUARD_MS);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** docs/cli.md's npx line for `bin`, run in the empty directory with the tarball for the package's name. */
async function npxAsDocumented(bin: string, args: string[]) {
  const docs = await readFile(join(root, 'docs/cli.md'), 'utf8');
  const line = new RegExp(`npx -p sms-command-contract (-p @stoplight/prism-cli@[\\d.]+ )?${bin}\\b`).exec(docs);
  expect(line, `docs/cli.md has no "npx -p sms-command-contract … ${bin}"`).not.toBeNull();
  const argv = ['--yes', '--prefer-offline', '-p', tarball, bin, ...args];
  return run('npx', argv, { cwd: dir, env }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

describe('npx -p sms-command-contract, from an empty directory', () => {
  it(
    'sms-command-verify --version prints the package version',
    async () => {
      expect(await npxAsDocumented('sms-command-verify', ['--version'])).toEqual({ code: 0, out: `${pkg.version}\n` });
    },
    NPM_GUARD_MS,
  );

  it(
    'sms-command-mock without Prism beside it exits 1 with the install command (why the docs add -p @stoplight/prism-cli)',
    async () => {
      const { code, out } = await npxAsDocumented('sms-command-mock', ['--port', '0']);
      expect(code).toBe(1);
      expect(out).toContain(`Prism is not installed; the mock needs it. Install it with:\n  ${PRISM_INSTALL}`);
    },
    NPM_GUARD_MS,
  );
});
