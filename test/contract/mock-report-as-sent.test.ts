// The journal keeps a report as sent (issue 25, item 13): its numbers' digits as the Agent wrote them
// (`1e999`, 30 digits, `1.0`), not what JSON.parse and JSON.stringify make of them (`null`,
// `1.2345e+29`, `1`). The HTTP listing carries that text; the JS door reads it as JavaScript numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mock, startMock } from '../../src/mock.js';
import { memberTexts } from '../../src/mock/texts/json.js';
import { rawRequest } from '../support/raw-http.js';

let mock: Mock;
beforeAll(async () => {
  mock = await startMock({ port: 0, reportCheck: false });
});
afterAll(() => mock.close());

const SENT =
  '{ "result" : "success","command_name":"START", "extra": [1e999], "result_detail": {"huge": 1e999, "long": 123450000000000000000000000001, "one": 1.0, "neg": -0, "s": "a\\"}1,"} }';

describe('a report in the journal', () => {
  it('keeps each number as sent in GET /__mock/requests; the JS door has them as JavaScript reads them', async () => {
    const answer = await rawRequest(
      mock.port,
      'POST',
      '/v3/sources/raw1/command_result',
      { 'X-Auth-Token': 'raw-token', 'Content-Type': 'application/json' },
      10_000,
      SENT,
    );
    expect(answer.status).toBe(200);
    const listing = await (await fetch(`${mock.url}/__mock/requests?id=raw1`)).text();
    expect(listing).toContain(
      '"report":{"command_name":"START","result":"success","result_detail":{"huge": 1e999, "long": 123450000000000000000000000001, "one": 1.0, "neg": -0, "s": "a\\"}1,"}}',
    );
    expect(JSON.parse(listing).requests[0].report.result_detail.s).toBe('a"}1,');
    const [entry] = await mock.requests({ id: 'raw1' });
    expect(entry!.report).toEqual({
      command_name: 'START',
      result: 'success',
      result_detail: { huge: Infinity, long: 1.2345e29, one: 1, neg: -0, s: 'a"}1,' },
    });
  });

  it('memberTexts: the last of a key given twice, escaped keys decoded, nested values whole', () => {
    expect(Object.fromEntries(memberTexts('{"a":1,"a" :[2, {"b":"]"}] ,"\\u0062":"x","c":{}}'))).toEqual({
      a: '[2, {"b":"]"}]',
      b: '"x"',
      c: '{}',
    });
    expect(memberTexts('{}').size).toBe(0);
  });
});
