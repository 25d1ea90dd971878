// A mock script refused: a step that breaks the contract, or no room left for it.
import { describeViolation, listViolations, type Violation } from '../contract/violations.js';
import { SmsError } from './sms-error.js';

export class ScriptError extends SmsError {
  override readonly name = 'ScriptError';
  /** What is wrong, at most MAX_VIOLATIONS and, past that, one that counts the rest (listViolations). */
  readonly violations: Violation[];
  /**
   * The control API's status for it: 400 for a step that is wrong, 409 when the scripts already
   * stored leave no room for it (MAX_SCRIPT_BYTES, MAX_SCRIPT_PATHS: delete some first).
   */
  readonly status: 400 | 409;
  constructor(violations: Violation[], where = '', status: 400 | 409 = 400) {
    const listed = listViolations(violations);
    super('SCRIPT', `${where}${listed.map(describeViolation).join('; ')}`);
    this.violations = listed;
    this.status = status;
  }
}
