// The mock as the gateway: faults, gateway statuses, and credentials checked as the gateway checks them.
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../src/index.js';
import { DEMO_CREDENTIALS, startMock } from '../../src/mock.js';
import { createSmsClient, showCommand, SmsApiError } from '../../src/v3.js';
import { rejection } from '../support/answers.js';
import { CREDS, TOKEN, useAgentMock } from '../support/agent-mock.js';

const { mock, tokenClient, control } = useAgentMock();

describe('faults and gateway statuses', () => {
  it('drop closes the connection (NETWORK), hang never answers (TIMEOUT), delay_ms waits', async () => {
    mock.script('/v3/sources/f/command', [
      { fault: 'drop' },
      { fault: 'hang' },
      { delay_ms: 300, body: { command_name: 'STOP' } },
    ]);
    expect(await rejection(showCommand(tokenClient(), 'f'))).toMatchObject({ code: 'NETWORK' });
    // The hang is the point of this timeout; the journal, not the clock, says the mock is holding it.
    const hung = rejection(showCommand(tokenClient({ timeoutMs: 1500 }), 'f'));
    await mock.waitForRequest((r) => r.id === 'f' && r.step?.index === 1);
    // A timer of the test's own, set first and due first, fires before the delayed answer: the order of
    // two timers in one process (the mock's starts when the request arrives), which load does not change.
    const ours = new Promise((done) => setTimeout(done, 250, 'still delayed'));
    const delayed = showCommand(tokenClient(), 'f').then((command) => command.name);
    expect(await Promise.race([ours, delayed])).toBe('still delayed');
    expect(await delayed).toBe('STOP');
    expect(await hung).toMatchObject({ code: 'TIMEOUT' });
    expect((await mock.requests()).filter((r) => r.id === 'f').map((r) => r.verdict)).toEqual([
      'fault',
      'fault',
      'answered',
    ]);
  });

  it('Prefer: code=429/502/503/504 gives the gateway-shaped body, not a Prism 404', async () => {
    for (const [code, errorCode] of [
      [429, 'APIGW.0308'],
      [502, 'MOCK.0502'],
      [503, 'MOCK.0503'],
      [504, 'MOCK.0504'],
    ] as const) {
      const error = (await rejection(
        showCommand(tokenClient({ headers: { Prefer: `code=${code}` } }), 'p'),
      )) as SmsApiError;
      expect(error).toMatchObject({ status: code, errorCode });
      expect(Object.keys(error.body as object).sort()).toEqual(['error_code', 'error_msg', 'request_id']);
    }
  });

  it('a Prefer the mock cannot honour is refused with 400 saying why', async () => {
    expect(await rejection(showCommand(tokenClient({ headers: { Prefer: 'code=418' } }), 'p'))).toMatchObject({
      status: 400,
      errorCode: 'MOCK.0400',
      errorMsg:
        "Prefer: code=418 is not a status of /v3/sources/{server_id}/command: documented 200, 400, 401, 403, 404, 500; the gateway's 429, 502, 503, 504",
    });
    expect(await rejection(showCommand(tokenClient({ headers: { Prefer: 'example=nope' } }), 'p'))).toMatchObject({
      status: 400,
      errorMsg: expect.stringMatching(
        /^Prefer: example=nope is not an example of the 200 answer of \/v3\/sources\/\{server_id\}\/command \(start, stop, skip/,
      ),
    });
  });
});

describe('credentials, checked as the gateway checks them', () => {
  it('a token on the list passes; another, or none, is 401 APIGW.0301 saying which', async () => {
    expect((await showCommand(tokenClient(), 'a')).known).toBe(true);
    expect(await rejection(showCommand(tokenClient({ auth: { token: 'not-on-the-list' } }), 'a'))).toMatchObject({
      status: 401,
      errorCode: 'APIGW.0301',
      errorMsg: 'Incorrect IAM authentication information: token is not one the mock accepts (auth.tokens)',
    });
    expect(await rejection(showCommand(createSmsClient({ endpoint: mock.url }), 'a'))).toMatchObject({
      status: 401,
      errorMsg: expect.stringContaining('no credentials'),
    });
  });

  it('a request signed by the client with a configured AK/SK passes, with X-Domain-Id and X-Security-Token signed too', async () => {
    const client = createSmsClient({
      endpoint: mock.url,
      auth: { ...CREDS, domainId: 'domain-1', securityToken: 'sec-token-0001' },
    });
    expect((await showCommand(client, 'signed id/with space')).known).toBe(true);
    const entry = (await mock.requests()).at(-1)!;
    expect(entry).toMatchObject({
      verdict: 'answered',
      auth: { scheme: 'aksk', ak: CREDS.ak },
      id: 'signed id/with space',
    });
  });

  it.each([
    {
      what: 'a wrong SK',
      make: () =>
        createSmsClient({ endpoint: mock.url, auth: { ak: CREDS.ak, sk: 'wrong-secret-key-00000000000000000000000' } }),
      reason: 'verify aksk signature fail',
    },
    {
      what: 'an unknown AK',
      make: () => createSmsClient({ endpoint: mock.url, auth: { ak: 'UNKNOWNAKABCDEFGHIJK', sk: CREDS.sk } }),
      reason: 'Get secretKey failed,ak:UNKNOWNAKABCDEFGHIJK,err:ak not exist',
    },
  ])('$what is 401 APIGW.0301 "$reason", and the journal says so', async ({ make, reason }) => {
    expect(await rejection(showCommand(make(), 'a'))).toMatchObject({
      status: 401,
      errorCode: 'APIGW.0301',
      errorMsg: `Incorrect IAM authentication information: ${reason}`,
    });
    expect((await mock.requests()).at(-1)).toMatchObject({
      verdict: 'refused',
      // The journal adds the rule that refused it, where the gateway's words do not say.
      reason: expect.stringMatching(
        new RegExp(`^Incorrect IAM authentication information: ${reason}( \\(rule: .+\\))?$`),
      ),
      status: 401,
      auth: { scheme: 'aksk' },
    });
  });

  it('a stale or malformed X-Sdk-Date, a signature that leaves out x-sdk-date, a bare Authorization: each 401 saying which', async () => {
    const url = `${mock.url}/v3/sources/a/command`;
    const at = async (date: Date) =>
      fetch(url, { headers: await signRequest({ method: 'GET', url }, CREDS, date) }).then((r) => r.json());
    expect(await at(new Date(Date.now() - 20 * 60_000))).toMatchObject({
      error_code: 'APIGW.0301',
      error_msg: expect.stringMatching(
        /^Incorrect IAM authentication information: x-sdk-date \d{8}T\d{6}Z is 20 minutes from the server's clock \(at most 15 are accepted\)$/,
      ),
    });
    expect(await at(new Date(Date.now() - 10 * 60_000))).toMatchObject({ command_name: 'START' });
    const signed = await signRequest({ method: 'GET', url }, CREDS);
    const send = (headers: Record<string, string>) =>
      fetch(url, { headers }).then((r) => r.json() as Promise<{ error_msg: string }>);
    expect((await send({ ...signed, 'X-Sdk-Date': 'notadate' })).error_msg).toBe(
      'Incorrect IAM authentication information: x-sdk-date is missing or malformed: expected YYYYMMDDTHHMMSSZ in UTC',
    );
    // The gateway requires x-sdk-date signed, and nothing else (Huawei's Go SDK never signs host): the
    // answer is its words, the journal says which rule.
    expect((await send({ ...signed, Authorization: signed.Authorization.replace(';x-sdk-date', '') })).error_msg).toBe(
      'Incorrect IAM authentication information: verify aksk signature fail',
    );
    expect((await mock.requests()).at(-1)?.reason).toBe(
      'Incorrect IAM authentication information: verify aksk signature fail (rule: SignedHeaders (host) must include x-sdk-date)',
    );
    expect((await send({ Authorization: 'hello', 'X-Sdk-Date': 'notadate' })).error_msg).toMatch(
      /^Incorrect IAM authentication information: malformed Authorization/,
    );
    expect(
      (
        await send({
          Authorization: 'SDK-HMAC-SHA256 Access=x, SignedHeaders=host;x-sdk-date, Signature=deadbeef',
          'X-Sdk-Date': signed['X-Sdk-Date'],
        })
      ).error_msg,
    ).toBe('Incorrect IAM authentication information: Get secretKey failed,ak:x,err:ak not exist');
  });

  it('the journal never holds a token, an SK or a signature', async () => {
    await showCommand(tokenClient(), 'j');
    await showCommand(createSmsClient({ endpoint: mock.url, auth: CREDS }), 'j');
    const journal = JSON.stringify(await mock.requests()) + JSON.stringify((await control('GET', '/requests')).body);
    for (const secret of [TOKEN, CREDS.sk]) expect(journal).not.toContain(secret);
    expect(journal).not.toMatch(/Signature|[0-9a-f]{64}/);
  });

  it('auth: false lets everything through; the default takes any token and the demo AK/SK only', async () => {
    const open = await startMock({ port: 0, auth: false });
    const defaults = await startMock({ port: 0 });
    try {
      expect((await fetch(`${open.url}/v3/sources/a/command`)).status).toBe(200);
      expect(
        (await showCommand(createSmsClient({ endpoint: defaults.url, auth: { token: 'anything' } }), 'a')).known,
      ).toBe(true);
      expect((await showCommand(createSmsClient({ endpoint: defaults.url, auth: DEMO_CREDENTIALS }), 'a')).known).toBe(
        true,
      );
      expect(await rejection(showCommand(createSmsClient({ endpoint: defaults.url, auth: CREDS }), 'a'))).toMatchObject(
        { status: 401, errorCode: 'APIGW.0301' },
      );
      expect((await defaults.requests()).at(-1)).toMatchObject({
        reason: `Incorrect IAM authentication information: Get secretKey failed,ak:${CREDS.ak},err:ak not exist`,
      });
    } finally {
      await Promise.all([open.close(), defaults.close()]);
    }
  });
});
