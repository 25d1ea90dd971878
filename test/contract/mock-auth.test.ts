// The mock's gate, attacked: forged paths through a raw socket (fetch would normalise them), Huawei-style
// signatures from a stdlib Python signer on every id shape, the gateway's unknown-AK words and lockout,
// and who may reach the port (Host header, CORS on the control API).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { signRequest } from '../../src/index.js';
import { createVerifier, LOCKED } from '../../src/mock/auth/verifier.js';
import { boundTo, hostProblem } from '../../src/mock/http/hosts.js';
import { DEMO_CREDENTIALS, type Mock, startMock } from '../../src/mock.js';
import { encodeStrict, parseTarget, type RequestTarget } from '../../src/canonical.js';
import { rawRequest } from '../support/raw-http.js';
import { HANG_GUARD_MS } from '../support/waits.js';

const CREDS = { ak: 'GATETESTAK0000000001', sk: 'gate-test-secret-key-00000000000000000001' };
const LOCKME = { ak: 'LOCKTESTAK0000000001', sk: 'lock-test-secret-key-00000000000000000001' };
const TOKEN = 'gate-test-token-1234567890';
const SIGNED_PYTHON = join(root, 'test/fixtures/agent/signed_get.py');
let mock: Mock;
beforeAll(async () => {
  mock = await startMock({
    port: 0,
    auth: { tokens: [TOKEN], credentials: [CREDS, LOCKME, DEMO_CREDENTIALS] },
    journalLimit: 100,
  });
});
afterAll(() => mock.close());
afterEach(() => mock.reset());

/** The headers of a signature made for `signedPath` (a path fetch would send). */
async function signatureFor(signedPath: string, creds = CREDS) {
  return { ...(await signRequest({ method: 'GET', url: `${mock.url}${signedPath}` }, creds)) };
}
const lastEntry = async () => (await mock.requests()).at(-1)!;

