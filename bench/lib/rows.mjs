// The bench's one table: every part adds rows (a measure, ours against a baseline from the same run,
// the ratio and the goal it meets or not); run.mjs prints it and, after a full run, writes results.md.
import { cpus, totalmem } from 'node:os';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const rows = [];
export const row = (measure, ours, baseline, unit, goal, lowerIsBetter = true, ratio = ours / baseline) => {
  rows.push({
    measure,
    ours,
    baseline,
    unit,
    ratio,
    goal,
    met: goal === undefined ? '' : (lowerIsBetter ? ratio <= goal : ratio >= goal) ? 'yes' : 'NO',
  });
};
/**
 * The last row's goal when it is a figure, not a ratio (`≤ 10 µs`): met true, false, or undefined
 * (a row the goal does not judge).
 */
export const goalOfLast = (goal, met) => {
  rows.at(-1).goal = goal;
  rows.at(-1).met = met === undefined ? '' : met ? 'yes' : 'NO';
};
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** The rows as a Markdown table. */
export function table() {
  return [
    '| measure | ours | baseline | unit | ratio | goal | met |',
    '|---|---:|---:|---|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.measure} | ${fmt(r.ours)} | ${fmt(r.baseline)} | ${r.unit} | ${r.ratio.toFixed(2)}x | ${typeof r.goal === 'number' ? `≤ ${r.goal}x` : (r.goal ?? '')} | ${r.met} |`,
    ),
  ].join('\n');
}

/** bench/results.md: the date, the machine, how to read the figures, and the table. */
export function report(quick) {
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  return `# Benchmarks\n\n${new Date().toISOString().slice(0, 10)} — ${machine}${quick ? ' — quick run' : ''}.\n\nMedians; each ratio is ours / the baseline measured in the same run, contenders alternated (client rows: the median of per-round ratios). CPU is this process's user+system time per call; the server runs in another process.\n\n${table()}\n`;
}
