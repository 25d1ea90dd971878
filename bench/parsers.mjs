// `node bench/parsers.mjs`: the mock's readers of scenario and control texts, as ratio rows against a
// baseline measured in the same run, then what a user reads for nine bad scenario files. The claims
// the tests once made with a clock (a test asserts only what is read or refused): 300,000 keys are
// read in linear time with the duplicate check (a quadratic check took minutes), and a "billion
// laughs" YAML is refused before it expands. And the figures that keep our readers over the `yaml`
// package (a devDependency; CONTRIBUTING.md, "Decisions"): its parse, with `maxAliasCount` and
// `uniqueKeys`, on a 4 MiB scenario, the same bombs, and growing mappings (its duplicate check
// compares each key with every earlier one). Medians of 5 rounds, contenders alternated. Needs
// `npm run build` (dist/).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { root } from '../scripts/root.mjs';
import { laughs, manyKeys, scenarioYaml, small } from './lib/parser-inputs.mjs';
import { messagesTable } from './lib/parser-messages.mjs';

const load = (file) => import(pathToFileURL(join(root, 'dist/src/mock', file)).href);
const { parseJsonDocument } = await load('texts/json.js');
const { parseYaml, YAML_MAX_ALIAS_NODES } = await load('texts/yaml.js');
/** `yaml`'s parse held to our rules: aliases bounded, a key twice refused (`unique: false`: not refused). */
const yaml =
  (text, unique = true) =>
  () =>
    parse(text, { maxAliasCount: YAML_MAX_ALIAS_NODES, uniqueKeys: unique });

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

const { json, yaml: yamlKeys } = manyKeys(300_000);
const half = manyKeys(8_000);
const full = manyKeys(16_000);
const scenario = scenarioYaml();
const scripts = Object.keys(parseYaml(scenario).scripts).length;
const scenarioJson = JSON.stringify(parseYaml(scenario)); // compact: indented, it would be over SCENARIO_MAX_BYTES
const MiB = (text) => `${(text.length / 2 ** 20).toFixed(1)} MiB`;

/** [measure, ours, baseline, goal (a ratio; undefined: none)] */
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
      () => parseYaml(yamlKeys),
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
  [
    `parseYaml, a ${MiB(scenario)} scenario, ${scripts} scripts (vs yaml parse)`,
    ...pair(() => parseYaml(scenario), yaml(scenario)),
    1,
  ],
  [
    `parseJsonDocument, the same scenario as JSON, ${MiB(scenarioJson)} (vs yaml parse)`,
    ...pair(() => parseJsonDocument(scenarioJson), yaml(scenarioJson)),
    1,
  ],
  [
    'parseYaml refuses a "billion laughs" (vs yaml parse refusing it)',
    ...pair(
      refused(() => parseYaml(laughs)),
      refused(yaml(laughs)),
    ),
    undefined,
  ],
  ['parseYaml, 16,000 keys (vs yaml parse, uniqueKeys)', ...pair(() => parseYaml(full.yaml), yaml(full.yaml)), 1],
  [
    'parseYaml, 16,000 keys (vs 8,000): linear',
    ...pair(
      () => parseYaml(full.yaml),
      () => parseYaml(half.yaml),
    ),
    3,
  ],
  ['yaml parse, uniqueKeys, 16,000 keys (vs 8,000): quadratic', ...pair(yaml(full.yaml), yaml(half.yaml)), undefined],
  [
    'parseJsonDocument, 300,000 keys (vs yaml parse without uniqueKeys: its check would take minutes)',
    ...pair(() => parseJsonDocument(json), yaml(json, false)),
    1,
  ],
];
console.log('| measure | ours | baseline | unit | ratio | goal | met |\n|---|---:|---:|---|---:|---|---|');
for (const [measure, ours, base, goal] of rows) {
  const ratio = ours / base;
  const met = goal === undefined ? '' : ratio <= goal ? 'yes' : 'NO';
  console.log(
    `| ${measure} | ${ours.toFixed(1)} | ${base.toFixed(2)} | ms | ${ratio.toFixed(2)}x | ${goal ? `≤ ${goal}x` : ''} | ${met} |`,
  );
}
console.log(`\nWhat a user reads for a bad scenario file:\n\n${messagesTable(YAML_MAX_ALIAS_NODES)}`);
