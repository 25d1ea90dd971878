// The admin-door tests' mock and helpers (mock-admin*.test.ts): one mock per file with a pair of its
// own (locked after one failure) and a journal of 3, and the API calls those tests make on it.
import { signRequest } from '../../src/index.js';
import type { Mock } from '../../src/mock.js';
import { useMock } from './mock-fixture.js';

export const CREDS = { ak: 'ADMINDOORAK000000001', sk: 'admin-door-secret-key-000000000000000001' };
export const TOKEN = { 'X-Auth-Token': 'admin-door-token' };

/** The file's mock (started before its tests, reset after each) and the calls its tests make. */
export function useAdminMock() {
  const mock: Mock = useMock({
    port: 0,
    auth: { credentials: [CREDS], lockout: { failures: 1, lockMs: 60_000 } },
    journalLimit: 3,
  });
  const get = (id: string) =>
    fetch(`${mock.url}/v3/sources/${id}/command`, { headers: TOKEN }).then(async (r) => [r.status, await r.json()]);
  /** A report (UpdateCommandResult) for server `id`: its status. */
  const report = (id: string, body: object) =>
    fetch(`${mock.url}/v3/sources/${id}/command_result`, {
      method: 'POST',
      headers: { ...TOKEN, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.status);
  const signedGet = async (sk: string) => {
    const url = `${mock.url}/v3/sources/locked/command`;
    return (await fetch(url, { headers: await signRequest({ method: 'GET', url }, { ak: CREDS.ak, sk }) })).status;
  };
  return { mock, get, report, signedGet };
}

/** What `attempt` rejects or throws with; an Error when it is accepted. */
export const refusal = async (attempt: () => unknown) => {
  try {
    await attempt();
  } catch (error) {
    return error;
  }
  throw new Error('accepted');
};
