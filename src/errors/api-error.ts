// A non-2xx answer, from SMS or from the API gateway in front of it.
import { SmsError } from './sms-error.js';

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
