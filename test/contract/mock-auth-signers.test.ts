// Other signers against the mock's gate: a stdlib Python signer on every id shape, and Huawei's own SDK signer.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { encodeStrict } from '../../src/canonical.js';
import { rawRequest } from '../support/raw-http.js';
import { HANG_GUARD_MS } from '../support/waits.js';
import { CREDS, useAuthMock } from '../support/auth-mock.js';

const { mock, lastEntry } = useAuthMock();

const SIGNED_PYTHON = join(root, 'test/fixtures/agent/signed_get.py');

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
