// SHA-256 and HMAC-SHA256 on node:crypto: what `#sha256` resolves to under the `node` condition of
// package.json "imports" (sha256.ts, the hand-written one, is the `default` for browsers). OpenSSL's
// one-shot hash serves bench row "signRequest per request" (goal ≤ 10 µs); both modules export the
// same two functions, and test/unit/sign.test.ts holds them to the same outputs.
import { createHmac, hash } from 'node:crypto';

/** The SHA-256 of `data` (a string is hashed as its UTF-8 bytes), in lower-case hex. */
export const sha256Hex = (data: string | Uint8Array): string => hash('sha256', data, 'hex');

/** HMAC-SHA256 (RFC 2104) of `message` under `key`, both UTF-8, in lower-case hex. */
export const hmacSha256Hex = (key: string, message: string): string =>
  createHmac('sha256', key).update(message).digest('hex');
