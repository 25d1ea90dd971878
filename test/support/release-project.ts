// What the release-*.test.ts files share: package.json as it is, changesets written as a person
// writes them, commands run for their exit code and output, and a copy of what a release reads and writes.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from '../../scripts/root.mjs';

export const run = promisify(execFile);
export const PKG = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

export const changeset = (bump: string, text: string) => `---\n'sms-command-contract': ${bump}\n---\n\n${text}\n`;
export const exec = (file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  run(file, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false', ...env } }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout + error.stderr,
    }),
  );

/** A maker of copies in `scratch` of what a release reads and writes, at version 0.3.1, with these changesets. */
export const projectsIn = (scratch: string) => async (name: string, changesets: Record<string, string>) => {
  const dir = join(scratch, name);
  await mkdir(join(dir, '.changeset'), { recursive: true });
  await Promise.all([
    cp(join(root, 'spec'), join(dir, 'spec'), { recursive: true }),
    cp(join(root, 'scripts'), join(dir, 'scripts'), { recursive: true }),
    cp(join(root, 'CHANGELOG.md'), join(dir, 'CHANGELOG.md')),
    ...['config.json', 'README.md'].map((f) => cp(join(root, '.changeset', f), join(dir, '.changeset', f))),
    symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir'),
    writeFile(join(dir, 'package.json'), `${JSON.stringify({ ...PKG, version: '0.3.1' }, null, 2)}\n`),
  ]);
  for (const [file, text] of Object.entries(changesets)) await writeFile(join(dir, '.changeset', file), text);
  return dir;
};
