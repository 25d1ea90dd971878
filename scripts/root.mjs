// Where things are, for every script, bench and test: the repository root, and the entry file of a
// tool that a devDependency installs (its bin, run with `node` rather than through a shell shim).
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const require = createRequire(join(root, 'package.json'));

/**
 * The path of a file inside an installed package, such as a tool's CLI entry.
 * @param {string} pkg the package name, such as `typescript`
 * @param {string} file the file inside it, such as `bin/tsc`
 * @returns {string}
 */
export function toolPath(pkg, file) {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/**
 * Whether the module at `moduleUrl` is the script node was started with (run, not imported). Compares
 * real paths: node resolves the module's symlinks, not those of `process.argv[1]`, so a checkout
 * reached through a symlink would otherwise run nothing and exit 0.
 * @param {string} moduleUrl the module's `import.meta.url`
 * @returns {boolean}
 */
export function isMain(moduleUrl) {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
