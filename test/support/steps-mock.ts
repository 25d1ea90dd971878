// What the mock-steps-*.test.ts files share: a mock with no auth, and the words a script is refused
// with when it sends a field the contract does not list (the rule sms-command-verify calls drift).
import { expect } from 'vitest';
import { ScriptError, type Step } from '../../src/mock.js';
import { useMock } from './mock-fixture.js';

export const DRIFT =
  'sms-command-verify reports a field the contract does not list as drift: set "unchecked": true to send it anyway (properties)';

/**
 * The state a script of `[{ body: { command_name: 'SKIP' } }, { status: 404 }]` is stored as, before
 * any is served: each step with its defaults filled in, the 404 with the spec's own body.
 */
export const skipThen404State = (path: string) => ({
  path,
  served: 0,
  repeatsLast: false,
  remaining: [
    { status: 200, body: { command_name: 'SKIP' }, headers: {}, delay_ms: 0, times: 1, unchecked: false },
    {
      status: 404,
      body: expect.objectContaining({ error_code: 'SMS.2252' }),
      headers: {},
      delay_ms: 0,
      times: 1,
      unchecked: false,
    },
  ],
});

/** The file's mock (test/support/mock-fixture.ts; scripts cleared by each refusal, not reset) and its refusals. */
export function useStepsMock() {
  const mock = useMock({ port: 0 }, { reset: false });
  /** The message a script is refused with (through the JS door), or 'accepted'. */
  function refusal(path: string, steps: unknown): string {
    try {
      mock.script(path, steps as Step[]);
      return 'accepted';
    } catch (error) {
      expect(error).toBeInstanceOf(ScriptError);
      return (error as ScriptError).message;
    } finally {
      mock.clearScripts(path);
    }
  }
  return { mock, refusal };
}
