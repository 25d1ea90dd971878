// Redaction: whole secrets and 8-character runs of long ones anywhere; short ones only standing alone.
import { describe, expect, it } from 'vitest';
import { createRedactor, FRAGMENT_LENGTH, MAX_JSON_DEPTH, redactJson, undisguise } from '../../src/client/redact.js';

const TOKEN = 'MIIEXAMPLEtokenABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

describe('createRedactor', () => {
  const redact = createRedactor([TOKEN, 'S']);

  it('removes a long secret whole, and every run of 8 or more of its characters, merging overlaps', () => {
    expect(redact(`a ${TOKEN} b`)).toBe('a [REDACTED] b');
    expect(redact(`start ${TOKEN.slice(0, 20)}|${TOKEN.slice(30)} end`)).toBe('start [REDACTED]|[REDACTED] end');
    expect(redact(`${TOKEN}${TOKEN}`)).toBe('[REDACTED]');
    expect(redact(`x${TOKEN.slice(5, 5 + FRAGMENT_LENGTH)}y`)).toBe('x[REDACTED]y');
  });

  it("leaves runs of 7 characters, and text that shares a short secret's letters", () => {
    expect(redact(`x${TOKEN.slice(5, 5 + FRAGMENT_LENGTH - 1)}y`)).toBe(`x${TOKEN.slice(5, 12)}y`);
    expect(redact('SMS.9004 Some Service')).toBe('SMS.9004 Some Service');
    expect(redact('token: S, again "S"')).toBe('token: [REDACTED], again "[REDACTED]"');
  });

  it('removes any request signature', () => {
    expect(redact('Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=0123abcdef')).toBe(
      'Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=[REDACTED]',
    );
  });

  it('removes a signature echoed bare (64 hex digits standing alone), and a long secret lower-cased (as a host is)', () => {
    const hex = 'E95477A77194D69597537AB2FA99515FD7DB947DEAA1494739CFEED5883482D9';
    expect(redact(`id ${hex}, again ${hex.toLowerCase()}.`)).toBe('id [REDACTED], again [REDACTED].');
    expect(redact(`x${hex}`)).toBe(`x${hex}`); // part of a longer word: not a signature on its own
    expect(redact(`http://${TOKEN.toLowerCase()}.example.com`)).toBe('http://[REDACTED].example.com');
  });

  it('with no secrets, returns the text unchanged', () => {
    expect(createRedactor([])('anything at all')).toBe('anything at all');
  });
});

describe('undisguise', () => {
  it('undoes %XX, \\uXXXX and invisible characters; finds nothing to undo in printable ASCII without % or \\', () => {
    expect(undisguise('a%41b\\u0042c\u200bd')?.view).toBe('aAbBcd');
    const undone: string[] = [];
    for (let code = 0; code < 0x100; code++) {
      const c = String.fromCharCode(code);
      if (undisguise(`ab${c}41cd`) !== undefined) undone.push(code.toString(16));
    }
    // C0, DEL, C1 and the soft hyphen are invisible; `%41` reads as A and `\\` starts no escape here.
    const expected = [...Array(0x20).keys(), 0x25, 0x7f, ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i), 0xad];
    expect(undone).toEqual(expected.map((code) => code.toString(16)));
  });
});

describe('redactJson', () => {
  it('redacts every string and key in place, without recursion', () => {
    const value = { error_msg: `bad ${TOKEN}`, nested: [{ [TOKEN]: [TOKEN] }] };
    expect(redactJson(value, createRedactor([TOKEN]))).toBe(true);
    expect(value).toEqual({ error_msg: 'bad [REDACTED]', nested: [{ '[REDACTED]': ['[REDACTED]'] }] });
  });

  it(`gives up past ${MAX_JSON_DEPTH} levels (the caller keeps the text), and never overflows the stack`, () => {
    expect(redactJson(JSON.parse('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)), (s) => s)).toBe(true);
    expect(redactJson(JSON.parse('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)), (s) => s)).toBe(
      false,
    );
    expect(redactJson(JSON.parse('['.repeat(500_000) + ']'.repeat(500_000)), (s) => s)).toBe(false);
  });
});

describe('hostile: secrets and signatures echoed in other forms', () => {
  // Every 8-character run holds a character encodeURIComponent changes, so the encoded form shares no run with it.
  const SECRET = 'MIIx+T0k3/n5e=cr3t+val/ue42+Zq==';
  const redact = createRedactor([SECRET]);
  const hex = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
  const percentAll = [...SECRET].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
  const unicode = (every: number) =>
    [...SECRET].map((c, i) => (i % every ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('');

  it.each([
    [`signature=${hex}`, 'signature=[REDACTED]'],
    [`Signature = ${hex}, next`, 'Signature = [REDACTED], next'],
    [`{"Signature":"${hex}"}`, '{"Signature":"[REDACTED]"}'],
    [`{"signature" : "${hex.toUpperCase()}"}`, '{"signature" : "[REDACTED]"}'],
    [`{\\"Signature\\":\\"${hex}\\"}`, '{\\"Signature\\":\\"[REDACTED]\\"}'],
    [`SIGNATURE:${hex}`, 'SIGNATURE:[REDACTED]'],
    [`?Signature%3D${hex}&x=1`, '?Signature%3D[REDACTED]&x=1'],
    [`Access=AK, SignedHeaders=host, Signature=${hex}`, 'Access=AK, SignedHeaders=host, Signature=[REDACTED]'],
  ])('a signature: %s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ['encodeURIComponent', `token=${encodeURIComponent(SECRET)}&x=1`, 'token=[REDACTED]&x=1'],
    ['%XX of every byte, upper case', `t ${percentAll.toUpperCase()} end`, 't [REDACTED] end'],
    ['%XX of every byte, lower case', `t ${percentAll} end`, 't [REDACTED] end'],
    ['\\uXXXX of every character', `{"t":"${unicode(1)}"}`, '{"t":"[REDACTED]"}'],
    ['\\uXXXX of every third character', `{"t":"${unicode(3)}"}`, '{"t":"[REDACTED]"}'],
    ['half of it, encoded', `cut: ${encodeURIComponent(SECRET.slice(0, 16))}`, 'cut: [REDACTED]'],
    ['a zero-width space between every character', `t ${[...SECRET].join('\u200b')} end`, 't [REDACTED] end'],
  ])('the secret %s', (_what, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('the text around an encoded secret, and text with no secret, stay exactly as they are', () => {
    const ordinary = [
      'verify aksk signature fail',
      'signature: bad request',
      'the signature = deadbeefing',
      '100% done, 50%2 more, %zz, \\u00e9t\\u00e9 and \\uzzzz',
      'SMS.9004 The current account does not have the permission to execute policy.',
      'caf\u00e9 \u202e mixed \u200b text',
    ];
    for (const text of ordinary) expect(redact(text)).toBe(text);
    expect(redact(`before %41%42 ${percentAll} after %43`)).toBe('before %41%42 [REDACTED] after %43');
  });
});
