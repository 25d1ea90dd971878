// The drift gate: regenerate the types into a temporary copy of the project and compare them with
// a committed generated/ folder. (`openapi-typescript --check` passes falsely with several APIs.)
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { isMain, root, toolPath } from './root.mjs';

const run = promisify(execFile);

/** The flags of `npm run generate`, read from package.json so the gate can't drift from the script. */
async function generateFlags() {
  const { scripts } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const [command, ...flags] = scripts.generate.split(/\s+/);
  if (command !== 'openapi-typescript') throw new Error(`unexpected generate script: ${scripts.generate}`);
  return flags;
}

/** Regenerates into a temporary directory; resolves to that directory's generated/ path and a cleanup. */
export async function regenerate() {
  const dir = await mkdtemp(join(tmpdir(), 'sms-generate-'));
  await cp(join(root, 'spec'), join(dir, 'spec'), { recursive: true });
  await cp(join(root, 'redocly.yaml'), join(dir, 'redocly.yaml'));
  const bin = toolPath('openapi-typescript', 'bin/cli.js');
  await run(process.execPath, [bin, ...(await generateFlags())], { cwd: dir });
  return { generated: join(dir, 'generated'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Compares `committedDir` with freshly generated output (or `fresh`, one `regenerate()` to compare
 * several folders against); resolves to the list of problems (empty when up to date), each naming the file.
 * @param {string} [committedDir]
 * @param {{ generated: string; cleanup(): Promise<void> }} [fresh]
 * @returns {Promise<string[]>}
 */
export async function findDrift(committedDir = join(root, 'generated'), fresh) {
  const own = !fresh;
  fresh ??= await regenerate();
  try {
    const names = new Set([...(await readdir(fresh.generated)), ...(await readdir(committedDir).catch(() => []))]);
    const problems = [];
    for (const name of [...names].sort()) {
      const [want, have] = await Promise.all([
        readFile(join(fresh.generated, name), 'utf8').catch(() => undefined),
        readFile(join(committedDir, name), 'utf8').catch(() => undefined),
      ]);
      const shown = relative(root, join(committedDir, name));
      if (want === undefined) problems.push(`${shown} is not generated from the specs (remove it)`);
      else if (have === undefined) problems.push(`${shown} is missing (run npm run generate and commit it)`);
      else if (want !== have)
        problems.push(`${shown} differs from what the specs generate (run npm run generate and commit it)`);
    }
    return problems;
  } finally {
    if (own) await fresh.cleanup();
  }
}

if (isMain(import.meta.url)) {
  const problems = await findDrift(resolve(process.argv[2] ?? join(root, 'generated')));
  for (const problem of problems) console.error(problem);
  process.exit(problems.length ? 1 : 0);
}
