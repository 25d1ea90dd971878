// A YAML or JSON text that cannot be read (a scenario file, a control request's body).
import { SmsError } from './sms-error.js';

/** A document that cannot be read, with the 1-based line and column of the problem. */
export class TextError extends SmsError {
  override readonly name = 'TextError';
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super('PARSE', `line ${line}, column ${column}: ${reason}`);
  }
}
