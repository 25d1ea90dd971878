// Hostile waits for the poller: huge or odd Retry-After and wait options, clamped to MAX_POLL_WAIT_MS.
import { describe, expect, it, vi } from 'vitest';
import { backoffDelay, MAX_POLL_WAIT_MS } from '../../src/client/poll.js';
import { pollCommands, SmsApiError, SmsError, type PollOptions } from '../../src/v3.js';
import { ID, json, command, networkDown, scripted, run, useFakeClock } from '../support/poll-server.js';

useFakeClock();

describe('hostile: poller waits', () => {
  // Today's figures: Retry-After 2147484 s or a date in 2100 overflowed setTimeout (fires after 1 ms):
  // 1,186 requests in 3 s; intervalMs 2**31: 417 commands in 2 s.
  const throttled = (retryAfter: string) =>
    json({ error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached.' }, 429, {
      'Retry-After': retryAfter,
    });

  it.each([
    ['2147484 seconds', '2147484', 2_147_484_000],
    ['an HTTP date in 2100', 'Fri, 01 Jan 2100 00:00:00 GMT', Date.UTC(2100, 0, 1)],
    ['a 30-digit number of seconds', '9'.repeat(30), 1e33],
  ])('a Retry-After of %s is clamped to MAX_POLL_WAIT_MS, and onRetry is told', async (_what, header, askedMs) => {
    const server = scripted([throttled(header), command('START')]);
    const told: unknown[][] = [];
    const controller = new AbortController();
    const { seen, ended } = run(server.client, {
      intervalMs: 1000,
      signal: controller.signal,
      onRetry: (...args: unknown[]) => told.push(args),
    });
    await vi.advanceTimersByTimeAsync(3000);
    expect(server.calls).toEqual([0]);
    expect(told).toHaveLength(1);
    const [error, delay, attempt, info] = told[0]!;
    expect([(error as SmsApiError).status, delay, attempt]).toEqual([429, MAX_POLL_WAIT_MS, 1]);
    expect(info).toMatchObject({ clamped: true });
    expect((info as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(Math.min(askedMs, 1e33) - 1000);
    await vi.advanceTimersByTimeAsync(MAX_POLL_WAIT_MS - 3000);
    expect(server.calls).toEqual([0, MAX_POLL_WAIT_MS]);
    expect(seen).toEqual(['START']);
    controller.abort();
    expect(await ended).toBe('returned');
  });

  it('a Retry-After within the limit is not clamped, and onRetry says so', async () => {
    const server = scripted([throttled('7'), command('START')]);
    const told: unknown[][] = [];
    const controller = new AbortController();
    run(server.client, {
      intervalMs: 1000,
      signal: controller.signal,
      onRetry: (...args: unknown[]) => told.push(args),
    });
    await vi.advanceTimersByTimeAsync(7000);
    expect(told[0]!.slice(1)).toEqual([7000, 1, { clamped: false, retryAfterMs: 7000 }]);
    expect(server.calls).toEqual([0, 7000]);
    controller.abort();
  });

  it('backoffDelay never returns more than MAX_POLL_WAIT_MS, whatever Retry-After or attempt says', () => {
    const api = new SmsApiError({ status: 429, body: undefined, retryAfter: 2_147_484 });
    expect(backoffDelay(1, api, { initialBackoffMs: 1000, maxBackoffMs: 8000, random: () => 0.5 })).toBe(
      MAX_POLL_WAIT_MS,
    );
    expect(
      backoffDelay(5000, new SmsError('NETWORK', 'x'), {
        initialBackoffMs: MAX_POLL_WAIT_MS,
        maxBackoffMs: MAX_POLL_WAIT_MS,
        random: () => 0.999,
      }),
    ).toBeLessThanOrEqual(MAX_POLL_WAIT_MS);
  });

  it.each([
    ['NaN', () => Number.NaN],
    ['-5', () => -5],
    ['1e12', () => 1e12],
  ])('a random() that returns %s cannot make the poller hammer or stall', async (_what, random) => {
    const server = scripted([networkDown]);
    const controller = new AbortController();
    const { retries } = run(server.client, {
      intervalMs: 1000,
      initialBackoffMs: 1000,
      maxBackoffMs: 4000,
      signal: controller.signal,
      random,
    });
    await vi.advanceTimersByTimeAsync(3000);
    expect(server.calls.length).toBeLessThanOrEqual(4);
    for (const [, delay] of retries) {
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(4000);
    }
    controller.abort();
  });

  it.each([
    [
      'intervalMs',
      2 ** 31,
      'intervalMs is 2147483648 milliseconds; at most 3600000 (MAX_POLL_WAIT_MS, 1 hour) are allowed',
    ],
    [
      'intervalMs',
      3_600_001,
      'intervalMs is 3600001 milliseconds; at most 3600000 (MAX_POLL_WAIT_MS, 1 hour) are allowed',
    ],
    [
      'intervalMs',
      Number.NaN,
      'intervalMs must be a positive, finite number of milliseconds, at most 3600000 (MAX_POLL_WAIT_MS, 1 hour)',
    ],
    [
      'intervalMs',
      Infinity,
      'intervalMs must be a positive, finite number of milliseconds, at most 3600000 (MAX_POLL_WAIT_MS, 1 hour)',
    ],
    [
      'intervalMs',
      '1000',
      'intervalMs must be a positive, finite number of milliseconds, at most 3600000 (MAX_POLL_WAIT_MS, 1 hour)',
    ],
    [
      'initialBackoffMs',
      0,
      'initialBackoffMs must be a positive, finite number of milliseconds, at most 3600000 (MAX_POLL_WAIT_MS, 1 hour)',
    ],
    [
      'initialBackoffMs',
      2 ** 40,
      'initialBackoffMs is 1099511627776 milliseconds; at most 3600000 (MAX_POLL_WAIT_MS, 1 hour) are allowed',
    ],
    [
      'maxBackoffMs',
      -1,
      'maxBackoffMs must be a positive, finite number of milliseconds, at most 3600000 (MAX_POLL_WAIT_MS, 1 hour)',
    ],
    [
      'maxBackoffMs',
      2 ** 31,
      'maxBackoffMs is 2147483648 milliseconds; at most 3600000 (MAX_POLL_WAIT_MS, 1 hour) are allowed',
    ],
    ['retryOn', 'always', 'retryOn must be a function, got string'],
    ['onRetry', {}, 'onRetry must be a function, got object'],
    ['random', 0.5, 'random must be a function, got number'],
  ])(
    '%s: %j is refused with INVALID_INPUT naming the option and the limit, before any request',
    async (option, value, message) => {
      const server = scripted([command('START')]);
      await expect(pollCommands(server.client, ID, { [option]: value } as PollOptions).next()).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message,
      });
      expect(server.fetch).not.toHaveBeenCalled();
    },
  );

  it('MAX_POLL_WAIT_MS itself is accepted for every wait option', async () => {
    const server = scripted([command('START')]);
    const controller = new AbortController();
    const { seen } = run(server.client, {
      intervalMs: MAX_POLL_WAIT_MS,
      initialBackoffMs: MAX_POLL_WAIT_MS,
      maxBackoffMs: MAX_POLL_WAIT_MS,
      signal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(MAX_POLL_WAIT_MS - 1);
    expect(server.calls).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls).toEqual([0, MAX_POLL_WAIT_MS]);
    expect(seen).toEqual(['START', 'START']);
    controller.abort();
  });

  it('with real timers: a huge Retry-After sends one request, and no TimeoutOverflowWarning is emitted', async () => {
    vi.useRealTimers();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const server = scripted([throttled('2147484')]);
    const controller = new AbortController();
    try {
      const { ended, retries } = run(server.client, { signal: controller.signal });
      // An overflowed wait fires after 1 ms: a timer of the test's own, set after the poller's, fires after it.
      await vi.waitFor(() => expect(retries).toHaveLength(1));
      await new Promise((resolve) => setTimeout(resolve, 2));
      controller.abort();
      expect(await ended).toBe('returned');
      expect(server.calls).toHaveLength(1);
      expect(retries).toEqual([['429', MAX_POLL_WAIT_MS, 1]]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'TimeoutOverflowWarning')).toEqual([]);
    } finally {
      controller.abort();
      process.off('warning', onWarning);
    }
  });
});
