// The journal as HAR 1.2 (src/mock/journal/har.ts): over HTTP (`GET /__mock/requests?format=har`) and from
// Node (`mock.journal({ format: 'har' })`), validated against HAR 1.2's required structure (the
// schema below, from the spec's field list), with the journal's redaction: no credential in it.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, type HarLog, type Mock, startMock } from '../../src/mock.js';
import * as v3 from '../../src/v3.js';

const str = { type: 'string' };
const num = { type: 'number' };
const list = (items: object) => ({ type: 'array', items });
const nameValue = { type: 'object', required: ['name', 'value'], properties: { name: str, value: str } };
const object = (properties: Record<string, object>, extra: Record<string, object> = {}) => ({
  type: 'object',
  required: Object.keys(properties),
  properties: { ...properties, ...extra },
});
/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): every field the spec requires, with its type. */
const HAR_1_2 = object({
  log: object({
    version: { const: '1.2' },
    creator: object({ name: str, version: str }),
    entries: list(
      object({
        startedDateTime: {
          type: 'string',
          pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
        },
        time: { type: 'number', minimum: 0 },
        request: object(
          {
            method: str,
            url: { type: 'string', pattern: '^https?://' },
            httpVersion: str,
            cookies: list(nameValue),
            headers: list(nameValue),
            queryString: list(nameValue),
            headersSize: num,
            bodySize: num,
          },
          { postData: object({ mimeType: str, text: str }) },
        ),
        response: object({
          status: { type: 'integer' },
          statusText: str,
          httpVersion: str,
          cookies: list(nameValue),
          headers: list(nameValue),
          content: object({ size: num, mimeType: str }),
          redirectURL: str,
          headersSize: num,
          bodySize: num,
        }),
        cache: { type: 'object' },
        timings: object({ send: num, wait: num, receive: num }),
      }),
    ),
  }),
});
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(HAR_1_2);

const TOKEN = 'a-token-that-must-not-leak-0001';
let mock: Mock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
  mock.script('/v3/sources/h1/command', [{ body: { command_name: 'START' } }, { fault: 'drop' }]);
  const client = v3.createSmsClient({ endpoint: mock.url, auth: DEMO_CREDENTIALS });
  await v3.showCommand(client, 'h1');
  await v3.reportCommandResult(client, 'h1', { command_name: 'START', result: 'success', result_detail: { a: 1 } });
  await fetch(`${mock.url}/v3/sources/h1/command`, { headers: { 'X-Auth-Token': TOKEN } }).catch(() => undefined);
  await fetch(`${mock.url}/v3/sources/h2/command`, {
    headers: { Authorization: 'SDK-HMAC-SHA256 Access=X, SignedHeaders=host, Signature=00' },
  });
});
afterAll(() => mock.close());

describe('the journal as HAR 1.2', () => {
  it('over HTTP and from Node: a valid HAR log of every request, with the report as postData and no credential', async () => {
    const answer = await fetch(`${mock.url}/__mock/requests?format=har`);
    expect(answer.status).toBe(200);
    const har = (await answer.json()) as HarLog;
    expect(validate(har), JSON.stringify(validate.errors)).toBe(true);
    expect(har).toEqual(mock.journal({ format: 'har' }));
    const { entries } = har.log;
    expect(entries.map((e) => [e.request.method, e.response.status, e._verdict])).toEqual([
      ['GET', 200, 'answered'],
      ['POST', 200, 'answered'],
      ['GET', 0, 'fault'],
      ['GET', 401, 'refused'],
    ]);
    expect(entries[0]!.request.url).toBe(`${mock.url}/v3/sources/h1/command`);
    expect(entries[1]!.request.postData).toEqual({
      mimeType: 'application/json',
      text: '{"command_name":"START","result":"success","result_detail":{"a":1}}',
    });
    expect(entries[0]!.response.headers).toEqual([
      { name: 'X-Request-Id', value: mock.journal().requests[0]!.requestId },
    ]);
    const text = JSON.stringify(har);
    for (const secret of [TOKEN, DEMO_CREDENTIALS.sk, 'Signature=', 'SDK-HMAC']) expect(text).not.toContain(secret);
    // A filter still filters; another format is refused, naming the parameter.
    expect(mock.journal({ format: 'har', verdict: 'refused' }).log.entries).toHaveLength(1);
    const refused = await fetch(`${mock.url}/__mock/requests?format=xml`);
    expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([
      400,
      'format "xml" is not one the journal gives: format=har, or leave it out',
    ]);
  });

  it('the schema catches a HAR entry missing a required field', () => {
    const har = mock.journal({ format: 'har' });
    const { content: _content, ...response } = har.log.entries[0]!.response;
    const broken = { log: { ...har.log, entries: [{ ...har.log.entries[0], response }] } };
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      instancePath: '/log/entries/0/response',
      params: { missingProperty: 'content' },
    });
  });
});
