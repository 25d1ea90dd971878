// AK/SK signing against the vectors Huawei published (../shared/CONTRACT.md, "Signing").
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { SmsError, signRequest } from '../../src/index.js';
import * as nodeHash from '../../src/sha256-node.js';
import * as browserHash from '../../src/sha256.js';
import { hmacSha256, sha256, toHex } from '../../src/sha256.js';
import { byCodePoint, canonicalQuery } from '../../src/canonical.js';
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

describe('the SHA-256 and HMAC under the signer', () => {
  it('match node:crypto on random inputs of every length around the block boundaries', () => {
    for (let length = 0; length < 300; length++) {
      const data = randomBytes(length);
      const key = randomBytes(length % 130);
      expect(toHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
      expect(toHex(hmacSha256(key, data))).toBe(createHmac('sha256', key).update(data).digest('hex'));
    }
  });

  it('the two modules behind #sha256 (node:crypto on Node, hand-written in browsers) agree', () => {
    // The signer calls only these two, so equal outputs here mean equal signatures on every platform.
    const browser = browserHash as Record<string, unknown>;
    for (const name of Object.keys(nodeHash)) expect(typeof browser[name], name).toBe('function');
    const texts = ['', 'abc', 'd\u00e9j\u00e0 vu \u4e2d \u{1F600}', 'x'.repeat(55), 'y'.repeat(64), 'z'.repeat(1000)];
    for (const text of texts) {
      const key = `${text}key`.repeat(3);
      expect(browserHash.sha256Hex(text)).toBe(nodeHash.sha256Hex(text));
      const bytes = new TextEncoder().encode(text);
      expect(browserHash.sha256Hex(bytes)).toBe(nodeHash.sha256Hex(bytes));
      expect(browserHash.hmacSha256Hex(key, text)).toBe(nodeHash.hmacSha256Hex(key, text));
    }
  });
});

describe('the Node HMAC (two one-shot hashes over cached pads)', () => {
  it("equals node:crypto's createHmac as the key changes, and back (the pad cache never serves a stale key)", () => {
    const keys = [
      'k',
      'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
      'x'.repeat(64),
      'y'.repeat(65),
      '\u00e9'.repeat(40),
      '',
    ];
    for (let round = 0; round < 3; round++) {
      for (const key of keys) {
        const message = `SDK-HMAC-SHA256\n20260101T000000Z\n${randomBytes(32).toString('hex')}${'\u4e2d'.repeat(round * 30)}`;
        expect(nodeHash.hmacSha256Hex(key, message), key).toBe(createHmac('sha256', key).update(message).digest('hex'));
      }
    }
  });
});

describe('the canonical query: by name, then by value, as the signing guide and Huawei SDK signers sort', () => {
  it.each([
    ['?a1=2&a=1', 'a=1&a1=2'],
    ['?page-size=2&page=1', 'page=1&page-size=2'],
    ['?b=2&b=10&a=x', 'a=x&b=10&b=2'],
    ['?x&y=&x=1', 'x=&x=1&y='],
    ['?a%20b=c%2fd&a=%7E', 'a=~&a%20b=c%2Fd'],
    ['?k=a+b', 'k=a%2Bb'],
    ['', ''],
    ['?', ''],
  ])('%s -> %s', (search, expected) => {
    expect(canonicalQuery(search)).toBe(expected);
  });

  it('sorts by code point, not UTF-16 unit: U+1F600 after U+FF61, as Python and Go sort', () => {
    expect(canonicalQuery('?k=\u{1F600}&k=\uFF61')).toBe(
      `k=${encodeURIComponent('\uFF61')}&k=${encodeURIComponent('\u{1F600}')}`,
    );
    expect(['\u{1F600}', '\uFF61', 'a', '\u00e9'].sort(byCodePoint)).toEqual(['a', '\u00e9', '\uFF61', '\u{1F600}']);
  });
});

describe("held to Huawei's own signer (@huaweicloud/huaweicloud-sdk-core AKSKSigner)", () => {
  const require = createRequire(import.meta.url);
  const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
    AKSKSigner: { sign(request: object, credential: { getAk(): string; getSk(): string }): Record<string, string> };
  };
  const credential = { getAk: () => 'AccessKey', getSk: () => 'SecretKey' };
  const DATE = '20260101T000000Z';
  const huawei = (method: string, endpoint: string, queryParams: Record<string, string | string[]>, data?: unknown) =>
    AKSKSigner.sign(
      { method, endpoint, headers: { 'X-Sdk-Date': DATE }, queryParams, ...(data === undefined ? {} : { data }) },
      credential,
    ).Authorization;
  const ours = async (method: string, url: string, body?: string) =>
    (
      await signRequest(
        { method, url, ...(body === undefined ? {} : { body }) },
        { ak: 'AccessKey', sk: 'SecretKey' },
        at(DATE),
      )
    ).Authorization;

  it('agrees on 300 random queries (repeated names, names that prefix others, reserved and non-ASCII characters)', async () => {
    // A seeded generator, so that a failure is repeatable.
    let seed = 20261127;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [
      'a',
      'b',
      'a1',
      '-',
      '_',
      '.',
      '~',
      ' ',
      '/',
      '=',
      '&',
      '+',
      '%',
      '!',
      '*',
      "'",
      '(',
      ')',
      '\u00e9',
      '\u4e2d',
      'Z',
      '0',
    ];
    const word = (min: number) =>
      Array.from(
        { length: min + Math.floor(random() * 4) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
    for (let round = 0; round < 300; round++) {
      const params: Record<string, string[]> = {};
      const names = Array.from({ length: 1 + Math.floor(random() * 4) }, () => word(1));
      for (const name of names) params[name] = Array.from({ length: 1 + Math.floor(random() * 3) }, () => word(0));
      const query = Object.entries(params)
        .flatMap(([name, values]) => values.map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`))
        .join('&');
      const sdk = huawei('GET', 'https://sms.example.test/v3/sources/abc/command', structuredClone(params));
      expect(await ours('GET', `https://sms.example.test/v3/sources/abc/command?${query}`), `query ?${query}`).toBe(
        sdk,
      );
    }
  });

  it('agrees on a POST with a JSON body (the body hash is the last line of the canonical request)', async () => {
    const data = { command_name: 'START', result: 'success', result_detail: { msg: 'd\u00e9j\u00e0 vu' } };
    const sdk = huawei('POST', 'https://sms.example.test/v3/sources/abc/command_result', {}, data);
    expect(await ours('POST', 'https://sms.example.test/v3/sources/abc/command_result', JSON.stringify(data))).toBe(
      sdk,
    );
  });

  it("agrees on ids of unreserved characters; on other ids Huawei's Node signer encodes twice, which the gateway does not (CONTRACT.md)", async () => {
    expect(await ours('GET', 'https://sms.example.test/v3/sources/f32ab4d6-d150-4fb3-aa55-edbb5cf9947f/command')).toBe(
      huawei('GET', 'https://sms.example.test/v3/sources/f32ab4d6-d150-4fb3-aa55-edbb5cf9947f/command', {}),
    );
    expect(await ours('GET', 'https://sms.example.test/v3/sources/a%20b/command')).not.toBe(
      huawei('GET', 'https://sms.example.test/v3/sources/a%20b/command', {}),
    );
  });
});
