// AK/SK signing against the vectors Huawei published (../shared/CONTRACT.md, "Signing").
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SmsError, signRequest } from '../../src/index.js';
import { hmacSha256, sha256, toHex } from '../../src/sha256.js';
import { computeSignature } from '../../src/sign.js';

const at = (sdkDate: string) => new Date(sdkDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
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
      Authorization: 'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    });
  });

  it("reproduces the Python SDK core's GET and POST vectors", async () => {
    const credentials = { ak: 'AccessKey', sk: 'SecretKey' };
    const url = 'https://service.endpoint.myhuaweicloud.com/resources?size=1';
    const get = await signRequest({ method: 'GET', url }, credentials, at('20200608T023900Z'));
    expect(get.Authorization).toBe('SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842');
    const post = await signRequest({ method: 'POST', url, body: '{"name":"test","id":1}' }, credentials, at('20200608T023900Z'));
    expect(signatureOf(post.Authorization)).toBe('436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f');
  });

  it("differs from the Go SDK core's vector only because that test signs no host header", async () => {
    // The Go core test signs a request whose header set holds only X-Sdk-Date (its Host is not among
    // the signed headers), so its SignedHeaders is `x-sdk-date`. signRequest always signs `host`, as
    // the service requires, which changes the canonical request and so the signature.
    const url = 'https://example.huaweicloud.com/path?limit=1';
    const ours = await signRequest({ method: 'GET', url }, { ak: 'AccessKey', sk: 'SecretKey' }, at('20060102T150405Z'));
    expect(ours.Authorization).toContain('SignedHeaders=host;x-sdk-date');
    expect(signatureOf(ours.Authorization)).not.toBe('5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624');
    // The same algorithm over Go's header set gives Go's published signature bit for bit.
    const go = computeSignature({ method: 'GET', url: new URL(url), headers: new Map([['x-sdk-date', '20060102T150405Z']]), sk: 'SecretKey', date: '20060102T150405Z' });
    expect(go).toEqual({ signedHeaders: 'x-sdk-date', signature: '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624' });
  });
});

describe('signRequest: behaviour', () => {
  const credentials = { ak: 'AK', sk: 'SK' };

  it('signs host with its port, every header given and X-Sdk-Date; encodes path segments and appends /', async () => {
    const url = 'http://127.0.0.1:4010/v3/sources/a%20b/command';
    const signed = await signRequest({ method: 'GET', url, headers: { 'X-Domain-Id': ' d1 ', 'X-Security-Token': 'st' } }, credentials, at('20260101T000000Z'));
    expect(signed.Authorization).toContain('SignedHeaders=host;x-domain-id;x-sdk-date;x-security-token,');
    const expected = computeSignature({
      method: 'GET',
      url: new URL('http://127.0.0.1:4010/v3/sources/a b/command/'),
      headers: new Map([['host', '127.0.0.1:4010'], ['x-domain-id', 'd1'], ['x-sdk-date', '20260101T000000Z'], ['x-security-token', 'st']]),
      sk: 'SK',
      date: '20260101T000000Z',
    });
    expect(signatureOf(signed.Authorization)).toBe(expected.signature);
  });

  it('formats X-Sdk-Date as YYYYMMDDTHHMMSSZ in UTC, now by default', async () => {
    const before = Date.now();
    const { 'X-Sdk-Date': date } = await signRequest({ method: 'GET', url: 'https://h/x' }, credentials);
    expect(date).toMatch(/^\d{8}T\d{6}Z$/);
    expect(Math.abs(at(date).getTime() - before)).toBeLessThan(2000);
  });

  it.each([
    [{ ak: '', sk: 'SK' }, /non-empty AK/],
    [{ ak: 'AK', sk: undefined as unknown as string }, /non-empty SK/],
    [{ ak: 'AK', sk: 'S\nK' }, /SK contains control characters/],
  ])('rejects (never throws) bad credentials %#', async (creds, message) => {
    const call = signRequest({ method: 'GET', url: 'https://h/x' }, creds);
    await expect(call).rejects.toBeInstanceOf(SmsError);
    await expect(call).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });
    await expect(call).rejects.not.toMatchObject({ message: expect.stringContaining('S\nK') });
  });

  it('rejects a relative URL', async () => {
    await expect(signRequest({ method: 'GET', url: '/v3/sources/x/command' }, credentials)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('the SHA-256 and HMAC under the signer', () => {
  it('match node:crypto on random inputs of every length around the block boundaries', () => {
    for (let length = 0; length < 300; length++) {
      const data = randomBytes(length);
      const key = randomBytes(length % 130);
      expect(toHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
      expect(toHex(hmacSha256(key, data))).toBe(createHmac('sha256', key).update(data).digest('hex'));
    }
  });
});
