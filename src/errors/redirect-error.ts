// A 3xx answer, which the client never follows.
import { SmsError } from './sms-error.js';

/**
 * A 3xx answer. Never followed: credentials stay with the origin they were given for, and
 * ShowCommand is served at one fixed path, so a redirect means a misconfigured endpoint.
 */
export class SmsRedirectError extends SmsError {
  override readonly name = 'SmsRedirectError';
  declare readonly status: number;
  /**
   * The origin of `Location` (never its path or query), or undefined when none was visible; with any
   * secret in it replaced by `[REDACTED]` (a server can echo a token as a host name,
   * `http://<token>.example.com`), so that a logged error, which prints every field, holds none.
   * Such an origin is no longer a usable URL: `sameOrigin` was decided on the real one.
   */
  declare readonly targetOrigin: string | undefined;
  declare readonly sameOrigin: boolean;

  /** `redact` removes the client's secrets (client/redact.ts) from the origin and the message. */
  constructor(
    status: number,
    targetOrigin: string | undefined,
    endpointOrigin: string,
    redact: (text: string) => string = (text) => text,
  ) {
    const sameOrigin = targetOrigin === endpointOrigin;
    if (targetOrigin !== undefined) targetOrigin = redact(targetOrigin);
    const where =
      targetOrigin === undefined
        ? 'to a location that was not given or not readable'
        : sameOrigin
          ? `within ${targetOrigin}`
          : `to another origin, ${targetOrigin}`;
    super(
      'REDIRECT',
      redact(
        `HTTP ${status} redirect ${where}; not followed (credentials stay with ${endpointOrigin}; set endpoint to the service's own URL)`,
      ),
    );
    this.status = status;
    this.targetOrigin = targetOrigin;
    this.sameOrigin = sameOrigin;
  }
}
