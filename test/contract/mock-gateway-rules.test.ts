// The gateway's AK/SK rules, signed now and sent through a raw socket as Huawei's SDKs send them: the
// SignedHeaders set is the client's (x-sdk-date the one requirement), UNSIGNED-PAYLOAD stands for the
// body, header bytes are hashed as received, a GET's body is covered, and the journal names the rule
// and keeps no secret by value. test/contract/sdk-vectors.test.ts replays the SDKs' own requests.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseTarget, type RequestTarget } from '../../src/canonical.js';
import { createVerifier } from '../../src/mock/auth/verifier.js';
import { DEMO_CREDENTIALS, type Mock, startMock } from '../../src/mock.js';
import { computeSignature, formatSdkDate } from '../../src/sign.js';
import { rawExchange, rawRequest } from '../support/raw-http.js';

const { ak, sk } = DEMO_CREDENTIALS;
const V3 = '/v3/sources/go-1/command';
const GO_AGENT = 'huaweicloud-usdk-go/3.0; go/go1.19.8';
const IAM = 'Incorrect IAM authentication information: ';
let mock: Mock;
beforeAll(async () => {
  mock = await startMock({ port: 0, auth: { tokens: ['gateway-rules-token-0001'] }, log: () => {} });
});
afterAll(() => mock.close());
afterEach(() => mock.reset());

interface Signed {
  /** Every header to send, by its wire name; `signed` lists the lower-case names the signature covers. */
  headers: Record<string, string>;
  signed: string[];
  body?: Buffer;
  /** The bytes the signer hashed for each header, as a one-character-per-byte string (default: the value's UTF-8). */
  hashed?: Record<string, string>;
  path?: string;
  method?: string;
}

/** Signs like an SDK: the names in `signed`, the body as given (or UNSIGNED-PAYLOAD where that header is signed). */
function sign({ headers, signed, body, hashed = {}, path = V3, method = 'GET' }: Signed): Record<string, string> {
  const date = formatSdkDate(new Date());
  const all: Record<string, string> = { ...headers, 'X-Sdk-Date': date };
  const values = new Map<string, string>();
  for (const name of [...signed].sort()) {
    const wire = Object.keys(all).find((k) => k.toLowerCase() === name)!;
    values.set(name, hashed[name] ?? Buffer.from(all[wire]!, 'utf8').toString('latin1'));
  }
  const target = parseTarget(path) as RequestTarget;
  const { signature } = computeSignature({
    method,
    url: target,
    headers: values,
    headerBytes: 'latin1',
    body,
    sk,
    date,
  });
  all.Authorization = `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${[...values.keys()].join(';')}, Signature=${signature}`;
  return all;
}

const GO_HEADERS = { 'User-Agent': GO_AGENT, 'Content-Type': 'application/json', 'X-Domain-Id': 'domain-0001' };
const GO_SIGNED = ['user-agent', 'x-domain-id', 'x-sdk-date'];
const REPORT = Buffer.from('{"command_name":"START","result":"success","result_detail":{}}\n');
const lastEntry = async () => (await mock.requests()).at(-1)!;

