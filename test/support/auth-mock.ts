// What the mock-auth-*.test.ts files share: a mock whose gate takes a token and AK/SKs (one of them to
// lock out), signatures made for a path, and the last journal entry.
import { signRequest } from '../../src/index.js';
import { DEMO_CREDENTIALS } from '../../src/mock.js';
import { useMock } from './mock-fixture.js';

export const CREDS = { ak: 'GATETESTAK0000000001', sk: 'gate-test-secret-key-00000000000000000001' };
export const LOCKME = { ak: 'LOCKTESTAK0000000001', sk: 'lock-test-secret-key-00000000000000000001' };
export const TOKEN = 'gate-test-token-1234567890';

/** The file's mock (test/support/mock-fixture.ts) and the helpers that reach it. */
export function useAuthMock() {
  const mock = useMock({
    port: 0,
    auth: { tokens: [TOKEN], credentials: [CREDS, LOCKME, DEMO_CREDENTIALS] },
    journalLimit: 100,
  });
  /** The headers of a signature made for `signedPath` (a path fetch would send). */
  async function signatureFor(signedPath: string, creds = CREDS) {
    return { ...(await signRequest({ method: 'GET', url: `${mock.url}${signedPath}` }, creds)) };
  }
  const lastEntry = async () => (await mock.requests()).at(-1)!;
  return { mock, signatureFor, lastEntry };
}
