// The mock's admin service over its HTTP door (/__mock), as any language's test would call it, with
// the JS door's interface: WireMock's HttpAdminClient. Tests run over both doors with describe.each.
import {
  type JournalEntry,
  type JournalListing,
  type Mock,
  ScriptError,
  type ScriptState,
  type Step,
  type Violation,
} from '../../src/mock.js';

/** The admin methods both doors have; each may answer at once or later (HTTP is a round trip). */
export type AdminDoor = {
  [K in 'script' | 'scriptState' | 'scripts' | 'clearScripts' | 'requests' | 'journal' | 'clearRequests' | 'reset']: (
    ...args: Parameters<Mock[K]>
  ) => Promise<Awaited<ReturnType<Mock[K]>>> | ReturnType<Mock[K]>;
};

/** The JS door (the `Mock` itself) and the HTTP door, by name, for describe.each. */
export const ADMIN_DOORS: Array<[door: string, open: (mock: Mock) => AdminDoor]> = [
  ['js', (mock) => mock],
  ['http', (mock) => httpAdmin(mock.url)],
];

/** The admin service through `${url}/__mock`: statuses become results, and 400/409 the same ScriptError the JS door throws. */
export function httpAdmin(url: string): AdminDoor {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/__mock${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text(); // a 204, and the 404 of a DELETE, have no body
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  const expect = (answer: { status: number; body?: unknown }, ...statuses: number[]) => {
    if (!statuses.includes(answer.status))
      throw new Error(`the control API answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer;
  };
  return {
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
    scripts: async () => (expect(await call('GET', '/scripts'), 200).body as { scripts: ScriptState[] }).scripts,
    clearScripts: async (path?: string) => expect(await call('DELETE', path ?? '/scripts'), 204, 404).status === 204,
    requests: async () => (expect(await call('GET', '/requests'), 200).body as { requests: JournalEntry[] }).requests,
    journal: async () => expect(await call('GET', '/requests'), 200).body as unknown as JournalListing,
    clearRequests: async () => void expect(await call('DELETE', '/requests'), 204),
    reset: async () => void expect(await call('POST', '/reset'), 204),
  };
}
