import { defineConfig } from 'vitest/config';

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
