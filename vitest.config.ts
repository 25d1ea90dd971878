import { defaultServerConditions, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/support/sequencer.js';

// package.json "imports" maps `#sha256` into dist/ for the published package; this condition (first
// in the map, also in tsconfig.json) runs the tests and their global set-ups on the sources, with no
// build. Set on every environment (vitest's own, which loads globalSetup, ignores the top-level
// `resolve`); all of them run in Node, so each resolves as Node does (`node`, not `browser`).
const SOURCE_CONDITION = 'sms-command-contract:source';
const sourceCondition: Plugin = {
  name: 'sms-command-contract:source-condition',
  configEnvironment: () => ({ resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } }),
};

export default defineConfig({
  plugins: [sourceCondition],
  test: {
    // Guards against a hang, never a speed claim (those are in bench/): long enough that a test on a
    // loaded machine (2 cores, 4 busy processes beside) still ends by its own events. Waits inside a
    // test use HANG_GUARD_MS (test/support/waits.ts); npm, git and build work NPM_GUARD_MS.
    testTimeout: 180_000,
    hookTimeout: 600_000,
    // The slow files wait on child processes (tsc, npm, Chromium, the bins); a third worker keeps both
    // cores busy while two of them wait (measured: 2 workers slower, 4 no faster and more contended).
    maxWorkers: 3,
    // The longest files first, whatever their project (test/support/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/unit/**/*.test-d.ts'],
            tsconfig: './test/tsconfig.types.json',
          },
        },
      },
      {
        // The same type tests under TypeScript 7's native checker, which consumers move to (it once
        // found a v1 client assignable to the v3 functions where TypeScript 5.9 did not).
        extends: true,
        test: {
          name: 'types-ts7',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            checker: 'tsgo',
            include: ['test/unit/**/*.test-d.ts'],
            tsconfig: './test/tsconfig.types.json',
          },
        },
      },
      {
        // The specs bundled into dist/ and one mock from src/ (no compile). The files share their
        // worker's modules (isolate: false): each loads Prism's engine once per worker, not once per file.
        extends: true,
        test: {
          name: 'contract',
          include: ['test/contract/**/*.test.ts'],
          globalSetup: ['test/support/setup-contract.ts'],
          isolate: false,
        },
      },
      // The package as published: dist/ built once (tsc and the bundles), then installed, packed, run as bins.
      {
        extends: true,
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          globalSetup: ['test/support/setup-package.ts'],
        },
      },
      // Repository tooling (release script, drift gate, spec:diff, lint, workflows): no set-up and no
      // build; each file prepares what it needs (test/support/specs.ts bundles the specs in memory here).
      { extends: true, test: { name: 'tooling', include: ['test/tooling/**/*.test.ts'], isolate: false } },
    ],
  },
});
