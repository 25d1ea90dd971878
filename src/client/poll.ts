// The loop a migration Agent runs all day: ask for the command, act, wait, ask again; back off when
// the service is busy or unreachable, stop when told to, give up on what waiting cannot fix.
import { SmsApiError } from '../errors/api-error.js';
import { invalid, type SmsError } from '../errors/sms-error.js';
import { describeJson } from '../text.js';
import { checkPositive, type Limit } from './options.js';

/**
 * The longest the poller ever waits, 1 hour: every wait it computes (the interval, a backoff step, a
 * `Retry-After`) is at most this. A longer `Retry-After` is clamped to it (and `onRetry` is told);
 * a longer `intervalMs`, `initialBackoffMs` or `maxBackoffMs` is refused. (setTimeout cannot wait
 * past 2,147,483,647 ms: it fires after 1 ms instead, so an unclamped wait would hammer the service.)
 */
export const MAX_POLL_WAIT_MS = 3_600_000;
const WAIT_LIMIT: Limit = { value: MAX_POLL_WAIT_MS, name: 'MAX_POLL_WAIT_MS, 1 hour' };

/** What `onRetry` is told beside the wait: the `Retry-After` the server asked for, and whether it was clamped. */
export interface RetryInfo {
  /** The server's `Retry-After` in ms, as asked (before clamping); undefined when it sent none. */
  retryAfterMs: number | undefined;
  /** True when `Retry-After` asked for more than MAX_POLL_WAIT_MS and the wait was cut to it. */
  clamped: boolean;
}

export interface PollOptions {
  /**
   * The wait after each command before asking again. Default 10 s: Huawei's pages do not say how
   * often the Agent polls; choose what your task needs. At most MAX_POLL_WAIT_MS (1 hour).
   */
  intervalMs?: number;
  /** Stops the poller: the loop ends (no error), also in the middle of a call or a wait. */
  signal?: AbortSignal;
  /** The first wait after a failure that waiting can fix; it doubles per failure in a row. Default 1 s; at most MAX_POLL_WAIT_MS. */
  initialBackoffMs?: number;
  /**
   * The longest wait after a failure, before jitter; a longer `Retry-After` is still honoured, up to
   * MAX_POLL_WAIT_MS. Default 60 s; at most MAX_POLL_WAIT_MS.
   */
  maxBackoffMs?: number;
  /** Which failures are waited out. Default: `isRetryable` (429, 5xx, NETWORK, TIMEOUT). */
  retryOn?: (error: SmsError) => boolean;
  /**
   * Told of each failure that is waited out, with the wait in ms, how many failed in a row, and
   * whether a `Retry-After` was clamped to MAX_POLL_WAIT_MS.
   */
  onRetry?: (error: SmsError, delayMs: number, attempt: number, info: RetryInfo) => void;
  /** A number in [0, 1) for the jitter (a value outside it counts as the nearest end; NaN as 1). Default Math.random. */
  random?: () => number;
}

export const DEFAULT_POLL_INTERVAL_MS = 10_000;

/**
 * Whether waiting can fix a failure: throttling (429), a server or gateway error (5xx), a network
 * failure or a timeout. Not 401 or 403 (credentials or policy must change), not a 400, a 404
 * (SMS.2252: no migration task for this server), a redirect, a garbled body or bad input.
 */
export function isRetryable(error: SmsError): boolean {
  if (error instanceof SmsApiError) return error.status === 429 || error.status >= 500;
  return error.code === 'NETWORK' || error.code === 'TIMEOUT';
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (finished: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(finished);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The `Retry-After` of a failure in ms, as the server asked; undefined when there was none. */
const retryAfterMs = (error: SmsError): number | undefined =>
  error instanceof SmsApiError && error.retryAfter !== undefined ? error.retryAfter * 1000 : undefined;

/**
 * Equal jitter: half of the exponential step is certain, half random, so a fleet of Agents that
 * failed together does not come back together. `Retry-After` is a floor. The result is never more
 * than MAX_POLL_WAIT_MS.
 */
export function backoffDelay(
  attempt: number,
  error: SmsError,
  options: Required<Pick<PollOptions, 'initialBackoffMs' | 'maxBackoffMs' | 'random'>>,
): number {
  const step = Math.min(options.maxBackoffMs, options.initialBackoffMs * 2 ** (attempt - 1));
  const r = options.random();
  const share = r >= 0 ? Math.min(r, 1) : Number.isNaN(r) ? 1 : 0;
  const jittered = Math.round(step / 2 + share * (step / 2));
  return Math.min(MAX_POLL_WAIT_MS, Math.max(jittered, retryAfterMs(error) ?? 0));
}

function checkFunction(value: unknown, what: string): void {
  if (value !== undefined && typeof value !== 'function')
    throw invalid(`${what} must be a function, got ${describeJson(value)}`);
}

/** Polls `fetchOne` forever (until the signal aborts), yielding each result. */
export async function* poll<T>(
  fetchOne: (signal: AbortSignal | undefined) => Promise<T>,
  options: PollOptions = {},
): AsyncGenerator<T, void, undefined> {
  const { signal, retryOn = isRetryable, onRetry, random = Math.random } = options ?? {};
  const intervalMs = checkPositive(
    options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    'intervalMs',
    'milliseconds',
    WAIT_LIMIT,
  );
  const initialBackoffMs = checkPositive(
    options.initialBackoffMs ?? 1000,
    'initialBackoffMs',
    'milliseconds',
    WAIT_LIMIT,
  );
  const maxBackoffMs = checkPositive(options.maxBackoffMs ?? 60_000, 'maxBackoffMs', 'milliseconds', WAIT_LIMIT);
  checkFunction(retryOn, 'retryOn');
  checkFunction(onRetry, 'onRetry');
  checkFunction(random, 'random');
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalid('signal must be an AbortSignal');
  let failures = 0;
  while (!signal?.aborted) {
    let result: T;
    try {
      result = await fetchOne(signal);
    } catch (error) {
      const failure = error as SmsError;
      if (signal?.aborted) return;
      if (!retryOn(failure)) throw failure;
      failures += 1;
      const delay = backoffDelay(failures, failure, { initialBackoffMs, maxBackoffMs, random });
      const asked = retryAfterMs(failure);
      onRetry?.(failure, delay, failures, {
        retryAfterMs: asked,
        clamped: asked !== undefined && asked > MAX_POLL_WAIT_MS,
      });
      if (!(await pause(delay, signal))) return;
      continue;
    }
    failures = 0;
    yield result;
    if (!(await pause(intervalMs, signal))) return;
  }
}
