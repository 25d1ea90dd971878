// What the mock-report-*.test.ts files share: a mock that takes a token and an AK/SK, the report
// paths, clients of each version and auth, and raw requests that poll and post as an Agent does.
import { expect } from 'vitest';
import { DEMO_CREDENTIALS, type JournalEntry } from '../../src/mock.js';
import * as v1 from '../../src/v1.js';
import * as v3 from '../../src/v3.js';
import { useMock } from './mock-fixture.js';
import { rawRequest } from './raw-http.js';

export const CREDS = { ak: 'REPORTMOCKAK00000001', sk: 'report-mock-secret-key-000000000000000001' };
export const TOKEN = 'report-test-token-1234567890';
export const LIMIT = 10240;
export const ACCEPTED = 'Reporting command execution results to SMS succeeded';
export const V3_PATH = (id: string) => `/v3/sources/${id}/command_result`;
export const V1_PATH = (id: string) => `/v1/sms/sources/${id}/command_result`;
export const START = { command_name: 'START', result: 'success', result_detail: { msg: 'started' } } as const;

export const errorOf = (status: number, code: string, message: string | RegExp) => ({
  status,
  json: {
    error_code: code,
    error_msg: message instanceof RegExp ? expect.stringMatching(message) : message,
    request_id: expect.stringMatching(/^[0-9a-f]{32}$/),
  },
});

/** The file's mock (test/support/mock-fixture.ts) and the helpers that reach it. */
export function useReportMock() {
  const mock = useMock({
    port: 0,
    auth: { tokens: [TOKEN], credentials: [CREDS, DEMO_CREDENTIALS] },
    journalLimit: 200,
  });
  const clients = {
    v3: {
      token: () => v3.createSmsClient({ endpoint: mock.url, auth: { token: TOKEN } }),
      aksk: () => v3.createSmsClient({ endpoint: mock.url, auth: CREDS }),
    },
    v1: {
      token: () => v1.createSmsClient({ endpoint: mock.url, auth: { token: TOKEN } }),
      aksk: () => v1.createSmsClient({ endpoint: mock.url, auth: CREDS }),
    },
  };
  /** The last journal entry. */
  const last = async (): Promise<JournalEntry> => (await mock.requests()).at(-1)!;
  /** A GET of the command path with a token, as an Agent polls: the mock then knows what it served. */
  const poll = async (path: string) =>
    (await fetch(`${mock.url}${path}`, { headers: { 'X-Auth-Token': TOKEN } })).status;
  /** A raw POST with a token and a JSON type unless told otherwise. */
  const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    rawRequest(
      mock.port,
      'POST',
      path,
      { 'X-Auth-Token': TOKEN, 'Content-Type': 'application/json', ...headers },
      10_000,
      body,
    );
  return { mock, clients, last, poll, post };
}
