// What the mock-agent-*.test.ts files share: a mock that takes a token and an AK/SK, a token client
// of it, the names of the commands a server is served in turn, and its control API.
import { DEMO_CREDENTIALS } from '../../src/mock.js';
import { createSmsClient, showCommand } from '../../src/v3.js';
import { controlOf } from './control.js';
import { useMock } from './mock-fixture.js';

export const CREDS = { ak: 'AGENTTESTAK000000001', sk: 'agent-test-secret-key-0000000000000000001' };
export const TOKEN = 'agent-test-token-1234567890';

/** The file's mock (test/support/mock-fixture.ts) and the helpers that reach it. */
export function useAgentMock() {
  const mock = useMock({
    port: 0,
    auth: { tokens: [TOKEN], credentials: [CREDS, DEMO_CREDENTIALS] },
    journalLimit: 50,
  });
  const tokenClient = (options: Partial<Parameters<typeof createSmsClient>[0]> = {}) =>
    createSmsClient({ endpoint: mock.url, auth: { token: TOKEN }, ...options });
  const names = async (client: ReturnType<typeof createSmsClient>, id: string, count: number) => {
    const out: Array<string | undefined> = [];
    for (let i = 0; i < count; i++) out.push((await showCommand(client, id)).name);
    return out;
  };
  /** A control call; JSON typed, as the control API requires of PUT and POST. */
  const control = controlOf(() => mock);
  return { mock, tokenClient, names, control };
}
