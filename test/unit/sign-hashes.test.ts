// The SHA-256 and HMAC under the signer (both modules behind #sha256), and the canonical query order.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as nodeHash from '../../src/sha256-node.js';
import * as browserHash from '../../src/sha256.js';
import { hmacSha256, sha256, toHex } from '../../src/sha256.js';
import { byCodePoint, canonicalQuery } from '../../src/canonical.js';

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
