// `npm test`: the whole vitest suite, then the plain `N passed, N failed` line CI reads.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { root, toolPath } from './root.mjs';

const report = join(root, '.tmp', 'vitest-report.json');
await mkdir(join(root, '.tmp'), { recursive: true });
await rm(report, { force: true });

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
if (!chromium) {
  console.log('\nChromium is not installed: the browser tests of the rendered docs will be SKIPPED (not passed).\nInstall it with:  apt-get install -y chromium   (or set CHROMIUM_PATH)\n');
}

const vitest = toolPath('vitest', 'vitest.mjs');
const child = spawn(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));

// The closing line is exactly `N passed, N failed`; skipped tests and other remarks come before it.
let summary;
let ranNone = false;
try {
  const result = JSON.parse(await readFile(report, 'utf8'));
  const skipped = result.numPendingTests + result.numTodoTests;
  ranNone = result.numTotalTests === 0;
  if (skipped) console.log(`\n${skipped} skipped (not counted as passed)`);
  if (ranNone) console.log('\nno test ran');
  summary = `${result.numPassedTests} passed, ${result.numFailedTests} failed`;
} catch {
  console.log('\nvitest wrote no report: it failed before running the tests');
  summary = '0 passed, 1 failed';
}
console.log(`\n${summary}`);
process.exit(code === 0 && !ranNone ? 0 : code || 1);
