// How the client rows are measured: contenders (name -> one call) in rounds, sequentially and at
// concurrency 50, each figure the median over rounds of the per-round value and each ratio the median
// of the per-round ratios (a burst of background load or a major GC spoils one round, not the result).
import { quick } from './env.mjs';
import { median, row } from './rows.mjs';

/** `calls` calls of `fn` at `concurrency`: CPU per call (µs) and calls per second. */
async function measure(fn, calls, concurrency) {
  globalThis.gc?.(); // no contender pays for the garbage of the one before it
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < calls) await fn();
    }),
  );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { cpuPerCall: (cpu.user + cpu.system) / calls, perSecond: (calls * 1000) / wall };
}

/**
 * Sequential: within a round the contenders take turns call by call, so drift in the machine's speed
 * lands on all of them alike; each call's CPU is charged to its contender.
 */
async function sequentialSamples(contenders, rounds) {
  const names = Object.keys(contenders);
  const calls = quick ? 200 : 600;
  for (const name of names) await measure(contenders[name], 300, 1); // warm-up
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    globalThis.gc?.();
    const cpu = Object.fromEntries(names.map((n) => [n, 0]));
    const wall = Object.fromEntries(names.map((n) => [n, 0]));
    for (let i = 0; i < calls; i++) {
      for (let j = 0; j < names.length; j++) {
        const name = names[(i + j) % names.length];
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await contenders[name]();
        wall[name] += performance.now() - t0;
        const c = process.cpuUsage(c0);
        cpu[name] += c.user + c.system;
      }
    }
    samples.push(
      Object.fromEntries(names.map((n) => [n, { cpuPerCall: cpu[n] / calls, perSecond: (calls * 1000) / wall[n] }])),
    );
  }
  return samples;
}

/** Concurrency 50: a block of calls per contender, the order rotated each round. */
async function concurrentSamples(contenders, rounds) {
  const names = Object.keys(contenders);
  const calls = quick ? 500 : 2000;
  for (const name of names) await measure(contenders[name], 300, 50);
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    const sample = {};
    for (const name of order) sample[name] = await measure(contenders[name], calls, 50);
    samples.push(sample);
  }
  return samples;
}

/** Each mode's samples (one per round) for one set of contenders. */
export async function measureSet(contenders) {
  const rounds = quick ? 3 : 15;
  return {
    sequential: await sequentialSamples(contenders, rounds),
    'concurrency 50': await concurrentSamples(contenders, rounds),
  };
}

/** A mode's samples read as figures: each the median over rounds, each ratio the median of per-round ratios. */
export function comparing(samples) {
  const med = (name, field) => median(samples.map((s) => s[name][field]));
  const paired = (ours, base, field) => median(samples.map((s) => s[ours][field] / s[base][field]));
  const compare = (measure, ours, base, field, unit, goal, lowerIsBetter) =>
    row(measure, med(ours, field), med(base, field), unit, goal, lowerIsBetter, paired(ours, base, field));
  return { med, compare };
}
