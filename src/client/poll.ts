// The loop a migration Agent runs all day: ask for the command, act, wait, ask again; back off when
// the service is busy or unreachable, stop when told to, give up on what waiting cannot fix.
import { SmsApiError, type SmsError } from '../errors.js';
import { checkPositive, invalid } from './options.js';

export interface PollOptions {
  /**
   * The wait after each command before asking again. Default 10 s: Huawei's pages do not say how
   * often the Agent polls; choose what your task needs.
   */
  intervalMs?: number;
  /** Stops the poller: the loop ends (no error), also in the middle of a call or a wait. */
  signal?: AbortSignal;
  /** The first wait after a failure that waiting can fix; it doubles per failure in a row. Default 1 s. */
  initialBackoffMs?: number;
  /** The longest wait after a failure, before jitter; a longer `Retry-After` is still honoured. Default 60 s. */
  maxBackoffMs?: number;
  /** Which failures are waited out. Default: `isRetryable` (429, 5xx, NETWORK, TIMEOUT). */
  retryOn?: (error: SmsError) => boolean;
  /** Told of each failure that is waited out, with the wait in ms and how many failed in a row. */
  onRetry?: (error: SmsError, delayMs: number, attempt: number) => void;
  /** A number in [0, 1) for the jitter. Default Math.random. */
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
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
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

/**
 * Equal jitter: half of the exponential step is certain, half random, so a fleet of Agents that
 * failed together does not come back together. `Retry-After` is a floor.
 */
export function backoffDelay(attempt: number, error: SmsError, options: Required<Pick<PollOptions, 'initialBackoffMs' | 'maxBackoffMs' | 'random'>>): number {
  const step = Math.min(options.maxBackoffMs, options.initialBackoffMs * 2 ** (attempt - 1));
  const jittered = Math.round(step / 2 + options.random() * (step / 2));
  const retryAfter = error instanceof SmsApiError && error.retryAfter !== undefined ? error.retryAfter * 1000 : 0;
  return Math.max(jittered, retryAfter);
}

/** Polls `fetchOne` forever (until the signal aborts), yielding each result. */
export async function* poll<T>(fetchOne: (signal: AbortSignal | undefined) => Promise<T>, options: PollOptions = {}): AsyncGenerator<T, void, undefined> {
  const { signal, retryOn = isRetryable, onRetry, random = Math.random } = options ?? {};
  const intervalMs = checkPositive(options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS, 'intervalMs', 'milliseconds');
  const initialBackoffMs = checkPositive(options.initialBackoffMs ?? 1000, 'initialBackoffMs', 'milliseconds');
  const maxBackoffMs = checkPositive(options.maxBackoffMs ?? 60_000, 'maxBackoffMs', 'milliseconds');
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
      onRetry?.(failure, delay, failures);
      if (!(await sleep(delay, signal))) return;
      continue;
    }
    failures = 0;
    yield result;
    if (!(await sleep(intervalMs, signal))) return;
  }
}
