// SHA-256 and HMAC-SHA256 in plain TypeScript: synchronous, dependency-free, for browsers (what
// `#sha256` resolves to outside Node; on Node, sha256-node.ts). Web Crypto would do, but it is
// asynchronous and costs more than the hash itself for the few hundred bytes a request signature
// covers. The round constants are derived, not listed (the first 32 bits of the fractional parts of
// the square and cube roots of the first primes), which keeps the browser bundle small (bench row
// "v3 client + signer, browser"); the tests compare every output with node:crypto.

const K = new Int32Array(64);
const INITIAL = new Int32Array(8);
for (let n = 2, found = 0; found < 64; n++) {
  let prime = true;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
  if (!prime) continue;
  if (found < 8) INITIAL[found] = ((n ** 0.5 % 1) * 2 ** 32) | 0;
  K[found++] = ((Math.cbrt(n) % 1) * 2 ** 32) | 0;
}

const W = new Int32Array(64);

/** Runs the compression function over the 64-byte block of `bytes` at `at`, updating `state`. */
function compress(state: Int32Array, bytes: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++, at += 4)
    W[i] = (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15]!,
      b = W[i - 2]!;
    W[i] =
      ((((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3)) +
        W[i - 7]! +
        (((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10)) +
        W[i - 16]!) |
      0;
  }
  let a = state[0]!,
    b = state[1]!,
    c = state[2]!,
    d = state[3]!,
    e = state[4]!,
    f = state[5]!,
    g = state[6]!,
    h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 =
      (h +
        (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
        ((e & f) ^ (~e & g)) +
        K[i]! +
        W[i]!) |
      0;
    const t2 =
      ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
        ((a & b) ^ (a & c) ^ (b & c))) |
      0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

const tail = new Uint8Array(128);

/** Finishes a hash whose `state` has already absorbed `before` bytes, over `data`; returns the digest. */
function finish(state: Int32Array, data: Uint8Array, before: number): Uint8Array {
  const whole = data.length & ~63;
  for (let at = 0; at < whole; at += 64) compress(state, data, at);
  const rest = data.length - whole;
  const end = rest < 56 ? 64 : 128;
  tail.set(data.subarray(whole));
  tail[rest] = 0x80;
  tail.fill(0, rest + 1, end);
  const bits = (before + data.length) * 8;
  for (let i = 1; i <= 4; i++) tail[end - i] = (bits >>> (8 * (i - 1))) & 0xff;
  tail[end - 5] = (bits / 2 ** 32) & 0xff;
  compress(state, tail, 0);
  if (end === 128) compress(state, tail, 64);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[i * 4] = state[i]! >>> 24;
    out[i * 4 + 1] = state[i]! >>> 16;
    out[i * 4 + 2] = state[i]! >>> 8;
    out[i * 4 + 3] = state[i]!;
  }
  return out;
}

const encoder = new TextEncoder();

let scratch = new Uint8Array(1024);

/**
 * UTF-8 bytes of `text`, in a buffer reused by the next call (hash them at once). ASCII, all a
 * signature covers as a rule, is copied by hand: TextEncoder's call into the engine and a fresh
 * buffer per string cost more than the copy for a few hundred characters.
 */
function ascii(text: string): Uint8Array {
  if (text.length > scratch.length) scratch = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encoder.encode(text);
    scratch[i] = code;
  }
  return scratch.subarray(0, text.length);
}

export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** SHA-256 of a string's UTF-8 bytes. */
export const sha256Text = (text: string): Uint8Array => sha256(ascii(text));

/** The SHA-256 digest of `data`. */
export const sha256 = (data: Uint8Array): Uint8Array => finish(INITIAL.slice(), data, 0);

/** The states after the key's inner and outer pads: computed once per key, reused per message. */
function padStates(key: Uint8Array): [Int32Array, Int32Array] {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = INITIAL.slice(),
    outer = INITIAL.slice();
  for (let i = 0; i < 64; i++) block[i] = block[i]! ^ 0x36;
  compress(inner, block, 0);
  for (let i = 0; i < 64; i++) block[i] = block[i]! ^ 0x36 ^ 0x5c;
  compress(outer, block, 0);
  return [inner, outer];
}

let lastKey: Uint8Array | string | undefined;
let lastStates: [Int32Array, Int32Array] = [INITIAL, INITIAL];

/** HMAC-SHA256 (RFC 2104) of `message` (bytes, or a string's UTF-8) under `key`; the pad states of the last key are kept. */
export function hmacSha256(key: Uint8Array | string, message: Uint8Array | string): Uint8Array {
  if (typeof message === 'string') message = ascii(message);
  if (key !== lastKey) {
    lastStates = padStates(typeof key === 'string' ? utf8(key) : key);
    lastKey = typeof key === 'string' ? key : undefined;
  }
  const [inner, outer] = lastStates;
  return finish(outer.slice(), finish(inner.slice(), message, 64), 64);
}

const HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

/** The SHA-256 of `data` (a string is hashed as its UTF-8 bytes), in lower-case hex. */
export const sha256Hex = (data: string | Uint8Array): string =>
  toHex(typeof data === 'string' ? sha256Text(data) : sha256(data));

/** HMAC-SHA256 (RFC 2104) of `message` under `key`, both UTF-8, in lower-case hex. */
export const hmacSha256Hex = (key: string, message: string): string => toHex(hmacSha256(key, message));
