// The mock checks a report body against the contract, and AK/SK over it as Huawei's SDK signer signs it.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { rawRequest } from '../support/raw-http.js';
import { CREDS, V3_PATH, V1_PATH, START, errorOf, useReportMock } from '../support/report-mock.js';

const { mock, last, poll, post } = useReportMock();

describe('hostile: report bodies against the contract', () => {
  const body = (fields: Record<string, unknown>) => JSON.stringify({ ...START, ...fields });

  it.each([
    [{ result: 'ok' }, 'result: "ok" is not a documented value ("success", "fail") (enum)'],
    [
      { result: 1 },
      'result: 1 is not a documented value ("success", "fail") (enum); result: number, expected string (type string)',
    ],
    [{ result_detail: [] }, 'result_detail: an array, expected object (type object)'],
    [{ result_detail: 'done' }, 'result_detail: string, expected object (type object)'],
    [{ command_name: 'x'.repeat(256) }, 'command_name: 256 characters, over the documented 255 (maxLength 255)'],
    [{ command_name: null }, 'command_name: null, expected string (type string)'],
  ])('v3 %j: 400 MOCK.0400 naming the field and the rule', async (fields, message) => {
    await poll('/v3/sources/b/command');
    expect(await post(V3_PATH('b'), body(fields))).toMatchObject(
      errorOf(400, 'MOCK.0400', `the request breaks the contract: ${message}`),
    );
    expect(await last()).toMatchObject({
      verdict: 'refused',
      status: 400,
      violations: message.split('; '),
      report: expect.objectContaining(fields),
    });
  });

  it('a missing field, and a body that is not an object', async () => {
    const { result_detail: _detail, ...partial } = START;
    expect(await post(V1_PATH('b'), JSON.stringify(partial))).toMatchObject(
      errorOf(
        400,
        'MOCK.0400',
        'the request breaks the contract: body: the required field "result_detail" is missing (required)',
      ),
    );
    expect((await last()).report).toEqual({ command_name: 'START', result: 'success' });
    expect(await post(V3_PATH('b'), '[]')).toMatchObject(
      errorOf(400, 'MOCK.0400', 'the request breaks the contract: body: an array, expected object (type object)'),
    );
    expect((await last()).report).toBeUndefined();
  });

  it('a field the schema does not list is accepted (valid JSON Schema); a v1 command_name has no length limit', async () => {
    await poll('/v3/sources/x/command');
    expect((await post(V3_PATH('x'), body({ extra: 1 }))).status).toBe(200);
    mock.script('/v1/sms/sources/x/command', [{ body: { command_name: 'x'.repeat(300) }, unchecked: true }]);
    await poll('/v1/sms/sources/x/command');
    expect((await post(V1_PATH('x'), body({ command_name: 'x'.repeat(300) }))).status).toBe(200);
  });

  it('the id is checked as on the command path', async () => {
    expect(await post(V3_PATH('x'.repeat(37)), JSON.stringify(START))).toMatchObject(
      errorOf(
        400,
        'MOCK.0400',
        'the request breaks the contract: server_id: 37 characters, over the documented 36 (maxLength 36)',
      ),
    );
  });
});
describe("Huawei's own SDK signer (@huaweicloud/huaweicloud-sdk-core AKSKSigner) on a POST with a body", () => {
  const { AKSKSigner } = createRequire(import.meta.url)('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
    AKSKSigner: { sign(request: object, credential: { getAk(): string; getSk(): string }): Record<string, string> };
  };
  const credential = { getAk: () => CREDS.ak, getSk: () => CREDS.sk };
  /** What the SDK sends: it hashes JSON.stringify(data), so exactly that string is the body. */
  const sdkPost = (path: string, data: object, sentBody = JSON.stringify(data)) => {
    const headers = {
      'Content-Type': 'application/json',
      'X-Sdk-Date': new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, ''),
    };
    const { host: _host, ...signed } = AKSKSigner.sign(
      { method: 'POST', endpoint: `${mock.url}${path}`, headers: { ...headers }, queryParams: {}, data },
      credential,
    );
    return rawRequest(mock.port, 'POST', path, signed, 10_000, sentBody);
  };

  it.each([
    ['v3', V3_PATH, '/v3/sources/sdk-1/command'],
    ['v1', V1_PATH, '/v1/sms/sources/sdk-1/command'],
  ] as const)('%s: its signed report is accepted and journaled with its AK', async (version, path, show) => {
    await poll(show);
    const report = {
      command_name: 'START',
      result: 'success',
      result_detail: { msg: 'déjà', n: 1, nested: { ok: false } },
    };
    const answer = await sdkPost(path('sdk-1'), report);
    expect(answer.status, answer.body).toBe(200);
    expect(await last()).toMatchObject({
      method: 'POST',
      version,
      id: 'sdk-1',
      auth: { scheme: 'aksk', ak: CREDS.ak },
      verdict: 'answered',
      status: 200,
      report,
    });
  });

  it('the same signature over another body (the bytes as received differ) is refused', async () => {
    await poll('/v3/sources/sdk-2/command');
    const answer = await sdkPost(V3_PATH('sdk-2'), START, JSON.stringify(START, null, 1));
    expect(answer).toMatchObject(
      errorOf(401, 'APIGW.0301', 'Incorrect IAM authentication information: verify aksk signature fail'),
    );
    expect(await last()).toMatchObject({ verdict: 'refused', status: 401, auth: { scheme: 'aksk', ak: CREDS.ak } });
  });
});
