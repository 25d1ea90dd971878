// The id check before any request (ShowCommand, UpdateCommandResult, a path parameter given to
// openapi-fetch): what the spec's id rule is, in the client's words.
import { invalid } from '../errors/sms-error.js';
import { codePoints, describeJson } from '../text.js';

/** A lone surrogate: half of a UTF-16 pair, which has no UTF-8 form and so no percent-encoding. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Rejects an id before any request: a string of 1..max characters, not '.' or '..', and well-formed
 * Unicode. Characters are code points, as JSON Schema's maxLength counts them (and so the spec, the
 * mock and sms-command-verify): an emoji is one character, not two UTF-16 units. O(id length).
 */
export function checkId(id: unknown, what: string, max?: number): asserts id is string {
  if (typeof id !== 'string') throw invalid(`${what} must be a string, got ${describeJson(id)}`);
  if (id.length === 0) throw invalid(`${what} must not be empty`);
  const lone = LONE_SURROGATE.exec(id);
  if (lone)
    throw invalid(
      `${what} is not well-formed Unicode (a lone surrogate, U+${lone[0].charCodeAt(0).toString(16).toUpperCase()}) and cannot be sent in a URL`,
    );
  // A string of at most `max` UTF-16 units has at most `max` code points: count only past that.
  if (max !== undefined && id.length > max) {
    const characters = codePoints(id);
    if (characters > max) throw invalid(`${what} is ${characters} characters long; at most ${max} are allowed`);
  }
  if (id === '.' || id === '..') throw invalid(`${what} must not be "." or ".."`);
}
