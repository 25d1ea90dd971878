// What every request of a client shares, fixed when the client is made (client/factory.ts).
import type { Authenticator } from './auth.js';
import type { Redactor } from './redact.js';

export type FetchFunction = (request: Request) => Promise<Response>;

/** Everything a request needs, fixed when the client is made. */
export interface RequestContext {
  /** Without a trailing slash. */
  baseUrl: string;
  origin: string;
  /** The client's own headers. */
  headers: Record<string, string>;
  /** `headers` with a token's `X-Auth-Token` added once (a token never changes); else `headers`. */
  authedHeaders: Record<string, string>;
  /** Other RequestInit fields given with the options (credentials, mode, ...). */
  init: RequestInit;
  /** The caller's fetch; without one, `globalThis.fetch` as it is at the time of each call. */
  fetch: FetchFunction | undefined;
  /** Undefined sends no credentials. */
  auth: Authenticator | undefined;
  timeoutMs: number;
  maxBodyBytes: number;
  redact: Redactor;
}
