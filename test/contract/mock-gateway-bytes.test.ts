// The gateway's rules on bytes: headers hashed as received, a GET's body signed, no secret journaled, nothing raw to a terminal.
import { describe, expect, it } from 'vitest';
import { rawExchange, rawRequest } from '../support/raw-http.js';
import { sk, V3, sign, GO_HEADERS, GO_SIGNED, useGatewayMock } from '../support/gateway-rules.js';

const { mock, lastEntry, byteGet, serveStart } = useGatewayMock();

describe('header bytes hashed as they arrive', () => {
  const utf8Agent = 'my-agent/1.0 \u00e9';
  const bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1'); // what goes on the wire

  it('a UTF-8 User-Agent signed over its UTF-8 bytes (as the Python SDK does) passes', async () => {
    const headers = sign({
      headers: { ...GO_HEADERS, 'User-Agent': bytes(utf8Agent) },
      signed: GO_SIGNED,
      hashed: { 'user-agent': bytes(utf8Agent) },
    });
    expect(await byteGet(headers)).toBe(200);
  });

  it('a value whose signed bytes differ from the bytes sent (the Node SDK: C3 A9 hashed, E9 sent) fails; the trace shows it readably', async () => {
    const headers = sign({
      headers: { ...GO_HEADERS, 'User-Agent': 'my-agent/1.0 \u00e9' },
      signed: GO_SIGNED,
      hashed: { 'user-agent': bytes(utf8Agent) },
    });
    expect(await byteGet(headers)).toBe(401);
    expect((await lastEntry()).signing!.canonicalRequest).toContain('\nuser-agent:my-agent/1.0 \\xE9\n');
  });

  it('a UTF-8 value in a refused signature is shown as its text, and a control byte escaped, never raw', async () => {
    const agent = `${bytes(utf8Agent)}\tv2`; // a tab is the one control character a header value may hold
    const headers = sign({
      headers: { ...GO_HEADERS, 'User-Agent': agent },
      signed: GO_SIGNED,
      hashed: { 'user-agent': 'x' },
    });
    expect(await byteGet(headers)).toBe(401);
    expect((await lastEntry()).signing!.canonicalRequest).toContain('\nuser-agent:my-agent/1.0 \u00e9\\u{9}v2\n');
  });

  it("a header over Node's size limit gets Node's 431, and the mock goes on", async () => {
    const answer = await rawRequest(mock.port, 'GET', V3, {
      'X-Big': 'a'.repeat(20_000),
      'X-Auth-Token': 'gateway-rules-token-0001',
    });
    expect(answer.status).toBe(431);
    expect((await serveStart()).status).toBe(200);
  });
});

describe("a GET's body is covered by its signature, as the gateway covers it", () => {
  it('a body signed as empty is refused; the same body signed over its bytes passes', async () => {
    const body = Buffer.from('{"hidden":true}');
    const asEmpty = sign({ headers: GO_HEADERS, signed: GO_SIGNED });
    expect((await rawRequest(mock.port, 'GET', V3, asEmpty, 10_000, body)).status).toBe(401);
    const covered = sign({ headers: GO_HEADERS, signed: GO_SIGNED, body });
    expect((await rawRequest(mock.port, 'GET', V3, covered, 10_000, body)).status).toBe(200);
  });
});

describe('no SK or token in the journal, by value, wherever a request put it', () => {
  const token = 'gateway-rules-token-0001';
  it.each([
    [
      'the SK as a signed X-Domain-Id',
      () => sign({ headers: { ...GO_HEADERS, 'X-Domain-Id': sk }, signed: GO_SIGNED, hashed: { 'x-domain-id': 'x' } }),
    ],
    [
      'the SK in a header X-Sk',
      () => sign({ headers: { ...GO_HEADERS, 'X-Sk': sk }, signed: [...GO_SIGNED, 'x-sk'], hashed: { 'x-sk': 'x' } }),
    ],
    [
      'the SK in Access=',
      () => ({
        ...sign({ headers: GO_HEADERS, signed: GO_SIGNED }),
        Authorization: `SDK-HMAC-SHA256 Access=${sk}, SignedHeaders=x-sdk-date, Signature=00`,
      }),
    ],
    [
      'the SK percent-encoded in Access=',
      () => ({
        ...sign({ headers: GO_HEADERS, signed: GO_SIGNED }),
        Authorization: `SDK-HMAC-SHA256 Access=${[...sk].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}, SignedHeaders=x-sdk-date, Signature=00`,
      }),
    ],
    ['the token in the path', () => ({ 'X-Auth-Token': token })],
  ])('%s', async (what, headers) => {
    const path = what.includes('path') ? `/v3/sources/${token}/command` : `${V3}?sk=${encodeURIComponent(sk)}`;
    await rawRequest(mock.port, 'GET', path, headers());
    const journal = JSON.stringify(await mock.journal());
    for (const secret of [sk, token]) {
      expect(journal).not.toContain(secret);
      expect(journal).not.toContain(encodeURIComponent(secret));
    }
    expect(journal).toContain('[REDACTED]');
  });
});
describe("a header's bytes never reach a terminal raw", () => {
  it('an AK holding C1 and bidi bytes is answered and journaled as \\u escapes, the same JSON', async () => {
    const ak = 'AK\u009b31m\u202eevil'; // CSI (C1) and RIGHT-TO-LEFT OVERRIDE, as the bytes Node hands over
    const headers = { Authorization: `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=x-sdk-date, Signature=00` };
    const lines = [`GET ${V3} HTTP/1.1`, `Host: 127.0.0.1:${mock.port}`, 'Connection: close'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    const utf8 = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'); // U+202E as its UTF-8 bytes
    const answer = (await rawExchange(mock.port, '', { body: utf8 })).bytes.toString('utf8');
    expect(answer).not.toMatch(/[\u0080-\u009f\u202e]/);
    expect(answer).toContain('\\u009b'); // the byte 9B, escaped
    const listing = await fetch(`${mock.url}/__mock/requests`).then((r) => r.text());
    expect(listing).not.toMatch(/[\u0080-\u009f\u202e]/);
    expect(JSON.parse(listing).requests.at(-1).auth.ak).toContain('\u009b');
  });
});
