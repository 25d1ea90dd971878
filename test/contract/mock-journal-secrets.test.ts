// A report's own fields are journaled (`report`, as sent), so they are where an Agent may echo a
// secret: its token in result_detail, the SK in a log line it reports. The journal keeps no secret
// the mock was given or the request carried, by value, there too (issue 25, item 1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, type Mock, startMock } from '../../src/mock.js';
import { createSmsClient, reportCommandResult } from '../../src/v3.js';

const TOKEN = 'journal-secrets-token-0001';
const ID = 's1';
let mock: Mock;

beforeAll(async () => {
  mock = await startMock({
    port: 0,
    auth: { tokens: [TOKEN], credentials: [DEMO_CREDENTIALS] },
    reportCheck: false,
    scripts: { [`/v3/sources/${ID}/command_result`]: [{ status: 200 }] },
  });
});
afterAll(() => mock?.close());

describe("a secret inside a report's fields", () => {
  it.each([
    ['token auth, the token in result_detail', { token: TOKEN }, { msg: `token was ${TOKEN}` }],
    ['token auth, the SK in result_detail', { token: TOKEN }, { log: [`sk=${DEMO_CREDENTIALS.sk}`] }],
    [
      'AK/SK auth, the SK in result_detail',
      { ak: DEMO_CREDENTIALS.ak, sk: DEMO_CREDENTIALS.sk },
      { sk: DEMO_CREDENTIALS.sk },
    ],
  ] as const)('%s: answered, journaled with the report, the value [REDACTED]', async (_what, auth, detail) => {
    await mock.clearRequests();
    const client = createSmsClient({ endpoint: mock.url, auth });
    const answer = await reportCommandResult(client, ID, {
      command_name: 'START',
      result: 'fail',
      result_detail: detail,
    });
    expect(answer.status).toBe(200);
    const [entry] = await mock.requests();
    expect(entry).toMatchObject({
      method: 'POST',
      verdict: 'answered',
      report: { command_name: 'START', result: 'fail' },
    });
    const journal = JSON.stringify(await mock.journal());
    expect(journal).not.toContain(TOKEN);
    expect(journal).not.toContain(DEMO_CREDENTIALS.sk);
    expect(JSON.stringify(entry!.report)).toContain('[REDACTED]');
  });
});
