// One mock per test file, for the contract files split by concern that share a set-up: started before
// the file's tests, reset after each (scripts, journal, what was served), closed after them all.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startMock, type Mock, type MockOptions } from '../../src/mock.js';
import { lateBound } from './late-bound.js';

/** The file's mock, as a handle (test/support/late-bound.ts) the file's helpers can close over. */
export function useMock(options: MockOptions, { reset = true } = {}): Mock {
  let mock: Mock | undefined;
  beforeAll(async () => {
    mock = await startMock(options);
  });
  afterAll(() => mock?.close());
  if (reset) afterEach(() => mock?.reset());
  return lateBound('mock', () => mock);
}
