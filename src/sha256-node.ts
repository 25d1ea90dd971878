// SHA-256 and HMAC-SHA256 on node:crypto: what `#sha256` resolves to under the `node` condition of
// package.json "imports" (sha256.ts, the hand-written one, is the `default` for browsers). OpenSSL's
// one-shot hash serves bench row "signRequest per request" (goal ≤ 10 µs); both modules export the
// same two functions, and test/unit/sign-hashes.test.ts holds them to the same outputs.
import { hash } from 'node:crypto';

/** The SHA-256 of `data` (a string is hashed as its UTF-8 bytes), in lower-case hex. */
export const sha256Hex = (data: string | Uint8Array): string => hash('sha256', data, 'hex');

/** The last key's pads (K xor ipad, K xor opad): a client signs every request with one SK. */
let lastKey: string | undefined;
const innerPad = Buffer.alloc(64);
const outerPad = Buffer.alloc(64);

/**
 * HMAC-SHA256 (RFC 2104) of `message` under `key`, both UTF-8, in lower-case hex: H(K^opad ||
 * H(K^ipad || m)) as two of OpenSSL's one-shot hashes over cached pads. `createHmac` made a native
 * Hmac object per request, whose garbage cost the client more than the hashing (bench row
 * "showCommand CPU/call, AK/SK": 1.30x bare fetch with it; test/unit/sign-hashes.test.ts holds both to
 * node:crypto's HMAC).
 */
export function hmacSha256Hex(key: string, message: string): string {
  if (key !== lastKey) {
    let k = Buffer.from(key, 'utf8');
    if (k.length > 64) k = hash('sha256', k, 'buffer');
    const block = Buffer.alloc(64);
    k.copy(block);
    for (let i = 0; i < 64; i++) {
      innerPad[i] = block[i]! ^ 0x36;
      outerPad[i] = block[i]! ^ 0x5c;
    }
    lastKey = key;
  }
  const m = Buffer.from(message, 'utf8');
  const inner = hash('sha256', Buffer.concat([innerPad, m], 64 + m.length), 'buffer');
  return hash('sha256', Buffer.concat([outerPad, inner], 96), 'hex');
}
