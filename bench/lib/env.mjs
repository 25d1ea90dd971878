// What every part of `npm run bench` shares about its run: where the built package is, --quick, the
// log (stderr, so stdout holds the table alone), and the child processes a part starts.
import { execFile, fork } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { root } from '../../scripts/root.mjs';

/** A module of the build (dist/src), as a URL to import. */
export const dist = (file) => pathToFileURL(join(root, 'dist/src', file)).href;
export const run = promisify(execFile);
/** Fewer rounds, no fresh-clone suite. */
export const quick = process.argv.includes('--quick');
export const log = (...a) => console.error(...a);

/**
 * Forks one of bench/'s servers; resolves once it says its port.
 * @param {string} file its name under bench/
 * @param {string[]} [args]
 * @param {import('node:child_process').ForkOptions} [options] stdio ignored unless told
 */
export async function forkServer(file, args = [], options = {}) {
  const server = fork(join(root, 'bench', file), args, { stdio: 'ignore', ...options });
  const { port } = await new Promise((resolve) => server.once('message', resolve));
  return { server, port };
}
