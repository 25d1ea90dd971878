// `node bench/suite-cpu.mjs [test files or --project=NAME …]`: the CPU seconds (user + system, the
// child processes included: npm, tsc, Chromium, the bins) that each test file or project costs when
// vitest runs it alone. On a 2-core machine `npm test` cannot end sooner than its CPU sum over 2, so
// this, not wall time (which the machine's other work stretches), says where the suite's time goes.
// Each figure includes vitest's own start and its project's global set-up: a small file of the same
// project (`test/package/package.test.ts`, `test/tooling/workflows.test.ts`) measures that floor.
// With no argument: every file of the package and tooling projects, then each other project.
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { root, toolPath } from '../scripts/root.mjs';

const vitest = toolPath('vitest', 'vitest.mjs');

/** Every test file under test/<project>/, as vitest names them. */
async function filesOf(project) {
  const names = await readdir(join(root, 'test', project));
  return names.filter((name) => name.endsWith('.test.ts')).map((name) => `test/${project}/${name}`);
}

/**
 * One vitest run through `sh`, whose `times` prints its children's CPU last (POSIX: the second line,
 * `<user>m<s>s <sys>m<s>s`); resolves to the seconds and whether vitest passed.
 * @param {string} target
 */
function measure(target) {
  const quoted = [process.execPath, vitest, 'run', target].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const child = spawn('sh', ['-c', `${quoted} >/dev/null 2>&1; code=$?; times; exit $code`], { cwd: root });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const started = performance.now();
  return new Promise((resolve) =>
    child.once('close', (code) => {
      const seconds = (m, s) => Number(m) * 60 + Number(s);
      const [user, sys] = [
        ...out
          .trim()
          .split('\n')
          .at(-1)
          .matchAll(/(\d+)m([\d.]+)s/g),
      ].map((x) => seconds(x[1], x[2]));
      resolve({ cpu: (user ?? NaN) + (sys ?? NaN), wall: (performance.now() - started) / 1000, passed: code === 0 });
    }),
  );
}

const targets = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      ...(await filesOf('package')),
      ...(await filesOf('tooling')),
      '--project=contract',
      '--project=unit',
      '--project=types*',
    ];
const rows = [];
for (const target of targets) {
  const load = loadavg()[0].toFixed(1);
  const { cpu, wall, passed } = await measure(target);
  rows.push({ target, cpu, wall, load, passed });
  console.log(
    `${cpu.toFixed(1).padStart(6)} s CPU ${wall.toFixed(1).padStart(6)} s wall  load ${load}  ${passed ? '' : 'FAILED '}${target}`,
  );
}
rows.sort((a, b) => b.cpu - a.cpu);
const total = rows.reduce((sum, row) => sum + row.cpu, 0);
console.log(`\n${total.toFixed(0)} s CPU in all (each with its own vitest start); slowest first:`);
for (const row of rows.slice(0, 10)) console.log(`${row.cpu.toFixed(1).padStart(6)} s  ${row.target}`);
