// A mock script refused: a step that breaks the contract, or no room left for it.
import { SmsError } from './sms-error.js';

/** One way a script step (or an id, or a body) breaks the contract. */
export interface Violation {
  /** Where: `server_id`, `steps[0].body.command_name`, ... */
  field: string;
  /** The spec rule that failed (`maxLength 36`, `type string`, `enum`, ...) or the mock's own. */
  rule: string;
  message: string;
}

export const describeViolation = (v: Violation) => `${v.field}: ${v.message} (${v.rule})`;

export class ScriptError extends SmsError {
  override readonly name = 'ScriptError';
  readonly violations: Violation[];
  /**
   * The control API's status for it: 400 for a step that is wrong, 409 when the scripts already
   * stored leave no room for it (MAX_SCRIPT_BYTES, MAX_SCRIPT_PATHS: delete some first).
   */
  readonly status: 400 | 409;
  constructor(violations: Violation[], where = '', status: 400 | 409 = 400) {
    super('SCRIPT', `${where}${violations.map(describeViolation).join('; ')}`);
    this.violations = violations;
    this.status = status;
  }
}
