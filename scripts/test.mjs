// `npm test`: the whole vitest suite, then the plain `N passed, N failed` line CI reads.
//
// With no arguments, the type tests (projects types and types-ts7: tsc and tsgo, run by vitest's
// typecheck pool) run in a second vitest process beside the rest. Inside one process vitest runs its
// typecheck group only after every other file has finished, which ended each run with a core idle;
// here they use the idle core of the set-up phase. Their output is printed once the main run ends.
// With arguments (`npm test -- --project unit`, a file, -t …), one vitest process runs as asked.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { root, toolPath } from './root.mjs';

const args = process.argv.slice(2);
const TYPES = 'types*';
const runs = args.length
  ? [{ report: join(root, '.tmp', 'vitest-report.json'), args, live: true }]
  : [
      { report: join(root, '.tmp', 'vitest-report.json'), args: [`--project=!${TYPES}`], live: true },
      { report: join(root, '.tmp', 'vitest-types-report.json'), args: [`--project=${TYPES}`], live: false },
    ];
await mkdir(join(root, '.tmp'), { recursive: true });
await Promise.all(runs.map(({ report }) => rm(report, { force: true })));

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
if (!chromium) {
  console.log(
    '\nChromium is not installed: the browser tests of the rendered docs will be SKIPPED (not passed).\nInstall it with:  apt-get install -y chromium   (or set CHROMIUM_PATH)\n',
  );
}

const vitest = toolPath('vitest', 'vitest.mjs');
/**
 * Runs one vitest process; resolves to its exit code and, when not live, its buffered output.
 * @param {{ report: string; args: string[]; live: boolean }} run
 * @returns {Promise<{ code: number; output: Buffer }>}
 */
function start({ report, args: extra, live }) {
  const child = spawn(
    process.execPath,
    [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
    {
      cwd: root,
      stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      // Piped output keeps its colours when the terminal shows them.
      env:
        !live && process.stdout.isTTY && !('FORCE_COLOR' in process.env)
          ? { ...process.env, FORCE_COLOR: '1' }
          : process.env,
    },
  );
  /** @type {Buffer[]} */
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  // 'close', not 'exit': the piped output is complete only once the streams have ended.
  return new Promise((resolve) =>
    child.once('close', (c, signal) => resolve({ code: c ?? (signal ? 1 : 0), output: Buffer.concat(output) })),
  );
}
const results = await Promise.all(runs.map(start));
for (const { output } of results) if (output.length) process.stdout.write(output);

// The closing line is exactly `N passed, N failed`; skipped tests and other remarks come before it.
let passed = 0;
let failed = 0;
let skipped = 0;
let total = 0;
let missing = false;
for (const { report } of runs) {
  try {
    const result = JSON.parse(await readFile(report, 'utf8'));
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    skipped += result.numPendingTests + result.numTodoTests;
    total += result.numTotalTests;
  } catch {
    missing = true;
  }
}
const code = results.map((r) => r.code).find((c) => c !== 0) ?? 0;
let ranNone = false;
if (missing) {
  console.log('\nvitest wrote no report: it failed before running the tests');
  failed += 1;
} else {
  ranNone = total === 0;
  if (skipped) console.log(`\n${skipped} skipped (not counted as passed)`);
  if (ranNone) console.log('\nno test ran');
  // Vitest fails a run for errors outside any test too (an unhandled rejection, a type error in a
  // source file): counted as one failure, so the closing line never reads 0 failed for a failed run.
  if (code !== 0 && failed === 0) {
    console.log('\nvitest failed the run for errors outside any test (printed above under "Errors")');
    failed = 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(code === 0 && !ranNone && !missing ? 0 : code || 1);
