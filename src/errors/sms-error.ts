// The base of every error this package throws: a `code` that says what kind of failure it is, a
// message that is safe to print, and a brand that the guards recognise across realms.
import { printable } from '../text.js';

export type SmsErrorCode =
  /** Rejected before any request: a bad id, a malformed token or credentials, bad options. */
  | 'INVALID_INPUT'
  /** No answer within `timeoutMs`. */
  | 'TIMEOUT'
  /** The caller's `signal` aborted the call. */
  | 'ABORTED'
  /** The request did not reach the server or the connection failed (DNS, refused, reset, TLS). */
  | 'NETWORK'
  /** A 2xx answer whose body is not the documented JSON: HTML, truncated, empty, wrong types. */
  | 'BAD_RESPONSE'
  /** A 3xx answer, never followed: the error is an `SmsRedirectError`. */
  | 'REDIRECT'
  /** A non-2xx, non-3xx answer; the error is an `SmsApiError`. */
  | 'HTTP'
  /** The mock could not start (Prism missing, an unusable document, the port taken): a `MockStartError`. */
  | 'MOCK_START'
  /** A mock script that breaks the contract or does not fit: a `ScriptError`. */
  | 'SCRIPT'
  /** A YAML or JSON text the mock cannot read, with the line and column: a `TextError`. */
  | 'PARSE';

/** What a thrown error's `cause` keeps of the original: never the object itself, which may hold a request. */
export interface SmsErrorCause {
  name: string;
  message: string;
  code?: string;
}

export interface SmsErrorOptions {
  cause?: SmsErrorCause;
  /**
   * Keep the message's line breaks (each line is still made printable): for messages the package
   * writes in lines itself, such as the mock's install hint. Text from elsewhere never gets this.
   */
  multiline?: boolean;
}

/**
 * The brand every error of the family carries on its prototype. `instanceof` fails for an error made
 * by another copy of the package (two versions installed, a worker, a `vm` context); `Symbol.for` is
 * the same symbol in every realm, so the guards (`isSmsError`, ...) still know it, as ky's do.
 */
export const SMS_ERROR_BRAND: unique symbol = Symbol.for('sms-command-contract.error');

const lines = (text: string) => text.split('\n').map(printable).join('\n');

export class SmsError extends Error {
  override readonly name: string = 'SmsError';
  declare readonly code: SmsErrorCode;
  declare readonly cause?: SmsErrorCause;
  declare readonly [SMS_ERROR_BRAND]: true;

  /**
   * `message` and the cause's message are made printable here, for every error of the package: a
   * control or invisible format character (an ESC sequence in a server's error_msg, a right-to-left
   * override) becomes a visible escape such as `\u{1b}` (see `printable`). Fields that hold data
   * (`body`, `errorMsg`, ...) keep what was received.
   */
  constructor(code: SmsErrorCode, message: string, options?: SmsErrorOptions) {
    const cause = options?.cause;
    const text = options?.multiline ? lines(message) : printable(message);
    super(text, cause ? { cause: { ...cause, message: printable(cause.message) } } : undefined);
    this.code = code;
  }

  /** Every field of the error (a subclass's too), its message and its cause: what JSON.stringify shows. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), message: this.message, ...(this.cause ? { cause: this.cause } : {}) };
  }
}

// On the prototype, not on each instance: not an own property, so `toJSON`'s spread and
// `Object.keys` do not show it.
Object.defineProperty(SmsError.prototype, SMS_ERROR_BRAND, { value: true });

/** INVALID_INPUT: what the caller gave is refused before anything is sent. */
export const invalid = (message: string) => new SmsError('INVALID_INPUT', message);

/** BAD_RESPONSE: a 2xx answer whose body is not the documented JSON. */
export const badResponse = (message: string) => new SmsError('BAD_RESPONSE', message);
