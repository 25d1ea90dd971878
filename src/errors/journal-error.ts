// A journal query refused, or a wait for a request that ended without a match (the mock's admin service).
import { SmsError } from './sms-error.js';

/** What a JournalError adds to the control API's error body. */
export interface JournalErrorDetail {
  /** The parameter (or option) refused. */
  parameter?: string;
  /** The parameters the route takes, when one was not known. */
  known?: string[];
  /** The limit a wait was refused by (MAX_PENDING_WAITS). */
  limit?: number;
  /** A wait that timed out: how long it waited, and how many entries it looked at. */
  timeoutMs?: number;
  checked?: number;
}

/**
 * A journal query refused or a wait that ended without a match; `status` is the control API's: 400 a
 * filter or timeout that is wrong, 408 a wait that timed out, 429 too many waits pending; 503 the
 * mock closed while waiting (from Node: over HTTP the connection closes). `detail` is what the
 * control API's body adds to `error`.
 */
export class JournalError extends SmsError {
  override readonly name = 'JournalError';
  readonly status: 400 | 408 | 429 | 503;
  readonly detail: JournalErrorDetail;
  constructor(status: 400 | 408 | 429 | 503, message: string, detail: JournalErrorDetail = {}) {
    super(status === 408 ? 'TIMEOUT' : status === 503 ? 'ABORTED' : 'INVALID_INPUT', message);
    this.status = status;
    this.detail = detail;
  }
}
