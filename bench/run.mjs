// `npm run bench`: every part, then bench/results.md rewritten (a full run took 7 minutes on 2026-11-27).
//   --quick              fewer rounds, no fresh-clone suite; results.md left as it is
//   --no-suite           everything but the fresh-clone suite
//   --only=a,b, --only a,b  just these parts: client, signing, cold-start, bundle, mock, verify, record, suite
// every figure against a baseline measured in the same run, contenders alternated,
// medians reported. Prints one table and writes it to bench/results.md. Not part of `npm test`.
// Each part is a module of its own (bench/<part>.mjs); what they share is in bench/lib/.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from '../scripts/root.mjs';
import { bundleBench } from './bundle.mjs';
import { clientBench } from './client.mjs';
import { coldStartBench } from './cold-start.mjs';
import { dist, log, quick } from './lib/env.mjs';
import { ID } from './lib/fixtures.mjs';
import { median, report, row, table } from './lib/rows.mjs';
import { mockBench } from './mock.mjs';
import { recordBench } from './record.mjs';
import { signingBench } from './signing.mjs';
import { suiteBench } from './suite.mjs';
import { verifyBench } from './verify.mjs';

// `--only=a,b` or `--only a,b`; a part name the bench does not have is an error, not a full run.
const onlyAt = process.argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
const only =
  onlyAt < 0 ? undefined : (process.argv[onlyAt].slice(7) || process.argv[onlyAt + 1] || '').split(',').filter(Boolean);
const noSuite = process.argv.includes('--no-suite');
// bench/results.md, which docs/performance.md quotes, holds full runs only.
const full = !only && !quick && !noSuite;
const parts = {
  client: clientBench,
  signing: signingBench,
  'cold-start': coldStartBench,
  bundle: bundleBench,
  mock: mockBench,
  verify: verifyBench,
  suite: suiteBench,
  record: () => recordBench({ dist, row, median, quick, log, ID }),
};
const unknown = (only ?? []).filter((name) => !(name in parts));
if (unknown.length || only?.length === 0) {
  console.error(
    `--only takes part names, comma-separated: ${Object.keys(parts).join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}`,
  );
  process.exit(2);
}
for (const [name, part] of Object.entries(parts)) {
  // The fresh-clone suite (a minute of npm ci and npm test) runs in full runs only, or when named.
  if (only ? only.includes(name) : !(name === 'suite' && (noSuite || quick))) await part();
}

console.log(table());
if (full) await writeFile(join(root, 'bench/results.md'), report(quick));
else console.log('\n(a partial or quick run: bench/results.md is left as it is)');
