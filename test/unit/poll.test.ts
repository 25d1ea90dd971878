// pollCommands, the Agent's loop: a scripted fake server, fake timers for the waits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, MAX_POLL_WAIT_MS } from '../../src/client/poll.js';
import * as v1 from '../../src/v1.js';
import {
  createSmsClient,
  isRetryable,
  pollCommands,
  SmsApiError,
  SmsError,
  type Command,
  type PollOptions,
} from '../../src/v3.js';

const ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';
type Step = () => Response | Promise<Response>;
const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const command = (name: string) => json({ command_name: name, command_param: { task_id: 't1' } });
const networkDown: Step = () => {
  throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
};

/** A client whose server answers the steps in order, the last one repeating; records when each call came. */
function scripted(steps: Step[]) {
  const calls: number[] = [];
  const fetch = vi.fn(async (request: Request) => {
    calls.push(Date.now());
    const step = steps[Math.min(calls.length - 1, steps.length - 1)]!;
    if (step === hang)
      return new Promise<Response>((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    return step();
  });
  return {
    client: createSmsClient({
      endpoint: 'https://sms.example.test',
      auth: { token: 'poll-token-123456' },
      fetch,
      timeoutMs: 60_000,
    }),
    calls,
    fetch,
  };
}
const hang: Step = () => {
  throw new Error('never called');
};

/** Runs the poller in the background, collecting what it yields and how it ended. */
function run(client: ReturnType<typeof scripted>['client'], options: PollOptions) {
  const seen: string[] = [];
  const retries: Array<[string, number, number]> = [];
  const ended = (async () => {
    for await (const c of pollCommands(client, ID, {
      random: () => 0.5,
      onRetry: (e, delay, attempt) =>
        retries.push([e.code === 'HTTP' ? String((e as SmsApiError).status) : e.code, delay, attempt]),
      ...options,
    })) {
      seen.push((c as Command).name ?? '');
    }
    return 'returned';
  })().catch((error: unknown) => error);
  return { seen, retries, ended };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('pollCommands', () => {
  it('yields each command, intervalMs apart, until the signal aborts; then ends without an error', async () => {
    const server = scripted([command('START'), command('TASK_NOT_STARTED'), command('TASK_HAS_FINISHED')]);
    const controller = new AbortController();
    const { seen, ended } = run(server.client, { intervalMs: 1000, signal: controller.signal });
    await vi.advanceTimersByTimeAsync(2500);
    expect(seen).toEqual(['START', 'TASK_NOT_STARTED', 'TASK_HAS_FINISHED']);
    expect(server.calls).toEqual([0, 1000, 2000]);
    controller.abort();
    expect(await ended).toBe('returned');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.calls).toHaveLength(3);
  });

  it('waits out 503, 429 (honouring Retry-After), NETWORK and TIMEOUT with jittered, doubling backoff, then goes on', async () => {
    const server = scripted([
      json({ error_code: 'SMS.2007', error_msg: 'busy' }, 503),
      json({ error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached.' }, 429, {
        'Retry-After': '7',
      }),
      networkDown,
      json({ error_code: 'APIGW.0203', error_msg: 'bad gateway' }, 502),
      command('START'),
    ]);
    const controller = new AbortController();
    const { seen, retries, ended } = run(server.client, {
      intervalMs: 1000,
      initialBackoffMs: 1000,
      maxBackoffMs: 4000,
      signal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(20_000);
    // Equal jitter with random 0.5: 3/4 of each step (1 s, 2 s, 4 s, then capped at 4 s); Retry-After 7 s is a floor.
    expect(retries).toEqual([
      ['503', 750, 1],
      ['429', 7000, 2],
      ['NETWORK', 3000, 3],
      ['502', 3000, 4],
    ]);
    expect(server.calls.slice(0, 5)).toEqual([0, 750, 7750, 10750, 13750]);
    expect(seen[0]).toBe('START');
    controller.abort();
    expect(await ended).toBe('returned');
  });

  it('a call that times out is retried, and a success resets the backoff', async () => {
    const steps: Step[] = [hang, command('START'), json({ error_code: 'X', error_msg: 'y' }, 500), command('STOP')];
    const server = scripted(steps);
    const client = createSmsClient({
      endpoint: 'https://sms.example.test',
      auth: { token: 't' },
      fetch: server.fetch,
      timeoutMs: 100,
    });
    const controller = new AbortController();
    const { seen, retries, ended } = run(client, {
      intervalMs: 1000,
      initialBackoffMs: 1000,
      signal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(retries.map(([code, delay, attempt]) => [code, delay, attempt])).toEqual([
      ['TIMEOUT', 750, 1],
      ['500', 750, 1],
    ]);
    expect(seen.slice(0, 2)).toEqual(['START', 'STOP']);
    controller.abort();
    expect(await ended).toBe('returned');
  });

  it.each([
    [
      '401',
      json(
        { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail' },
        401,
      ),
      { code: 'HTTP', status: 401 },
    ],
    ['403', json({ error_code: 'SMS.9004', error_msg: 'no permission' }, 403), { code: 'HTTP', status: 403 }],
    ['404 SMS.2252', json({ error_code: 'SMS.2252', error_msg: 'no task' }, 404), { code: 'HTTP', status: 404 }],
    ['a garbled 200', () => new Response('<html>', { status: 200 }), { code: 'BAD_RESPONSE' }],
  ])('throws %s at once: waiting cannot fix it', async (_what, step, expected) => {
    const server = scripted([step]);
    const { ended, retries } = run(server.client, { intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(await ended).toMatchObject(expected);
    expect(retries).toEqual([]);
    expect(server.calls).toHaveLength(1);
  });

  it('throws INVALID_INPUT for a bad id or bad options before any request', async () => {
    const server = scripted([command('START')]);
    await expect(pollCommands(server.client, 'x'.repeat(37)).next()).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'server_id is 37 characters long; at most 36 are allowed',
    });
    await expect(pollCommands(server.client, ID, { intervalMs: -1 }).next()).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'intervalMs must be a positive, finite number of milliseconds, at most 3600000 (MAX_POLL_WAIT_MS, 1 hour)',
    });
    expect(server.fetch).not.toHaveBeenCalled();
  });

  it('stops in the middle of a call when the signal aborts, without an error', async () => {
    const server = scripted([hang]);
    const controller = new AbortController();
    const { ended } = run(server.client, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(50);
    controller.abort();
    expect(await ended).toBe('returned');
  });

  it('stops when the consumer breaks out of the loop: no call after that', async () => {
    const server = scripted([command('START')]);
    for await (const c of pollCommands(server.client, ID, { intervalMs: 1000 })) {
      expect(c).toMatchObject({ known: true, name: 'START' });
      break;
    }
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.calls).toEqual([0]);
  });

  it('v1 polls its own path', async () => {
    const fetch = vi.fn(async () => new Response('{"command_name":"UPLOAD_LOG"}'));
    const client = v1.createSmsClient({ endpoint: 'https://h', fetch });
    for await (const c of v1.pollCommands(client, 'src-1')) {
      expect(c).toMatchObject({ known: true, name: 'UPLOAD_LOG' });
      break;
    }
    expect(new URL((fetch.mock.calls[0] as unknown as [Request])[0].url).pathname).toBe(
      '/v1/sms/sources/src-1/command',
    );
  });
});

describe('isRetryable and backoffDelay', () => {
  const api = (status: number, retryAfter?: number) => new SmsApiError({ status, body: undefined, retryAfter });
  it('waits out 429, 5xx, NETWORK and TIMEOUT only', () => {
    expect([429, 500, 502, 503, 504].map((s) => isRetryable(api(s)))).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404].map((s) => isRetryable(api(s)))).toEqual([false, false, false, false]);
    expect(
      ['NETWORK', 'TIMEOUT', 'ABORTED', 'BAD_RESPONSE', 'INVALID_INPUT', 'REDIRECT'].map((c) =>
        isRetryable(new SmsError(c as never, 'x')),
      ),
    ).toEqual([true, true, false, false, false, false]);
  });

  it('jitters between half and all of the step, doubling to the cap; Retry-After is a floor', () => {
    const at = (random: number, attempt: number, error = api(503)) =>
      backoffDelay(attempt, error, { initialBackoffMs: 1000, maxBackoffMs: 8000, random: () => random });
    expect([at(0, 1), at(0.999, 1)]).toEqual([500, 1000]);
    expect([1, 2, 3, 4, 5].map((n) => at(0, n))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(at(0, 1, api(429, 30))).toBe(30_000);
  });
});

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
