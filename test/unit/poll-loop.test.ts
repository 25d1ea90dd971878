// pollCommands, the Agent's loop, against a scripted fake server with fake timers; isRetryable and backoffDelay.
import { describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../../src/client/poll.js';
import * as v1 from '../../src/v1.js';
import { createSmsClient, isRetryable, pollCommands, SmsApiError, SmsError } from '../../src/v3.js';
import {
  ID,
  json,
  command,
  networkDown,
  scripted,
  hang,
  run,
  useFakeClock,
  type Step,
} from '../support/poll-server.js';

useFakeClock();

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
