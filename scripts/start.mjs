// `npm start`: build dist/ when it is missing or a source is newer than it, saying which, then run
// the sms-command-mock bin.
import { readdir, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isMain, root } from './root.mjs';

/** What the build reads: a change to any of these makes dist/ stale. */
export const SOURCES = [
  'src',
  'generated',
  'spec',
  'redocly.yaml',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
];
/** What `npm start` needs from the build; the stamp is written last, when the build is complete. */
export const OUTPUTS = ['dist/.build-stamp', 'dist/src/mock/cli.js', 'dist/sms-command.yaml'];

/**
 * The newest file under path (a directory's own time counts too: a deleted file changes it).
 * @param {string} path
 * @returns {Promise<{ time: number; path: string; directory: boolean } | undefined>}
 */
async function newest(path) {
  const info = await stat(path).catch(() => undefined);
  if (!info) return undefined;
  /** @type {{ time: number; path: string; directory: boolean }} */
  let found = { time: info.mtimeMs, path, directory: info.isDirectory() };
  if (!info.isDirectory()) return found;
  for (const entry of await Promise.all((await readdir(path)).map((name) => newest(join(path, name)))))
    if (entry && entry.time > found.time) found = entry;
  return found;
}

/**
 * Why `dir` needs a build before `npm start` can run the mock, or undefined when dist/ is up to date:
 * `the first build: there is no dist/ yet`, `dist/src/mock/cli.js is missing`, or
 * `src/mock/cli.ts changed since the last build`.
 * @param {string} dir the repository root
 * @returns {Promise<string | undefined>}
 */
export async function buildReason(dir) {
  const built = await Promise.all(
    OUTPUTS.map((o) =>
      stat(join(dir, o)).then(
        (s) => s.mtimeMs,
        () => undefined,
      ),
    ),
  );
  if (built.every((time) => time === undefined))
    return (await stat(join(dir, 'dist')).catch(() => undefined))
      ? 'the first build: dist/ holds none of its files yet'
      : 'the first build: there is no dist/ yet';
  const missing = OUTPUTS.filter((_, i) => built[i] === undefined);
  if (missing.length) return `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`;
  const stamp = /** @type {number} */ (built[0]);
  const sources = await Promise.all(SOURCES.map((s) => newest(join(dir, s))));
  const changed = sources.reduce((a, b) => (b && (!a || b.time > a.time) ? b : a), undefined);
  if (!changed || changed.time <= stamp) return undefined;
  const name = relative(dir, changed.path);
  return changed.directory
    ? `${name}/ changed since the last build: a file added, removed or renamed there`
    : `${name} changed since the last build`;
}

/**
 * Builds `dir` when it needs it, saying so first (a first build takes a minute or so on a small
 * machine) and how long it took after, so the wait before the mock's "answering ... after N s" is
 * never silent. `build` is scripts/build.mjs's, or a test's.
 * @param {string} dir the repository root
 * @param {() => Promise<void>} build
 * @param {(line: string) => void} say
 */
export async function buildIfNeeded(dir, build, say = console.log) {
  const reason = await buildReason(dir);
  if (!reason) return;
  say(`Building dist/ (${reason}); a first build takes a minute or so...`);
  const started = performance.now();
  // An output missing beside the others: tsc --incremental's record says it is still there and
  // would not write it again. Without the record, tsc compiles everything.
  if (reason.endsWith(' missing')) await rm(join(dir, 'dist/.tsbuildinfo'), { force: true });
  await build();
  say(`Built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s; starting the mock...`);
}

// Run, not imported (a test imports buildReason and buildIfNeeded).
if (isMain(import.meta.url)) {
  await buildIfNeeded(root, async () => {
    await (await import('./build.mjs')).build();
  });
  // The command the user ran, for the mock's hints (src/mock/cli-messages.ts: LAUNCHER): not the bin's name.
  /** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('sms-command-contract.mock-launcher')] = 'npm start';
  await import(join(root, 'dist/src/mock/cli.js'));
}
