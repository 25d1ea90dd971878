// One credential check, run once per client: when the client is made, not again on each signed request.
import { describe, expect, it, vi } from 'vitest';

const { checked } = vi.hoisted(() => ({ checked: vi.fn() }));
vi.mock('../../src/credential.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/credential.js')>();
  const checkCredential: typeof actual.checkCredential = (value, name, max) => {
    checked(name);
    return actual.checkCredential(value, name, max);
  };
  return { checkCredential };
});

const { signRequest } = await import('../../src/index.js');
const { createSmsClient, showCommand } = await import('../../src/v3.js');

const namesChecked = () => checked.mock.calls.map(([name]) => name);

describe('checking credentials', () => {
  it('a client checks its AK/SK pair and companions once, when it is made; each request is only signed', async () => {
    const fetch = vi.fn(async (_request: Request) => Response.json({ command_name: 'START' }));
    const auth = { ak: 'AK', sk: 'SK-secret', domainId: 'd', securityToken: 'st' };
    const client = createSmsClient({ endpoint: 'https://sms.example.test', auth, fetch });
    expect(namesChecked()).toEqual(['auth.ak', 'auth.sk', 'auth.domainId', 'auth.securityToken']);
    for (let i = 0; i < 3; i++) await showCommand(client, 'x');
    const signed = fetch.mock.calls.map(([request]) => request.headers.get('authorization'));
    expect(signed).toEqual(Array(3).fill(expect.stringMatching(/^SDK-HMAC-SHA256 Access=AK, /)));
    expect(checked).toHaveBeenCalledTimes(4);
  });

  it('signRequest checks its own input with the same function', async () => {
    checked.mockClear();
    await signRequest({ method: 'GET', url: 'https://h/x' }, { ak: 'AK', sk: 'SK' });
    expect(namesChecked()).toEqual(['credentials.ak', 'credentials.sk']);
  });
});
