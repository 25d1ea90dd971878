// `--only=suite`: `npm ci && npm test` on a fresh clone of this repository, against the 60 s goal.
import { join } from 'node:path';
import { root } from '../scripts/root.mjs';
import { run } from './lib/env.mjs';
import { row } from './lib/rows.mjs';

export async function suiteBench() {
  const dir = join(root, '.tmp', `bench-clone-${process.pid}`);
  await run('git', ['clone', '-q', root, dir]);
  const t0 = performance.now();
  await run('sh', ['-c', 'npm ci --no-audit --no-fund >/dev/null 2>&1 && npm test >/dev/null 2>&1'], {
    cwd: dir,
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - t0) / 1000;
  await run('rm', ['-rf', dir]);
  row('fresh clone: npm ci && npm test (vs the 60 s goal)', seconds, 60, 's', 1.0);
}