describe('hostile: forged paths, sent through a raw socket with a signature made for another path', () => {
  // [what, the path the signature was made for, the target sent, why it is refused]
  const cases: Array<[string, string, string, RegExp]> = [
    [
      'a backslash path resolving to the signed one',
      '/v3/sources/a/command',
      '/v3/sources/x\\..\\a/command',
      /contains "\\", which URL parsers read as "\/"/,
    ],
    [
      'a v1 signature on a v3 path',
      '/v1/sms/sources/a/command',
      '/v3/sources/..\\..\\v1\\sms\\sources\\a/command',
      /contains "\\"/,
    ],
    [
      '%2e%2e as the id, signed for /v3/command',
      '/v3/command',
      '/v3/sources/%2e%2e/command',
      /the dot segment "%2e%2e", which URL parsers resolve away/,
    ],
    ['.%2E as the id', '/v3/command', '/v3/sources/.%2E/command', /the dot segment ".%2E"/],
    ['%2E. as the id', '/v3/command', '/v3/sources/%2E./command', /the dot segment "%2E."/],
    ['a plain .. as the id', '/v3/command', '/v3/sources/../command', /the dot segment ".."/],
    ['a single . as the id', '/v3/sources/command', '/v3/sources/./command', /the dot segment "."/],
    ['%2e as the id', '/v3/sources/command', '/v3/sources/%2e/command', /the dot segment "%2e"/],
    [
      'a fragment, signed for the path before it',
      '/v3/sources/b',
      '/v3/sources/b#/command',
      /contains "#": URL parsers drop the fragment/,
    ],
    [
      'a malformed escape',
      '/v3/sources/a/command',
      '/v3/sources/%ff/command',
      /the segment "%ff" has a malformed percent-escape/,
    ],
  ];

  it.each(cases)(
    '%s: 400 naming why, before any script is used; journaled as refused with the AK',
    async (_what, signedPath, target, why) => {
      mock.script('/v3/sources/a/command', [{ body: { command_name: 'STOP' } }]);
      mock.script('/v3/sources/b/command', [{ body: { command_name: 'STOP' } }]);
      const answer = await rawRequest(mock.port, 'GET', target, await signatureFor(signedPath));
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({
        error_code: 'MOCK.0400',
        error_msg: expect.stringMatching(/^the path is refused before routing: /),
      });
      expect(answer.json.error_msg).toMatch(why);
      expect(mock.scriptState('/v3/sources/a/command')).toMatchObject({ served: 0 });
      expect(mock.scriptState('/v3/sources/b/command')).toMatchObject({ served: 0 });
      expect(await lastEntry()).toMatchObject({
        path: target,
        verdict: 'refused',
        status: 400,
        auth: { scheme: 'aksk', ak: CREDS.ak },
        reason: answer.json.error_msg,
      });
    },
  );

  it('a raw byte outside ASCII in the path is refused: it would be read as Latin-1 here and as UTF-8 by the signer', async () => {
    mock.script('/v3/sources/%C3%A9/command', [{ body: { command_name: 'STOP' } }]);
    // Node's own parser refuses it first (a bare 400); parseTarget refuses it as well, should a lenient parser pass it.
    const answer = await rawRequest(mock.port, 'GET', '/v3/sources/\u00e9/command', { 'X-Auth-Token': TOKEN });
    expect(answer.status).toBe(400);
    expect(mock.scriptState('/v3/sources/%C3%A9/command')).toMatchObject({ served: 0 });
    expect(parseTarget('/v3/sources/\u00c3\u00a9/command')).toEqual({
      path: '/v3/sources/\u00c3\u00a9/command',
      problem: 'it has a raw character outside printable ASCII: percent-encode it (UTF-8)',
    });
  });

  it('an absolute-form target is not a path the mock serves', async () => {
    const answer = await rawRequest(mock.port, 'GET', `http://127.0.0.1:${mock.port}/v3/sources/a/command`, {
      'X-Auth-Token': TOKEN,
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error_msg).toBe(
      'the path is refused before routing: the request target is not a path starting with "/"',
    );
  });

  it('the same forgery with a token is refused the same way: the path is judged before the credentials', async () => {
    const answer = await rawRequest(mock.port, 'GET', '/v3/sources/x\\..\\a/command', { 'X-Auth-Token': TOKEN });
    expect(answer).toMatchObject({ status: 400, json: { error_code: 'MOCK.0400' } });
  });
});

/** A stdlib-Python signer (test/fixtures/agent/signed_get.py) sends and signs `target` exactly as written. */
async function pythonGet(target: string, creds = CREDS) {
  const { stdout } = await promisify(execFile)(
    'python3',
    [SIGNED_PYTHON, '127.0.0.1', String(mock.port), target, creds.ak, creds.sk],
    { timeout: HANG_GUARD_MS },
  );
  return JSON.parse(stdout) as { status: number; body: any };
}

describe('Huawei-style signatures over the one canonical path: a stdlib Python signer on every id shape', () => {
  const ids = [
    'x\\..\\a',
    'a b',
    'a#b',
    'a?b',
    '100%',
    'a/b',
    'a.b',
    '..a',
    'a..',
    '~_-.',
    "(!*')",
    '\u00fc',
    '\u{1F600}x',
    'a+b',
    '%2e%2e',
  ];

  it.each(ids)(
    'id %j, percent-encoded: 200 with its own script, journaled under its decoded id and the AK',
    async (id) => {
      const path = `/v3/sources/${encodeStrict(id)}/command`;
      mock.script(path, [{ body: { command_name: 'STOP' } }]);
      expect(await pythonGet(path)).toEqual({ status: 200, body: { command_name: 'STOP' } });
      expect(mock.scriptState(path)).toMatchObject({ served: 1 });
      expect(await lastEntry()).toMatchObject({
        id,
        version: 'v3',
        verdict: 'answered',
        status: 200,
        auth: { scheme: 'aksk', ak: CREDS.ak },
      });
    },
  );

  it.each(['.', '..'])(
    'id %j cannot be addressed (a URL parser resolves it away): 400, not a signature failure',
    async (id) => {
      const answer = await pythonGet(`/v3/sources/${id}/command`);
      expect(answer.status).toBe(400);
      expect(answer.body.error_msg).toMatch(/^the path is refused before routing: it has the dot segment/);
    },
  );

  it.each(['?a=1&a1=2', '?page=1&page-size=2', '?b=2&b=10&a=x', '?a%20b=c%2Fd&a=', '?x'])(
    'query %s, sorted by name then value as Huawei signs it: 200',
    async (query) => {
      expect(await pythonGet(`/v3/sources/q1/command${query}`)).toMatchObject({ status: 200 });
    },
  );

  it('a v1 path signed the same way: 200', async () => {
    expect(await pythonGet('/v1/sms/sources/a%20b/command')).toMatchObject({ status: 200 });
    expect(await lastEntry()).toMatchObject({ id: 'a b', version: 'v1' });
  });
});

describe("Huawei's own signer (@huaweicloud/huaweicloud-sdk-core AKSKSigner) against the mock", () => {
  const require = createRequire(import.meta.url);
  const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
    AKSKSigner: { sign(request: object, credential: { getAk(): string; getSk(): string }): Record<string, string> };
  };

  it('its GETs, with the headers it sends (Content-Type, X-Domain-Id) and random queries, are accepted', async () => {
    const credential = { getAk: () => CREDS.ak, getSk: () => CREDS.sk };
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'ab1-_.~ =&%\u00e9/+';
    const word = () =>
      Array.from({ length: 1 + Math.floor(random() * 5) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
        '',
      );
    const statuses = new Set<number>();
    for (let round = 0; round < 40; round++) {
      const params: Record<string, string[]> = {};
      for (let n = 0; n < 1 + Math.floor(random() * 3); n++) params[word()] = [word(), word()];
      const query = Object.entries(params)
        .flatMap(([k, vs]) => vs.map((v) => `${encodeStrict(k)}=${encodeStrict(v)}`))
        .join('&');
      const headers = {
        'Content-Type': 'application/json',
        'X-Domain-Id': 'domain-1',
        'X-Sdk-Date': new Date()
          .toISOString()
          .replace(/[-:]/g, '')
          .replace(/\.\d{3}/, ''),
      };
      const signed = AKSKSigner.sign(
        {
          method: 'GET',
          endpoint: `${mock.url}/v3/sources/sdk-1/command`,
          headers: { ...headers },
          queryParams: structuredClone(params),
        },
        credential,
      );
      const { host: _host, ...sent } = signed;
      const answer = await rawRequest(mock.port, 'GET', `/v3/sources/sdk-1/command?${query}`, sent);
      statuses.add(answer.status);
      expect(answer.status, `?${query}: ${answer.body}`).toBe(200);
    }
    expect([...statuses]).toEqual([200]);
  });
});

describe('gateway fidelity', () => {
  it("an unknown AK gets the gateway's exact words", async () => {
    const headers = await signRequest(
      { method: 'GET', url: `${mock.url}/v3/sources/a/command` },
      { ak: 'NOSUCHAK000000000001', sk: 'whatever-secret-key' },
    );
    const answer = await rawRequest(mock.port, 'GET', '/v3/sources/a/command', headers);
    expect(answer).toMatchObject({
      status: 401,
      json: {
        error_code: 'APIGW.0301',
        error_msg:
          'Incorrect IAM authentication information: Get secretKey failed,ak:NOSUCHAK000000000001,err:ak not exist',
      },
    });
  });

  it('more than 5 failures in a row lock the AK: the 6th and every request after it, right or wrong, get the lock', async () => {
    const wrong = { ak: LOCKME.ak, sk: 'not-the-secret-key-000000000000000000001' };
    const messages: string[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await rawRequest(
        mock.port,
        'GET',
        '/v3/sources/l1/command',
        await signatureFor('/v3/sources/l1/command', wrong),
      );
      messages.push(`${answer.status} ${answer.json.error_msg}`);
    }
    expect(messages).toEqual([
      ...Array(5).fill('401 Incorrect IAM authentication information: verify aksk signature fail'),
      `401 Incorrect IAM authentication information: ${LOCKED}`,
    ]);
    expect(LOCKED).toBe('AK access failed to reach the limit,forbidden');
    const right = await rawRequest(
      mock.port,
      'GET',
      '/v3/sources/l1/command',
      await signatureFor('/v3/sources/l1/command', LOCKME),
    );
    expect(right).toMatchObject({
      status: 401,
      json: { error_msg: `Incorrect IAM authentication information: ${LOCKED}` },
    });
    // Other AKs and tokens are not locked; the journal says which AK was.
    expect(
      (
        await rawRequest(
          mock.port,
          'GET',
          '/v3/sources/l1/command',
          await signatureFor('/v3/sources/l1/command', CREDS),
        )
      ).status,
    ).toBe(200);
    expect(
      (await mock.requests()).filter((e) => e.reason?.includes(`information: ${LOCKED}`)).map((e) => e.auth),
    ).toEqual([
      { scheme: 'aksk', ak: LOCKME.ak },
      { scheme: 'aksk', ak: LOCKME.ak },
    ]);
    // The control API's reset (and mock.reset()) lifts every lock.
    mock.reset();
    expect(
      (
        await rawRequest(
          mock.port,
          'GET',
          '/v3/sources/l1/command',
          await signatureFor('/v3/sources/l1/command', LOCKME),
        )
      ).status,
    ).toBe(200);
  });

  it('a success in between resets the count', async () => {
    const wrong = { ak: LOCKME.ak, sk: 'not-the-secret-key-000000000000000000001' };
    const statuses: number[] = [];
    for (const creds of [wrong, wrong, wrong, wrong, wrong, LOCKME, wrong, wrong, wrong, wrong, wrong, LOCKME]) {
      statuses.push(
        (
          await rawRequest(
            mock.port,
            'GET',
            '/v3/sources/l2/command',
            await signatureFor('/v3/sources/l2/command', creds),
          )
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 200, 401, 401, 401, 401, 401, 200]);
  });

  it('the lock lasts lockMs and is configurable; lockout: false turns it off (the verifier on a fake clock)', () => {
    let now = Date.UTC(2026, 0, 1);
    const verify = createVerifier({ credentials: [LOCKME], lockout: { failures: 2, lockMs: 60_000 } }, () => now);
    const noLock = createVerifier({ credentials: [LOCKME], lockout: false }, () => now);
    const target = parseTarget('/v3/sources/a/command') as RequestTarget;
    // A well-formed request whose signature is wrong.
    const request = () => {
      const date = new Date(now)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
      return {
        method: 'GET',
        target,
        headers: {
          host: 'h',
          'x-sdk-date': date,
          authorization: `SDK-HMAC-SHA256 Access=${LOCKME.ak}, SignedHeaders=host;x-sdk-date, Signature=00`,
        },
      };
    };
    const reasons = [1, 2, 3, 4].map(() => verify(request()).reason);
    expect(reasons).toEqual(['verify aksk signature fail', 'verify aksk signature fail', LOCKED, LOCKED]);
    expect([1, 2, 3, 4, 5, 6, 7].map(() => noLock(request()).reason)).toEqual(
      Array(7).fill('verify aksk signature fail'),
    );
    now += 60_001;
    expect(verify(request()).reason).toBe('verify aksk signature fail');
    expect(() => createVerifier({ lockout: { failures: 0 } })).toThrow(
      'auth.lockout.failures must be an integer of at least 1, not 0',
    );
    expect(() => createVerifier({ lockout: { lockMs: 2 ** 31 } })).toThrow(
      'auth.lockout.lockMs must be an integer from 1 to 2147483647, not 2147483648',
    );
  });

  it('a signed request to an unknown path is journaled with its scheme and AK', async () => {
    const answer = await rawRequest(mock.port, 'GET', '/v3/nothing', await signatureFor('/v3/nothing'));
    expect(answer.status).toBe(404);
    expect(await lastEntry()).toMatchObject({
      path: '/v3/nothing',
      verdict: 'refused',
      auth: { scheme: 'aksk', ak: CREDS.ak },
    });
    await rawRequest(mock.port, 'GET', '/nope', { 'X-Auth-Token': TOKEN });
    expect(await lastEntry()).toMatchObject({ path: '/nope', auth: { scheme: 'token' } });
  });
});

describe('hostile: who may reach the port', () => {
  it.each(['/__mock/requests', '/v3/sources/a/command'])(
    'a Host that names another host (DNS rebinding) is refused with 403 on %s',
    async (path) => {
      const answer = await rawRequest(mock.port, 'GET', path, {
        Host: `evil.example:${mock.port}`,
        'X-Auth-Token': TOKEN,
      });
      expect(answer.status).toBe(403);
      expect(answer.json).toMatchObject({
        error_code: 'MOCK.0403',
        error_msg: `the Host header "evil.example:${mock.port}" does not name this mock (bound to 127.0.0.1): requests must name its address or localhost, which keeps DNS-rebinding pages out; allow another name with allowedHosts (--allow-host NAME)`,
      });
    },
  );

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST.', 'app.localhost', '[::1]', '127.0.0.2'])(
    'Host %s (with the port) names this mock',
    async (host) => {
      expect((await rawRequest(mock.port, 'GET', '/__mock/requests', { Host: `${host}:${mock.port}` })).status).toBe(
        200,
      );
    },
  );

  it('allowedHosts admits a named host; wildcard binds admit any IP address but no unlisted name', async () => {
    const named = await startMock({ port: 0, allowedHosts: ['Mock.Test'] });
    try {
      expect(
        (await rawRequest(named.port, 'GET', '/__mock/requests', { Host: `mock.test:${named.port}` })).status,
      ).toBe(200);
      expect(
        (await rawRequest(named.port, 'GET', '/__mock/requests', { Host: `other.test:${named.port}` })).status,
      ).toBe(403);
    } finally {
      await named.close();
    }
    const wildcard = boundTo('0.0.0.0');
    expect(hostProblem('192.0.2.7:4010', wildcard)).toBeUndefined();
    expect(hostProblem('[2001:db8::1]:4010', boundTo('::'))).toBeUndefined();
    expect(hostProblem('evil.example:4010', wildcard)).toMatch(/does not name this mock \(bound to 0\.0\.0\.0\)/);
    expect(hostProblem('192.0.2.7:4010', boundTo('127.0.0.1'))).toMatch(/does not name this mock/);
  });

  it('the control API answers no page: no CORS headers for any Origin, no preflight', async () => {
    const origin = { Origin: 'http://evil.example' };
    const list = await rawRequest(mock.port, 'GET', '/__mock/requests', origin);
    expect(list.status).toBe(403); // a foreign page: mock-foreign-pages.test.ts
    expect(list.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await rawRequest(mock.port, 'OPTIONS', '/__mock/reset', {
      ...origin,
      'Access-Control-Request-Method': 'POST',
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    // The API paths answer loopback pages (and apiOrigins): mock-foreign-pages.test.ts.
    const api = await rawRequest(mock.port, 'GET', '/v3/sources/a/command', {
      Origin: 'http://localhost:5173',
      'X-Auth-Token': TOKEN,
    });
    expect(api.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('controlOrigins opens the control API to the pages named, and only to them', async () => {
    const opened = await startMock({ port: 0, controlOrigins: ['http://dashboard.test:3000'] });
    try {
      const ok = await rawRequest(opened.port, 'OPTIONS', '/__mock/reset', {
        Origin: 'http://dashboard.test:3000',
        'Access-Control-Request-Method': 'POST',
      });
      expect(ok).toMatchObject({
        status: 204,
        headers: {
          'access-control-allow-origin': 'http://dashboard.test:3000',
          'access-control-allow-methods': 'GET, PUT, POST, DELETE',
          vary: 'Origin',
        },
      });
      const other = await rawRequest(opened.port, 'GET', '/__mock/requests', { Origin: 'http://evil.example' });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await opened.close();
    }
  });
});
