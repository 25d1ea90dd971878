// The gateway's AK/SK rules as Huawei's Go SDK meets them: its SignedHeaders set, UNSIGNED-PAYLOAD, its published vector.
// test/contract/sdk-vectors.test.ts replays the SDKs' own requests.
import { describe, expect, it } from 'vitest';
import { parseTarget, type RequestTarget } from '../../src/canonical.js';
import { createVerifier } from '../../src/mock/auth/verifier.js';
import { rawRequest } from '../support/raw-http.js';
import { ak, V3, IAM, sign, GO_HEADERS, GO_SIGNED, REPORT, useGatewayMock } from '../support/gateway-rules.js';

const { mock, lastEntry, serveStart } = useGatewayMock();

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
