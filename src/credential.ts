// One check for every credential that goes into a header (a token, an AK, an SK, a security token, a
// domain id): the client runs it once, when it is made; signRequest runs it on its own input.
import { invalid } from './errors/sms-error.js';

/** A control character would end the header early (`\r\n`) and let the value inject another one. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Throws INVALID_INPUT unless `value` is a non-empty string of at most `max` characters with no
 * control character. `name` is what the caller called it (`auth.sk`, `credentials.ak`); the message
 * never repeats the value.
 */
export function checkCredential(value: unknown, name: string, max = Infinity): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(`${name} must be a non-empty string`);
  if (value.length > max) throw invalid(`${name} is ${value.length} characters long; at most ${max} are allowed`);
  if (CONTROL.test(value)) throw invalid(`${name} contains control characters`);
}
