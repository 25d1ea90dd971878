// Every script runs when started through a checkout reached by a symbolic link, and only when started:
// one isMain (scripts/root.mjs), comparing real paths.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';

const run = promisify(execFile);
let scratch = '';
afterAll(() => rm(scratch, { recursive: true, force: true }));

it('a script started through a symlinked checkout runs (a usage error proves it ran); imported, it does not', async () => {
  scratch = await mkdtemp(join(tmpdir(), 'is-main-'));
  const linked = join(scratch, 'repo');
  await symlink(root, linked, 'dir');
  for (const [script, said] of [
    ['prepare.mjs', 'usage: node scripts/prepare.mjs [prepack|postpack], not "bogus"'],
    ['release.mjs', 'usage: node scripts/release.mjs version|api-versions|check|preflight'],
  ] as const) {
    const result = await run(process.execPath, [join(linked, 'scripts', script), 'bogus']).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result, script).toEqual({ code: 2, stderr: `${said}\n` });
  }
  const imported = await run(process.execPath, [
    '--input-type=module',
    '-e',
    `await import(${JSON.stringify(join(linked, 'scripts/release.mjs'))}); console.log('imported')`,
    'bogus',
  ]);
  expect(imported.stdout).toBe('imported\n');
});
