// pollCommands' test helpers, shared by the poll-*.test.ts files: a scripted fake server whose answers
// come in order, the poller run in the background, and fake timers for the waits.
import { afterEach, beforeEach, vi } from 'vitest';
import { createSmsClient, pollCommands, SmsApiError, type Command, type PollOptions } from '../../src/v3.js';

export const ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';
export type Step = () => Response | Promise<Response>;
export const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
export const command = (name: string) => json({ command_name: name, command_param: { task_id: 't1' } });
export const networkDown: Step = () => {
  throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
};

/** A client whose server answers the steps in order, the last one repeating; records when each call came. */
export function scripted(steps: Step[]) {
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
export const hang: Step = () => {
  throw new Error('never called');
};

/** Runs the poller in the background, collecting what it yields and how it ended. */
export function run(client: ReturnType<typeof scripted>['client'], options: PollOptions) {
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

/** Fake timers (the clock at 0) for each test of the file, real ones after it. */
export function useFakeClock() {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
