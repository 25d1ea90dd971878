// signRequest against the vectors Huawei published (../shared/CONTRACT.md, "Signing"), UNSIGNED-PAYLOAD, and its behaviour.
import { describe, expect, it, vi } from 'vitest';
import { SmsError, signRequest } from '../../src/index.js';
import { computeSignature } from '../../src/sign.js';

const at = (sdkDate: string) =>
  new Date(sdkDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
const signatureOf = (authorization: string) => /Signature=([0-9a-f]{64})$/.exec(authorization)?.[1];

describe('signRequest: published vectors', () => {
  it("reproduces the signing guide's vector", async () => {
    const headers = await signRequest(
      {
        method: 'GET',
        url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        headers: { 'Content-Type': 'application/json', Host: 'service.region.example.com' },
      },
      { ak: 'QTWAOYTTINDUT2QVKYUC', sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' },
      at('20191115T033655Z'),
    );
    expect(headers).toEqual({
      'X-Sdk-Date': '20191115T033655Z',
      Authorization:
        'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    });
  });

  it("reproduces the Python SDK core's GET and POST vectors", async () => {
    const credentials = { ak: 'AccessKey', sk: 'SecretKey' };
    const url = 'https://service.endpoint.myhuaweicloud.com/resources?size=1';
    const get = await signRequest({ method: 'GET', url }, credentials, at('20200608T023900Z'));
    expect(get.Authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842',
    );
    const post = await signRequest(
      { method: 'POST', url, body: '{"name":"test","id":1}' },
      credentials,
      at('20200608T023900Z'),
    );
    expect(signatureOf(post.Authorization)).toBe('436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f');
  });

  it("differs from the Go SDK core's vector only because that test signs no host header", async () => {
    // The Go core test signs a request whose header set holds only X-Sdk-Date (its Host is not among
    // the signed headers), so its SignedHeaders is `x-sdk-date`. signRequest always signs `host` (the
    // gateway requires only x-sdk-date; signing more is allowed and binds the request to its host),
    // which changes the canonical request and so the signature.
    const url = 'https://example.huaweicloud.com/path?limit=1';
    const ours = await signRequest(
      { method: 'GET', url },
      { ak: 'AccessKey', sk: 'SecretKey' },
      at('20060102T150405Z'),
    );
    expect(ours.Authorization).toContain('SignedHeaders=host;x-sdk-date');
    expect(signatureOf(ours.Authorization)).not.toBe(
      '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
    );
    // The same algorithm over Go's header set gives Go's published signature bit for bit.
    const go = computeSignature({
      method: 'GET',
      url: new URL(url),
      headers: new Map([['x-sdk-date', '20060102T150405Z']]),
      sk: 'SecretKey',
      date: '20060102T150405Z',
    });
    expect(go).toMatchObject({
      signedHeaders: 'x-sdk-date',
      signature: '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
    });
  });
});

describe('X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD', () => {
  const url = 'https://service.endpoint.myhuaweicloud.com/resources?size=1';
  const credentials = { ak: 'AccessKey', sk: 'SecretKey' };

  it('signed with that value, the literal replaces the body hash in the canonical request, on any method', () => {
    for (const method of ['POST', 'GET']) {
      const signed = computeSignature({
        method,
        url: new URL(url),
        headers: new Map([
          ['host', 'service.endpoint.myhuaweicloud.com'],
          ['x-sdk-content-sha256', 'UNSIGNED-PAYLOAD'],
          ['x-sdk-date', '20200608T023900Z'],
        ]),
        body: 'START success',
        sk: 'SecretKey',
        date: '20200608T023900Z',
      });
      expect(signed.canonical.split('\n').at(-1)).toBe('UNSIGNED-PAYLOAD');
    }
  });

  it('signRequest signs it when the caller sends it, so the body may change without re-signing', async () => {
    const sign = (body: string) =>
      signRequest(
        { method: 'POST', url, body, headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' } },
        credentials,
        at('20200608T023900Z'),
      );
    const [a, b] = await Promise.all([sign('{"a":1}'), sign('text')]);
    expect(a.Authorization).toContain('SignedHeaders=host;x-sdk-content-sha256;x-sdk-date');
    expect(a).toEqual(b);
  });
});

describe('signRequest: behaviour', () => {
  const credentials = { ak: 'AK', sk: 'SK' };

  it('signs host with its port, every header given and X-Sdk-Date; encodes path segments and appends /', async () => {
    const url = 'http://127.0.0.1:4010/v3/sources/a%20b/command';
    const signed = await signRequest(
      { method: 'GET', url, headers: { 'X-Domain-Id': ' d1 ', 'X-Security-Token': 'st' } },
      credentials,
      at('20260101T000000Z'),
    );
    expect(signed.Authorization).toContain('SignedHeaders=host;x-domain-id;x-sdk-date;x-security-token,');
    const expected = computeSignature({
      method: 'GET',
      url: new URL('http://127.0.0.1:4010/v3/sources/a b/command/'),
      headers: new Map([
        ['host', '127.0.0.1:4010'],
        ['x-domain-id', 'd1'],
        ['x-sdk-date', '20260101T000000Z'],
        ['x-security-token', 'st'],
      ]),
      sk: 'SK',
      date: '20260101T000000Z',
    });
    expect(signatureOf(signed.Authorization)).toBe(expected.signature);
  });

  it('formats X-Sdk-Date as YYYYMMDDTHHMMSSZ in UTC, now by default', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-04T05:06:07.890Z') });
    try {
      const { 'X-Sdk-Date': date } = await signRequest({ method: 'GET', url: 'https://h/x' }, credentials);
      expect(date).toBe('20260304T050607Z');
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    // The client's own check, named as signRequest's caller wrote it (credentials.ak, not auth.ak).
    [{ ak: '', sk: 'SK' }, /^credentials\.ak must be a non-empty string$/],
    [{ ak: 'AK', sk: undefined as unknown as string }, /^credentials\.sk must be a non-empty string$/],
    [{ ak: 'AK', sk: 'S\nK' }, /^credentials\.sk contains control characters$/],
  ])('rejects (never throws) bad credentials %#', async (creds, message) => {
    const call = signRequest({ method: 'GET', url: 'https://h/x' }, creds);
    await expect(call).rejects.toBeInstanceOf(SmsError);
    await expect(call).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });
    await expect(call).rejects.not.toMatchObject({ message: expect.stringContaining('S\nK') });
  });

  it('rejects a relative URL', async () => {
    await expect(signRequest({ method: 'GET', url: '/v3/sources/x/command' }, credentials)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
