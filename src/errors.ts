// Every failure of this package is one of these, with a `code` that says what kind it is.
import { printable } from './text.js';

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
  | 'HTTP';

/** What a thrown error's `cause` keeps of the original: never the object itself, which may hold a request. */
export interface SmsErrorCause {
  name: string;
  message: string;
  code?: string;
}

export class SmsError extends Error {
  override readonly name: string = 'SmsError';
  declare readonly code: SmsErrorCode;
  declare readonly cause?: SmsErrorCause;

  /**
   * `message` and the cause's message are made printable here, for every error of the package: a
   * control or invisible format character (an ESC sequence in a server's error_msg, a right-to-left
   * override) becomes a visible escape such as `\u{1b}` (see `printable`). Fields that hold data
   * (`body`, `errorMsg`, ...) keep what was received.
   */
  constructor(code: SmsErrorCode, message: string, options?: { cause?: SmsErrorCause }) {
    const cause = options?.cause;
    super(printable(message), cause ? { cause: { ...cause, message: printable(cause.message) } } : undefined);
    this.code = code;
  }

  /** Every field of the error (a subclass's too), its message and its cause: what JSON.stringify shows. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), message: this.message, ...(this.cause ? { cause: this.cause } : {}) };
  }
}

export interface SmsErrorDetail {
  error_code?: string;
  error_msg?: string;
  [key: string]: unknown;
}

export interface SmsApiErrorFields {
  status: number;
  errorCode?: string | undefined;
  errorMsg?: string | undefined;
  requestId?: string | undefined;
  encodedAuthorizationMessage?: string | undefined;
  errorParam?: string[] | undefined;
  details?: SmsErrorDetail[] | undefined;
  /** The body as received: parsed JSON when it was JSON, else its text; undefined when unread. */
  body: unknown;
  /** Seconds to wait before asking again, from a `Retry-After` header (either of its forms). */
  retryAfter?: number | undefined;
  /** Why the body is missing (over the limit, cut off), added to the message. */
  note?: string | undefined;
}

/** A non-2xx answer, from SMS or from the API gateway in front of it (`APIGW.*` codes). */
export class SmsApiError extends SmsError implements SmsApiErrorFields {
  override readonly name = 'SmsApiError';
  declare readonly status: number;
  declare readonly errorCode: string | undefined;
  declare readonly errorMsg: string | undefined;
  declare readonly requestId: string | undefined;
  declare readonly encodedAuthorizationMessage: string | undefined;
  declare readonly errorParam: string[] | undefined;
  declare readonly details: SmsErrorDetail[] | undefined;
  declare readonly body: unknown;
  /** Seconds to wait before asking again, when the answer had `Retry-After` (429, 503). */
  declare readonly retryAfter: number | undefined;

  constructor(fields: SmsApiErrorFields) {
    const code = fields.errorCode ? ` ${fields.errorCode}` : '';
    const msg = fields.errorMsg ? `: ${fields.errorMsg}` : '';
    const id = fields.requestId ? ` (request id ${fields.requestId})` : '';
    const retry = fields.retryAfter !== undefined ? ` (retry after ${fields.retryAfter} s)` : '';
    const note = fields.note ? ` (${fields.note})` : '';
    super('HTTP', `HTTP ${fields.status}${code}${msg}${id}${retry}${note}`);
    this.status = fields.status;
    this.errorCode = fields.errorCode;
    this.errorMsg = fields.errorMsg;
    this.requestId = fields.requestId;
    this.encodedAuthorizationMessage = fields.encodedAuthorizationMessage;
    this.errorParam = fields.errorParam;
    this.details = fields.details;
    this.body = fields.body;
    this.retryAfter = fields.retryAfter;
  }
}

/**
 * A 3xx answer. Never followed: credentials stay with the origin they were given for, and
 * ShowCommand is served at one fixed path, so a redirect means a misconfigured endpoint.
 */
export class SmsRedirectError extends SmsError {
  override readonly name = 'SmsRedirectError';
  declare readonly status: number;
  /** The origin of `Location` (never its path or query), or undefined when none was visible. */
  declare readonly targetOrigin: string | undefined;
  declare readonly sameOrigin: boolean;

  constructor(status: number, targetOrigin: string | undefined, endpointOrigin: string) {
    const sameOrigin = targetOrigin === endpointOrigin;
    const where = targetOrigin === undefined ? 'to a location that was not given or not readable' : sameOrigin ? `within ${targetOrigin}` : `to another origin, ${targetOrigin}`;
    super('REDIRECT', `HTTP ${status} redirect ${where}; not followed (credentials stay with ${endpointOrigin}; set endpoint to the service's own URL)`);
    this.status = status;
    this.targetOrigin = targetOrigin;
    this.sameOrigin = sameOrigin;
  }
}

export const isSmsError = (value: unknown): value is SmsError => value instanceof SmsError;
