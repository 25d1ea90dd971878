// Waiting for what the mock reports, not for time: a condition polled until it holds, with a guard
// against a hang far longer than any loaded machine needs (the test names what it waited for).
import { vi } from 'vitest';
import type { Mock } from '../../src/mock.js';

/** How long a wait for an event may take before the test fails as hung (not a speed claim). */
export const HANG_GUARD_MS = 60_000;
/** The same guard for npm, git, a build or a process start (minutes on a loaded machine; the test's own timeout may end it first). */
export const NPM_GUARD_MS = 600_000;

/** Resolves once `n` waits for a request are pending on the mock (an HTTP wait counts once its request arrived). */
export const pendingWaits = (mock: Pick<Mock, 'health'>, n: number) =>
  vi.waitFor(
    () => {
      const pending = mock.health().waits.pending;
      if (pending !== n) throw new Error(`${pending} waits pending, not ${n}`);
    },
    { timeout: HANG_GUARD_MS, interval: 5 },
  );
