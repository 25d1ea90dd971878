// The mock's admin service over its HTTP door (/__mock), as any language's test would call it, with
// the JS door's interface: WireMock's HttpAdminClient. Tests run over both doors with describe.each.
import {
  JournalError,
  type ControlErrorBody,
  type JournalEntry,
  type JournalFilter,
  type JournalListing,
  type Mock,
  type MockAdmin,
  type MockHealth,
  ScriptError,
  type ScriptState,
  type ScriptsListing,
  type Step,
  type Violation,
} from '../../src/mock.js';
import { controlOf } from './control.js';

type Answer<K extends keyof MockAdmin> = Promise<Awaited<ReturnType<MockAdmin[K]>>> | ReturnType<MockAdmin[K]>;

/** The admin methods both doors have; each may answer at once or later (HTTP is a round trip). */
export type AdminDoor = {
  [
    K in
      | 'health'
      | 'script'
      | 'scriptState'
      | 'scripts'
      | 'clearScripts'
      | 'requests'
      | 'journal'
      | 'clearRequests'
      | 'reset'
  ]: (...args: Parameters<Mock[K]>) => Answer<K>;
} & {
  /** Over HTTP a wait takes a filter, not a predicate. */
  waitForRequest(filter: JournalFilter, options?: { timeoutMs?: number }): Answer<'waitForRequest'>;
  /** What the door calls a wait's timeout in its refusals: `timeoutMs` (JS) or `timeout_ms` (HTTP). */
  timeoutName: string;
};

/** The JS door (the `Mock` itself) and the HTTP door, by name, for describe.each. */
export const ADMIN_DOORS: Array<[door: string, open: (mock: Mock) => AdminDoor]> = [
  ['js', (mock) => Object.assign(Object.create(mock) as Mock, { timeoutName: 'timeoutMs' })],
  ['http', (mock) => httpAdmin(mock.url)],
];

/** A filter as query parameters: an array is the parameter repeated (which the mock refuses, as the JS door does). */
export function queryOf(parameters: Record<string, unknown> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters))
    if (value !== undefined) for (const one of [value].flat()) query.append(name, String(one));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/**
 * The admin service through `${url}/__mock`: statuses become results, 400/409 of a script the same
 * ScriptError the JS door throws, and a journal refusal (400, 408, 429, 503) the same JournalError.
 */
export function httpAdmin(url: string): AdminDoor {
  const control = controlOf(() => ({ url }));
  const call = async (method: string, path: string, body?: unknown) => {
    const { status, body: answer } = await control(method, path, body === undefined ? undefined : JSON.stringify(body));
    return { status, body: answer as Record<string, unknown> | undefined };
  };
  const expect = (answer: { status: number; body?: unknown }, ...statuses: number[]) => {
    if (!statuses.includes(answer.status))
      throw new Error(`the control API answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer;
  };
  /** A journal route's answer, or the JournalError its refusal stands for. */
  const journalAnswer = (answer: { status: number; body?: unknown }) => {
    if ([400, 408, 429, 503].includes(answer.status)) {
      const { error, ...detail } = answer.body as unknown as ControlErrorBody;
      throw new JournalError(answer.status as 400, error, detail);
    }
    return expect(answer, 200).body;
  };
  const listing = async (filter?: JournalFilter) =>
    journalAnswer(
      await call('GET', `/requests${queryOf(filter as Record<string, unknown>)}`),
    ) as unknown as JournalListing;
  return {
    timeoutName: 'timeout_ms',
    health: async () => expect(await call('GET', '/health'), 200).body as unknown as MockHealth,
    async script(path: string, steps: Step[]) {
      const answer = await call('PUT', path, steps);
      if (answer.status === 400 || answer.status === 409)
        throw new ScriptError((answer.body as { violations: Violation[] }).violations, '', answer.status);
      return expect(answer, 200).body as unknown as ScriptState;
    },
    scriptState: async (path: string) => {
      const answer = expect(await call('GET', path), 200, 404);
      return answer.status === 200 ? (answer.body as unknown as ScriptState) : undefined;
    },
    scripts: async () => (expect(await call('GET', '/scripts'), 200).body as unknown as ScriptsListing).scripts,
    clearScripts: async (path?: string) => expect(await call('DELETE', path ?? '/scripts'), 204, 404).status === 204,
    requests: async (filter?: JournalFilter) => (await listing(filter)).requests,
    journal: listing,
    waitForRequest: async (filter, { timeoutMs } = {}) =>
      journalAnswer(
        await call(
          'GET',
          `/requests/wait${queryOf({ ...(filter as Record<string, unknown>), timeout_ms: timeoutMs })}`,
        ),
      ) as unknown as JournalEntry,
    clearRequests: async () => void expect(await call('DELETE', '/requests'), 204),
    reset: async () => void expect(await call('POST', '/reset'), 204),
  };
}
