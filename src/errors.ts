// Every failure of this package is one of these, with a `code` that says what kind it is.

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
  /** A non-2xx answer; the error is an `SmsApiError`. */
  | 'HTTP';

/** What a thrown error's `cause` keeps of the original: never the object itself, which may hold a request. */
export interface SmsErrorCause {
  name: string;
  message: string;
  code?: string;
}

export class SmsError extends Error {
  override readonly name: string = 'SmsError';
  readonly code: SmsErrorCode;
  declare readonly cause?: SmsErrorCause;

  constructor(code: SmsErrorCode, message: string, options?: { cause?: SmsErrorCause }) {
    super(message, options?.cause ? { cause: options.cause } : undefined);
    this.code = code;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, ...(this.cause ? { cause: this.cause } : {}) };
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
  /** The body as received: parsed JSON when it was JSON, else its text. */
  body: unknown;
}

/** A non-2xx answer, from SMS or from the API gateway in front of it (`APIGW.*` codes). */
export class SmsApiError extends SmsError implements SmsApiErrorFields {
  override readonly name = 'SmsApiError';
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly errorMsg: string | undefined;
  readonly requestId: string | undefined;
  readonly encodedAuthorizationMessage: string | undefined;
  readonly errorParam: string[] | undefined;
  readonly details: SmsErrorDetail[] | undefined;
  readonly body: unknown;

  constructor(fields: SmsApiErrorFields) {
    const code = fields.errorCode ? ` ${fields.errorCode}` : '';
    const msg = fields.errorMsg ? `: ${fields.errorMsg}` : '';
    const id = fields.requestId ? ` (request id ${fields.requestId})` : '';
    super('HTTP', `HTTP ${fields.status}${code}${msg}${id}`);
    this.status = fields.status;
    this.errorCode = fields.errorCode;
    this.errorMsg = fields.errorMsg;
    this.requestId = fields.requestId;
    this.encodedAuthorizationMessage = fields.encodedAuthorizationMessage;
    this.errorParam = fields.errorParam;
    this.details = fields.details;
    this.body = fields.body;
  }

  override toJSON(): Record<string, unknown> {
    const { status, errorCode, errorMsg, requestId, encodedAuthorizationMessage, errorParam, details, body } = this;
    return { ...super.toJSON(), status, errorCode, errorMsg, requestId, encodedAuthorizationMessage, errorParam, details, body };
  }
}

export const isSmsError = (value: unknown): value is SmsError => value instanceof SmsError;
