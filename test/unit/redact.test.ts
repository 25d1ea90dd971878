// Redaction: whole secrets and 8-character runs of long ones anywhere; short ones only standing alone.
import { describe, expect, it } from 'vitest';
import { createRedactor, FRAGMENT_LENGTH, MAX_JSON_DEPTH, redactJson } from '../../src/client/redact.js';

const TOKEN = 'MIIEXAMPLEtokenABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

describe('createRedactor', () => {
  const redact = createRedactor([TOKEN, 'S']);

  it('removes a long secret whole, and every run of 8 or more of its characters, merging overlaps', () => {
    expect(redact(`a ${TOKEN} b`)).toBe('a [REDACTED] b');
    expect(redact(`start ${TOKEN.slice(0, 20)}|${TOKEN.slice(30)} end`)).toBe('start [REDACTED]|[REDACTED] end');
    expect(redact(`${TOKEN}${TOKEN}`)).toBe('[REDACTED]');
    expect(redact(`x${TOKEN.slice(5, 5 + FRAGMENT_LENGTH)}y`)).toBe('x[REDACTED]y');
  });

  it('leaves runs of 7 characters, and text that shares a short secret\'s letters', () => {
    expect(redact(`x${TOKEN.slice(5, 5 + FRAGMENT_LENGTH - 1)}y`)).toBe(`x${TOKEN.slice(5, 12)}y`);
    expect(redact('SMS.9004 Some Service')).toBe('SMS.9004 Some Service');
    expect(redact('token: S, again "S"')).toBe('token: [REDACTED], again "[REDACTED]"');
  });

  it('removes any request signature', () => {
    expect(redact('Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=0123abcdef')).toBe('Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=[REDACTED]');
  });

  it('with no secrets, returns the text unchanged', () => {
    expect(createRedactor([])('anything at all')).toBe('anything at all');
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
    expect(redactJson(JSON.parse('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)), (s) => s)).toBe(false);
    expect(redactJson(JSON.parse('['.repeat(500_000) + ']'.repeat(500_000)), (s) => s)).toBe(false);
  });
});
