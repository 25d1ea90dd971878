// The gate's fidelity to the gateway: the unknown-AK words, the lockout after failures, what is journaled.
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../src/index.js';
import { createVerifier, LOCKED } from '../../src/mock/auth/verifier.js';
import { parseTarget, type RequestTarget } from '../../src/canonical.js';
import { rawRequest } from '../support/raw-http.js';
import { CREDS, LOCKME, TOKEN, useAuthMock } from '../support/auth-mock.js';

const { mock, signatureFor, lastEntry } = useAuthMock();

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
