// The mock could not start: Prism missing, an unusable OpenAPI document, a bad option, the port taken.
import { SmsError, type SmsErrorCause } from './sms-error.js';

export class MockStartError extends SmsError {
  override readonly name = 'MockStartError';

  /**
   * The message keeps its line breaks: the install hint stands on a line of its own, ready to copy.
   * `cause` keeps what the system said (`code` `EADDRINUSE` for a port in use), for callers to branch on.
   */
  constructor(message: string, options: { cause?: SmsErrorCause } = {}) {
    super('MOCK_START', message, { multiline: true, ...options });
  }
}
