// `npm start`: build dist/ when a source is newer than it, then run the sms-command-mock bin.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from './root.mjs';

/**
 * @param {string} path
 * @returns {Promise<number>} the newest modification time under path
 */
async function newest(path) {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  return Math.max(info.mtimeMs, ...(await Promise.all(entries.map((entry) => newest(join(path, entry))))));
}

const sources = [
  'src',
  'generated',
  'spec',
  'redocly.yaml',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
];
const outputs = ['dist/.build-stamp', 'dist/src/mock/cli.js', 'dist/sms-command.yaml'];
const sourceTime = Math.max(...(await Promise.all(sources.map((s) => newest(join(root, s))))));
const [stampTime, ...present] = await Promise.all(
  outputs.map((o) =>
    stat(join(root, o)).then(
      (s) => s.mtimeMs,
      () => 0,
    ),
  ),
);
if ((stampTime ?? 0) < sourceTime || present.includes(0)) {
  console.log('Building dist/ (sources changed since the last build)...');
  await (await import('./build.mjs')).build();
}
await import(join(root, 'dist/src/mock/cli.js'));
