// A 3xx answer, which the client never follows.
import { SmsError } from './sms-error.js';

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
    const where =
      targetOrigin === undefined
        ? 'to a location that was not given or not readable'
        : sameOrigin
          ? `within ${targetOrigin}`
          : `to another origin, ${targetOrigin}`;
    super(
      'REDIRECT',
      `HTTP ${status} redirect ${where}; not followed (credentials stay with ${endpointOrigin}; set endpoint to the service's own URL)`,
    );
    this.status = status;
    this.targetOrigin = targetOrigin;
    this.sameOrigin = sameOrigin;
  }
}
