// The one list of credential-looking names (src/secret-names.ts), shared by the client's redaction
// and the mock's signing trace.
import { describe, expect, it } from 'vitest';
import { isSecretHeaderName, isSecretQueryName, redactQuery } from '../../src/secret-names.js';
import { createRedactor } from '../../src/client/redact.js';

describe('isSecretHeaderName', () => {
  it.each([
    'authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'x-auth-token',
    'x-subject-token',
    'x-security-token',
    'x-api-key',
    'apikey',
    'api_key',
    'x-access-key',
    'x-private-key',
    'x-client-secret',
    'x-password',
    'x-session-id',
    'x-amz-signature',
    'x-goog-credential',
    'x-sk',
    'sk',
  ])('%s carries a credential', (name) => {
    expect(isSecretHeaderName(name)).toBe(true);
  });

  it.each([
    'host',
    'x-sdk-date',
    'content-type',
    'x-domain-id',
    'x-project-id',
    'accept',
    'x-request-id',
    'task',
    'key',
  ])('%s does not', (name) => {
    expect(isSecretHeaderName(name)).toBe(false);
  });
});

describe('isSecretQueryName', () => {
  it('takes every header name above and the short query conventions (sig, key)', () => {
    for (const name of ['x-auth-token', 'signature', 'token', 'sk', 'secret', 'access_key', 'sig', 'key', 'apikey'])
      expect(isSecretQueryName(name)).toBe(true);
    for (const name of ['limit', 'offset', 'server_id', 'task', 'sort_key_order'])
      expect(isSecretQueryName(name)).toBe(false);
  });
});

describe('redactQuery', () => {
  it.each([
    ['?X-Auth-Token=MIItoken&limit=5', '?X-Auth-Token=[REDACTED]&limit=5'],
    [
      '?Signature=0123abcd&sk=abc&secret=s&access_key=k&token=t',
      '?Signature=[REDACTED]&sk=[REDACTED]&secret=[REDACTED]&access_key=[REDACTED]&token=[REDACTED]',
    ],
    // A canonical query string (no `?`), its names encoded as the signing guide encodes them.
    ['X-Api-Key=k1&a=1&x%2Dprivate%2Dkey=k2', 'X-Api-Key=[REDACTED]&a=1&x%2Dprivate%2Dkey=[REDACTED]'],
    ['?api+key=k&Token=t', '?api+key=[REDACTED]&Token=[REDACTED]'],
  ])('%s', (search, expected) => {
    expect(redactQuery(search)).toBe(expected);
  });

  it('leaves everything else as written: empty values, names without values, bad escapes, other names', () => {
    for (const search of ['', '?', '?a=1&b=2', '?token=&sk', '?%zz=1&limit=%ff', 'a=1&&b=2'])
      expect(redactQuery(search)).toBe(search);
  });
});

describe("the client's redaction takes its names from the same list", () => {
  const redact = createRedactor([]);
  it.each([
    ['X-Api-Key: key-0123456789', 'X-Api-Key: [REDACTED]'],
    ['{"apikey":"abc0123456789"}', '{"apikey":"[REDACTED]"}'],
    ['see ?x-private-key=pk0123456789&limit=5', 'see ?x-private-key=[REDACTED]&limit=5'],
    ['Authorization: Bearer eyJ0eXAiOiJKV1Qi', 'Authorization: Bearer [REDACTED]'],
    ['%22X-Access-Key%22%3A%22AK0123456789%22', '%22X-Access-Key%22%3A%22[REDACTED]%22'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('keeps prose, and a value with no digit, which no credential is', () => {
    for (const text of ['the token: expired', 'session: closed by the server', 'limit=12345678', 'key: value'])
      expect(redact(text)).toBe(text);
  });
});
