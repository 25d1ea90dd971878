// `npm run spec:diff -- --base <git-ref>`: what a spec change does to clients, per API version.
// Bundles each version at <git-ref> and in the working tree, diffs them with api-smart-diff, prints a
// Markdown report (breaking changes first, then new command values, then the rest) and exits 1 when
// anything breaks clients, 2 when it could not compare.
// The parts live in scripts/spec-diff/: the classified changes, the base read with git, the report,
// the command line.
import { isMain } from './root.mjs';
import { diffAgainst } from './spec-diff/base.mjs';
import { SpecDiffError } from './spec-diff/error.mjs';
import { baseFrom, HELP } from './spec-diff/options.mjs';
import { renderReport } from './spec-diff/report.mjs';

export { COMMAND_VALUE, diffDocuments } from './spec-diff/changes.mjs';
export { diffAgainst, newestSection } from './spec-diff/base.mjs';
export { SpecDiffError } from './spec-diff/error.mjs';
export { baseFrom, HELP } from './spec-diff/options.mjs';
export { renderReport } from './spec-diff/report.mjs';

// Run, not imported (the tests import it).
if (isMain(import.meta.url)) {
  try {
    const base = baseFrom(process.argv.slice(2));
    if (base === undefined) {
      console.log(HELP);
      process.exit(0);
    }
    const results = await diffAgainst(base);
    console.log(renderReport(results, base));
    process.exit(results.some((r) => r.breaking.length) ? 1 : 0);
  } catch (error) {
    // A mistake it can name: one line and the way to the options. Anything else (a spec that does
    // not bundle) by its message: still one exit 2, never a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      `spec:diff: ${message}${error instanceof SpecDiffError ? '\nRun npm run spec:diff -- --help for the options.' : ''}`,
    );
    process.exit(2);
  }
}
