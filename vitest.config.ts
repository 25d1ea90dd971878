import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files first (a git install of the package, the consumer of the tarball, the docs in
 * Chromium): on a fresh clone vitest has no timings yet and would start them last, leaving one core
 * idle at the end while they finish.
 */
const LONGEST = ['test/package/install.test.ts', 'test/package/consumer.test.ts', 'test/package/docs.test.ts'];
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const at = LONGEST.findIndex((name) => f.moduleId.endsWith(name));
      return at < 0 ? LONGEST.length : at;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

// Four projects, by what a test needs:
//   unit      nothing: no build, no server (clients, signing, redaction, the poller)
//   types     the type tests (*.test-d.ts), checked by tsc: seconds, so apart from the unit loop
//   contract  the bundled specs and a mock run from src/ (contract tests, the mock, verify, spec facts)
//   package   the built package and docs (consumer, git install, bins, npm start, docs in Chromium,
//             lint, drift, spec:diff, workflows, README snippets)
// `npm run test:unit` runs the first alone; `npm test` runs all four.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The slow files wait on child processes (tsc, npm, Chromium); two workers keep both cores busy.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: { enabled: true, only: true, include: ['test/unit/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      { extends: true, test: { name: 'contract', include: ['test/contract/**/*.test.ts'], globalSetup: ['test/support/setup-contract.ts'] } },
      { extends: true, test: { name: 'package', include: ['test/package/**/*.test.ts'], globalSetup: ['test/support/setup-package.ts'] } },
    ],
  },
});
