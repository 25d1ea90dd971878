// docs/signing.md's "Debugging a signature": the journal's account of a refused signature, what the
// mock computed, to diff against the signer's own, never in the answer and never a secret. (The
// page's worked vectors: signing-vectors.test.ts; its shell recipe: signing-shell.test.ts.)
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { signRequest } from '../../src/index.js';
import { DEMO_CREDENTIALS, type JournalEntry, type Mock, startMock } from '../../src/mock.js';
import { computeSignature, formatSdkDate } from '../../src/sign.js';
import { rawRequest } from '../support/raw-http.js';

describe('a refused signature in the journal', () => {
  const CREDS = { ak: 'TRACETESTAK000000001', sk: 'trace-test-secret-key-0000000000000000001' };
  const WRONG = { ...CREDS, sk: 'not-the-secret-key-000000000000000000001' };
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, auth: { credentials: [CREDS], lockout: { failures: 2, lockMs: 60_000 } } });
  });
  afterAll(() => mock.close());
  afterEach(() => mock.reset());

  const lastEntry = async (): Promise<JournalEntry> => (await mock.requests()).at(-1)!;
  let lastSignature = '';
  const get = async (path: string, signedPath: string, creds = WRONG, headers: Record<string, string> = {}) => {
    const signed = await signRequest({ method: 'GET', url: `${mock.url}${signedPath}`, headers }, creds);
    lastSignature = /Signature=([0-9a-f]+)$/.exec(signed.Authorization)![1]!;
    return rawRequest(mock.port, 'GET', path, { ...headers, ...signed });
  };
  const IAM = 'Incorrect IAM authentication information: ';
  const LOCKED_RULE =
    /^Incorrect IAM authentication information: AK access failed to reach the limit,forbidden \(rule: the AK is locked until \S+ after too many failed signatures in a row, this request's signature unchecked \(POST \/__mock\/reset/;
  const MISMATCH =
    "the signature is not the one computed over the canonical request in `signing` (diff it against your signer's)";
  const REFUSED = {
    status: 401,
    json: {
      error_code: 'APIGW.0301',
      error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
    },
  };

  it("a wrong SK: the answer is the gateway's alone; the entry has what the mock computed", async () => {
    const answer = await get('/v3/sources/s1/command', '/v3/sources/s1/command', WRONG, { 'X-Domain-Id': 'd-1' });
    expect(answer).toMatchObject(REFUSED);
    expect(Object.keys(answer.json as object).sort()).toEqual(['error_code', 'error_msg', 'request_id']);
    expect(answer.body).not.toMatch(/canonical|SDK-HMAC-SHA256\\n|x-domain-id/);
    const entry = await lastEntry();
    expect(entry).toMatchObject({
      verdict: 'refused',
      reason: `${IAM}verify aksk signature fail (rule: ${MISMATCH})`,
      auth: { ak: CREDS.ak },
    });
    const date = entry.signing!.stringToSign.split('\n')[1]!;
    const right = computeSignature({
      method: 'GET',
      url: new URL(`${mock.url}/v3/sources/s1/command`),
      headers: new Map([
        ['host', `127.0.0.1:${mock.port}`],
        ['x-domain-id', 'd-1'],
        ['x-sdk-date', date],
      ]),
      sk: CREDS.sk,
      date,
    });
    expect(entry.signing).toEqual({
      canonicalRequest: right.canonical,
      stringToSign: right.stringToSign,
      signedHeaders: ['host', 'x-domain-id', 'x-sdk-date'],
    });
    expect(entry.signing!.canonicalRequest).toBe(
      [
        'GET',
        '/v3/sources/s1/command/',
        '',
        `host:127.0.0.1:${mock.port}`,
        'x-domain-id:d-1',
        `x-sdk-date:${date}`,
        '',
        'host;x-domain-id;x-sdk-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    const json = JSON.stringify(await mock.journal());
    expect(json).not.toContain(WRONG.sk);
    expect(json).not.toContain(CREDS.sk);
    expect(json).not.toContain(lastSignature);
    expect(json).not.toContain('Signature=');
  });

  it('a signature made for another path: the canonical request names the path the mock read', async () => {
    expect(await get('/v3/sources/s2/command', '/v3/sources/s1/command', CREDS)).toMatchObject(REFUSED);
    expect((await lastEntry()).signing!.canonicalRequest.split('\n')[1]).toBe('/v3/sources/s2/command/');
  });

  it('the same entry over the control API, as a test in another language reads it', async () => {
    await get('/v1/sms/sources/a%20b/command', '/v1/sms/sources/a%20b/command');
    const listing = (await fetch(`${mock.url}/__mock/requests`).then((r) => r.json())) as {
      requests: JournalEntry[];
    };
    expect(listing.requests.at(-1)!.signing).toMatchObject({
      canonicalRequest: expect.stringMatching(/^GET\n\/v1\/sms\/sources\/a%20b\/command\/\n\n/),
      stringToSign: expect.stringMatching(/^SDK-HMAC-SHA256\n\d{8}T\d{6}Z\n[0-9a-f]{64}$/),
      signedHeaders: ['host', 'x-sdk-date'], // a list, as a Python test reads it: e["signing"]["signedHeaders"][0]
    });
  });

  it('a report: the body hash is of the bytes as received', async () => {
    const body = '{"command_name":"START","result":"success","result_detail":{}}';
    const headers = { 'Content-Type': 'application/json' };
    const url = `${mock.url}/v3/sources/s1/command_result`;
    const signed = await signRequest({ method: 'POST', url, headers, body: `${body} ` }, CREDS); // signed other bytes
    expect(
      await rawRequest(mock.port, 'POST', '/v3/sources/s1/command_result', { ...headers, ...signed }, 10_000, body),
    ).toMatchObject(REFUSED);
    const lines = (await lastEntry()).signing!.canonicalRequest.split('\n');
    expect(lines.slice(-2)).toEqual([
      'content-type;host;x-sdk-date',
      computeSignature({ method: 'POST', url: new URL(url), headers: new Map(), body, sk: '', date: '' })
        .canonical.split('\n')
        .at(-1),
    ]);
  });

  describe('hostile: nothing secret in the trace', () => {
    it('a signed X-Security-Token or X-Auth-Token is [REDACTED]; the string to sign still hashes the real value', async () => {
      const secrets = {
        'X-Security-Token': 'security-token-value-0123456789',
        'X-Auth-Token': 'auth-token-value-0123456789',
      };
      await get('/v3/sources/s1/command', '/v3/sources/s1/command', WRONG, secrets);
      const entry = await lastEntry();
      expect(entry.signing!.canonicalRequest).toContain('\nx-auth-token:[REDACTED]\n');
      expect(entry.signing!.canonicalRequest).toContain('\nx-security-token:[REDACTED]\n');
      const json = JSON.stringify(await mock.journal());
      for (const secret of Object.values(secrets)) expect(json).not.toContain(secret);
    });

    it('any signed header that may carry a credential is [REDACTED]: Proxy-Authorization, Cookie, *token*, *session*, a name with $&', async () => {
      const secrets = {
        'Proxy-Authorization': 'Basic cHJveHk6c2VjcmV0LXZhbHVl',
        Cookie: 'session=cookie-secret-0123456789',
        'X-Subject-Token': 'subject-token-secret-0123456789',
        'X-Session-Id': 'session-id-secret-0123456789',
        'X-$&-Token': 'dollar-token-secret-0123456789',
      };
      await get('/v3/sources/s1/command', '/v3/sources/s1/command', WRONG, { ...secrets, 'X-Domain-Id': 'kept' });
      const { canonicalRequest } = (await lastEntry()).signing!;
      for (const name of Object.keys(secrets))
        expect(canonicalRequest).toContain(`\n${name.toLowerCase()}:[REDACTED]\n`);
      expect(canonicalRequest).toContain('\nx-domain-id:kept\n'); // not a credential: shown
      const json = JSON.stringify(await mock.journal());
      for (const secret of Object.values(secrets)) expect(json).not.toContain(secret);
    });

    it('a signed header named constructor or __proto__ is not in the request: 401 naming it, and it counts as a failure', async () => {
      for (const name of ['constructor', '__proto__', 'hasOwnProperty']) {
        const date = formatSdkDate(new Date());
        const answer = await rawRequest(mock.port, 'GET', '/v3/sources/s1/command', {
          'X-Sdk-Date': date,
          Authorization: `SDK-HMAC-SHA256 Access=${CREDS.ak}, SignedHeaders=${name};host;x-sdk-date, Signature=${'00'.repeat(32)}`,
        });
        expect(answer).toMatchObject({
          status: 401,
          json: {
            error_msg: expect.stringMatching(/: verify aksk signature fail$|AK access failed/),
          },
        });
      }
      const reasons = (await mock.requests()).map((e) => e.reason);
      expect(reasons).toEqual([
        `${IAM}verify aksk signature fail (rule: the signed header constructor is not in the request)`,
        `${IAM}verify aksk signature fail (rule: the signed header __proto__ is not in the request)`,
        // the third failure in a row locks (lockout: 2), and the journal says how to lift it
        `${IAM}AK access failed to reach the limit,forbidden (rule: the signed header hasownproperty is not in the request; that made 3 failed signatures in a row for this AK, more than 2: locked for 60 s (POST /__mock/reset (mock.reset()) ends it; --no-lockout (auth.lockout: false) turns the rule off))`,
      ]);
    });

    it('Authorization listed among the signed headers: its value (the signature) is [REDACTED]', async () => {
      const date = formatSdkDate(new Date());
      const signature = 'ab'.repeat(32);
      const authorization = `SDK-HMAC-SHA256 Access=${CREDS.ak}, SignedHeaders=authorization;host;x-sdk-date, Signature=${signature}`;
      const answer = await rawRequest(mock.port, 'GET', '/v3/sources/s1/command', {
        'X-Sdk-Date': date,
        Authorization: authorization,
      });
      expect(answer).toMatchObject(REFUSED);
      const entry = await lastEntry();
      expect(entry.signing!.canonicalRequest).toContain('\nauthorization:[REDACTED]\n');
      expect(JSON.stringify(await mock.journal())).not.toContain(signature);
    });

    it('no trace where no signature was compared: stale date, missing signed header, unknown AK, a locked AK', async () => {
      const stale = await signRequest(
        { method: 'GET', url: `${mock.url}/v3/sources/s1/command` },
        CREDS,
        new Date(Date.now() - 3_600_000),
      );
      await rawRequest(mock.port, 'GET', '/v3/sources/s1/command', stale);
      expect(await lastEntry()).toMatchObject({
        reason: expect.stringMatching(
          /^Incorrect IAM authentication information: x-sdk-date \d{8}T\d{6}Z is 60 minutes/,
        ),
      });
      const missing = await signRequest(
        { method: 'GET', url: `${mock.url}/v3/sources/s1/command`, headers: { 'X-Domain-Id': 'd' } },
        CREDS,
      );
      await rawRequest(mock.port, 'GET', '/v3/sources/s1/command', missing);
      expect(await lastEntry()).toMatchObject({
        reason: `${IAM}verify aksk signature fail (rule: the signed header x-domain-id is not in the request)`,
      });
      await get('/v3/sources/s1/command', '/v3/sources/s1/command', { ak: 'UNKNOWNAK00000000001', sk: CREDS.sk });
      expect(await lastEntry()).toMatchObject({ reason: expect.stringMatching(/err:ak not exist$/) });
      for (let n = 0; n < 3; n++) await get('/v3/sources/s1/command', '/v3/sources/s1/command');
      await get('/v3/sources/s1/command', '/v3/sources/s1/command', CREDS); // locked: not even checked
      const entries = await mock.requests();
      expect(entries.map((e) => [e.reason, e.signing === undefined])).toEqual([
        [expect.stringMatching(/: x-sdk-date/), true],
        [expect.stringMatching(/not in the request\)$/), true],
        [expect.stringMatching(/ak not exist$/), true],
        // the stale date and the missing header were this AK's failures 1 and 2: the next one, compared, locks it
        [
          expect.stringMatching(
            /^Incorrect IAM authentication information: AK access failed to reach the limit,forbidden \(rule: the signature is not .* locked for/,
          ),
          false,
        ],
        [expect.stringMatching(LOCKED_RULE), true], // locked: not compared
        [expect.stringMatching(LOCKED_RULE), true],
        [expect.stringMatching(LOCKED_RULE), true], // the right SK too
      ]);
    });
  });
});