/** A GET whose header block goes on the wire as one byte per character (`latin1`), with its status. */
async function byteGet(headers: Record<string, string>): Promise<number> {
  const lines = [`GET ${V3} HTTP/1.1`, `Host: 127.0.0.1:${mock.port}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  const exchange = await rawExchange(mock.port, '', { body: Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1') });
  return Number(exchange.bytes.toString('latin1').slice(9, 12));
}
/** START served to go-1 (a report's precondition), with the mock's token. */
const serveStart = () => rawRequest(mock.port, 'GET', V3, { 'X-Auth-Token': 'gateway-rules-token-0001' });

describe("Huawei's Go SDK: host and content-type never signed", () => {
  it('a GET signed over user-agent;x-domain-id;x-sdk-date is answered', async () => {
    const answer = await rawRequest(mock.port, 'GET', V3, sign({ headers: GO_HEADERS, signed: GO_SIGNED }));
    expect(answer).toMatchObject({ status: 200, json: { command_name: 'START' } });
    expect(await lastEntry()).toMatchObject({ verdict: 'answered', auth: { scheme: 'aksk', ak } });
  });

  it('a report (its JSON with the trailing newline of json.Encoder) is accepted', async () => {
    await serveStart();
    const headers = sign({
      headers: GO_HEADERS,
      signed: GO_SIGNED,
      body: REPORT,
      method: 'POST',
      path: `${V3}_result`,
    });
    const answer = await rawRequest(mock.port, 'POST', `${V3}_result`, headers, 10_000, REPORT);
    expect(answer).toMatchObject({ status: 200, json: 'Reporting command execution results to SMS succeeded' });
  });

  it("x-sdk-date left out of SignedHeaders: the gateway's 401, the journal names the rule, and it counts", async () => {
    const headers = sign({ headers: GO_HEADERS, signed: GO_SIGNED });
    headers.Authorization = headers.Authorization!.replace(';x-sdk-date', '');
    const answer = await rawRequest(mock.port, 'GET', V3, headers);
    expect(answer).toMatchObject({
      status: 401,
      json: { error_code: 'APIGW.0301', error_msg: `${IAM}verify aksk signature fail` },
    });
    expect((await lastEntry()).reason).toBe(
      `${IAM}verify aksk signature fail (rule: SignedHeaders (user-agent;x-domain-id) must include x-sdk-date)`,
    );
  });

  it('requests the gateway accepts never count toward the lockout; five failures after them do not lock', async () => {
    for (let i = 0; i < 8; i++)
      expect((await rawRequest(mock.port, 'GET', V3, sign({ headers: GO_HEADERS, signed: GO_SIGNED }))).status).toBe(
        200,
      );
    const wrong = () => ({ ...sign({ headers: GO_HEADERS, signed: GO_SIGNED }), 'X-Domain-Id': 'another-domain' });
    for (let i = 0; i < 5; i++)
      expect((await rawRequest(mock.port, 'GET', V3, wrong())).json.error_msg).toBe(`${IAM}verify aksk signature fail`);
    expect((await rawRequest(mock.port, 'GET', V3, sign({ headers: GO_HEADERS, signed: GO_SIGNED }))).status).toBe(200);
  });
});

describe('X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD, signed, stands for the body', () => {
  const unsigned = { ...GO_HEADERS, 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' };
  const signedNames = [...GO_SIGNED, 'x-sdk-content-sha256'];

  it('a JSON report signed that way is checked and answered like any other', async () => {
    await serveStart();
    const headers = sign({ headers: unsigned, signed: signedNames, method: 'POST', path: `${V3}_result` });
    const answer = await rawRequest(mock.port, 'POST', `${V3}_result`, headers, 10_000, REPORT);
    expect(answer.status).toBe(200);
  });

  it("a text/plain report passes the signature and gets the service's refusal (SMS.2006)", async () => {
    await serveStart();
    const headers = sign({
      headers: { ...unsigned, 'Content-Type': 'text/plain' },
      signed: signedNames,
      method: 'POST',
      path: `${V3}_result`,
    });
    const answer = await rawRequest(mock.port, 'POST', `${V3}_result`, headers, 10_000, Buffer.from('START success'));
    expect(answer).toMatchObject({ status: 401, json: { error_code: 'SMS.2006' } });
  });

  it('not signed, the header changes nothing: the body is hashed', async () => {
    const headers = sign({ headers: unsigned, signed: GO_SIGNED, body: Buffer.from('x') });
    expect((await rawRequest(mock.port, 'GET', V3, headers, 10_000, Buffer.from('x'))).status).toBe(200);
    const notHashed = sign({ headers: unsigned, signed: GO_SIGNED });
    expect((await rawRequest(mock.port, 'GET', V3, notHashed, 10_000, Buffer.from('x'))).status).toBe(401);
  });
});

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

describe('the verifier against the published Go SDK core vector (only x-sdk-date signed)', () => {
  it("accepts it with the vector's clock, and refuses it with its signature changed", () => {
    const verify = createVerifier(
      { credentials: [{ ak: 'AccessKey', sk: 'SecretKey' }], clock: () => Date.UTC(2006, 0, 2, 15, 4, 5) },
      () => 0,
    );
    const request = (signature: string) => ({
      method: 'GET',
      target: parseTarget('/path?limit=1') as RequestTarget,
      headers: {
        host: 'example.huaweicloud.com',
        'x-sdk-date': '20060102T150405Z',
        authorization: `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=${signature}`,
      },
    });
    expect(verify(request('5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624'))).toEqual({
      ok: true,
      scheme: 'aksk',
      ak: 'AccessKey',
    });
    expect(verify(request('5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79625'))).toMatchObject({
      ok: false,
      reason: 'verify aksk signature fail',
    });
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
