// Our signer held to Huawei's own (@huaweicloud/huaweicloud-sdk-core AKSKSigner).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../src/index.js';

const at = (sdkDate: string) =>
  new Date(sdkDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));

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
