// `npm run build`: compiled JS and .d.ts in dist/src and dist/generated, the bundled specs in dist/.
import { execFile } from 'node:child_process';
import { chmod, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { writeBundles } from './bundle.mjs';
import { isMain, root, toolPath } from './root.mjs';

const tsc = toolPath('typescript', 'bin/tsc');

export async function build() {
  const compile = promisify(execFile)(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
  }).catch((error) => {
    throw new Error(`tsc failed:\n${error.stdout}${error.stderr}`);
  });
  const [, files] = await Promise.all([compile, writeBundles(join(root, 'dist'))]);
  await removeStale();
  await Promise.all(['dist/src/mock/cli.js', 'dist/src/verify/cli.js'].map((bin) => chmod(join(root, bin), 0o755)));
  // tsc --incremental leaves unchanged outputs untouched, so their times can't tell freshness; this can.
  await writeFile(join(root, 'dist/.build-stamp'), new Date().toISOString());
  return files;
}

/**
 * tsc never deletes the output of a source that is gone (a moved or deleted module), and `npm pack`
 * would ship it: remove every compiled file of dist/src and dist/generated without its source.
 */
async function removeStale() {
  for (const dir of ['src', 'generated']) {
    const outputs = await readdir(join(root, 'dist', dir), { recursive: true, withFileTypes: true });
    const sources = new Set(
      (await readdir(join(root, dir), { recursive: true }))
        .filter((file) => file.endsWith('.ts'))
        .map((file) => file.replace(/\.ts$/, '')),
    );
    for (const entry of outputs) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath ?? entry.path, entry.name);
      const stem = relative(join(root, 'dist', dir), path).replace(/\.(d\.ts|js)$/, '');
      if (!sources.has(stem)) await rm(path);
    }
  }
}

if (isMain(import.meta.url)) await build();
