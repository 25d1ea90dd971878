// `node bench/parsers.mjs`: the mock's readers of scenario and control texts on hostile input, as ratio
// rows against a baseline measured in the same run. The claims the tests once made with a clock (a
// test asserts only what is read or refused): 300,000 keys are read in linear time with the duplicate
// check (a quadratic check took minutes), and a "billion laughs" YAML is refused before it expands.
// Medians of 5 rounds, contenders alternated. Needs `npm run build` (dist/).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../scripts/root.mjs';

const load = (file) => import(pathToFileURL(join(root, 'dist/src/mock', file)).href);
const { parseJsonDocument } = await load('texts/json.js');
const { parseYaml } = await load('texts/yaml.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
/** Median ms of `fn` over 5 rounds, alternated with the baseline's. */
function pair(fn, baseline) {
  const ours = [];
  const base = [];
  for (let round = 0; round < 5; round++) {
    for (const [f, into] of [
      [fn, ours],
      [baseline, base],
    ]) {
      const t0 = performance.now();
      f();
      into.push(performance.now() - t0);
    }
  }
  return [median(ours), median(base)];
}
const refused = (fn) => () => {
  try {
    fn();
  } catch {
    return;
  }
  throw new Error('accepted');
};

const KEYS = 300_000;
const json = `{${Array.from({ length: KEYS }, (_, i) => `"k${i}":0`).join(',')}}`;
const yaml = Array.from({ length: KEYS }, (_, i) => `k${i}: 0`).join('\n');
const laughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
].join('\n');
const small = 'a: [1, 2, 3]\nb: { c: d }\n';

const rows = [
  [
    'parseJsonDocument, 300,000 keys (vs JSON.parse of the same text)',
    ...pair(
      () => parseJsonDocument(json),
      () => JSON.parse(json),
    ),
    20,
  ],
  [
    'parseYaml, 300,000 keys (vs JSON.parse of the same keys as JSON)',
    ...pair(
      () => parseYaml(yaml),
      () => JSON.parse(json),
    ),
    100,
  ],
  [
    'parseYaml refuses a "billion laughs" (vs parseYaml of a 2-line document)',
    ...pair(
      refused(() => parseYaml(laughs)),
      () => parseYaml(small),
    ),
    undefined,
  ],
];
console.log('| measure | ours | baseline | unit | ratio | goal | met |\n|---|---:|---:|---|---:|---|---|');
for (const [measure, ours, base, goal] of rows) {
  const ratio = ours / base;
  const met = goal === undefined ? '' : ratio <= goal ? 'yes' : 'NO';
  console.log(
    `| ${measure} | ${ours.toFixed(1)} | ${base.toFixed(2)} | ms | ${ratio.toFixed(1)}x | ${goal ? `≤ ${goal}x` : ''} | ${met} |`,
  );
}
