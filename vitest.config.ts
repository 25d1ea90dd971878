import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-mock.ts'],
    testTimeout: 30_000,
    // The slow files wait on child processes (Prism, tsc, npm, Chromium); two workers keep both
    // cores busy where vitest's default on a 2-core machine runs one file at a time.
    maxWorkers: 2,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
