// The mock could not start: Prism missing, an unusable OpenAPI document, a bad option, the port taken.
import { SmsError } from './sms-error.js';

export class MockStartError extends SmsError {
  override readonly name = 'MockStartError';

  /** The message keeps its line breaks: the install hint stands on a line of its own, ready to copy. */
  constructor(message: string) {
    super('MOCK_START', message, { multiline: true });
  }
}
