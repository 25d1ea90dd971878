// What the mock-steps-*.test.ts files share: a mock with no auth, and the words a script is refused
// with when it sends a field the contract does not list (the rule sms-command-verify calls drift).
import { expect } from 'vitest';
import { ScriptError, type Step } from '../../src/mock.js';
import { useMock } from './mock-fixture.js';

export const DRIFT =
  'sms-command-verify reports a field the contract does not list as drift: set "unchecked": true to send it anyway (properties)';

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
