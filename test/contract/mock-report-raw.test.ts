// Report bodies over raw HTTP: bytes as sent, Content-Type, JSON errors, and the bounded body read.
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../src/index.js';
import { rawExchange, rawRequest, statusesOf, endlessChunks } from '../support/raw-http.js';
import { CREDS, TOKEN, LIMIT, V3_PATH, START, errorOf, useReportMock } from '../support/report-mock.js';

const { mock, last, poll, post } = useReportMock();

describe('hostile: report bodies over raw HTTP', () => {
  it('our signer over bytes that are not what JSON.stringify would write (spaces, escapes, UTF-8) is verified over them as received', async () => {
    await poll('/v3/sources/raw-1/command');
    const text = '{ "command_name" : "START",\n "result":"success", "result_detail": {"m":"\\u00e9 é 😀"} }';
    const url = `${mock.url}${V3_PATH('raw-1')}`;
    const signed = await signRequest(
      { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(text) },
      CREDS,
    );
    const answer = await rawRequest(
      mock.port,
      'POST',
      V3_PATH('raw-1'),
      { 'Content-Type': 'application/json', ...signed },
      10_000,
      text,
    );
    expect(answer.status, answer.body).toBe(200);
    expect((await last()).report).toEqual({ command_name: 'START', result: 'success', result_detail: { m: 'é é 😀' } });
  });

  it('Content-Type: missing is 401 SMS.2005, another type SMS.2006; parameters such as charset are fine', async () => {
    const body = JSON.stringify(START);
    const noType = await rawRequest(mock.port, 'POST', V3_PATH('t'), { 'X-Auth-Token': TOKEN }, 10_000, body);
    expect(noType).toMatchObject(
      errorOf(401, 'SMS.2005', 'the request has no Content-Type: send Content-Type: application/json'),
    );
    expect(await last()).toMatchObject({
      verdict: 'refused',
      reason: 'SMS.2005: the request has no Content-Type: send Content-Type: application/json',
    });
    for (const type of [
      'text/plain',
      'application/jsonp',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      expect(await post(V3_PATH('t'), body, { 'Content-Type': type })).toMatchObject(
        errorOf(
          401,
          'SMS.2006',
          `Content-Type ${JSON.stringify(type)} is not application/json: send the report as JSON with Content-Type: application/json`,
        ),
      );
    }
    await poll('/v3/sources/t/command');
    expect((await post(V3_PATH('t'), body, { 'Content-Type': 'Application/JSON; charset=utf-8' })).status).toBe(200);
  });

  it('not JSON is 400 naming the parse error with its line and column; bytes that are not UTF-8 too', async () => {
    expect(await post(V3_PATH('j'), '{"command_name": "START",\n "result": }')).toMatchObject(
      errorOf(400, 'MOCK.0400', /^the request body is not JSON: line 2, column 12: Unexpected token/),
    );
    expect(await post(V3_PATH('j'), '')).toMatchObject(
      errorOf(400, 'MOCK.0400', /^the request body is not JSON: line 1, column 1: /),
    );
    expect(await post(V3_PATH('j'), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))).toMatchObject(
      errorOf(400, 'MOCK.0400', 'the request body is not JSON: it is not valid UTF-8'),
    );
    expect(await last()).toMatchObject({ verdict: 'refused', status: 400 });
    expect((await last()).report).toBeUndefined();
  });

  it('credentials come before the body checks: a bad token with a broken body is 401 APIGW.0301', async () => {
    expect(
      await post(V3_PATH('o'), 'not json', { 'X-Auth-Token': 'wrong-token', 'Content-Type': 'text/plain' }),
    ).toMatchObject(
      errorOf(
        401,
        'APIGW.0301',
        'Incorrect IAM authentication information: token is not one the mock accepts (auth.tokens)',
      ),
    );
  });

  it(`a body of exactly ${LIMIT} bytes is read; a deeply nested result_detail is accepted and the journal stays servable`, async () => {
    await poll('/v3/sources/big/command');
    const padding = (n: number) => JSON.stringify({ ...START, result_detail: { pad: 'x'.repeat(n) } });
    const exact = padding(LIMIT - padding(0).length);
    expect(Buffer.byteLength(exact)).toBe(LIMIT);
    expect((await post(V3_PATH('big'), exact)).status).toBe(200);
    const depth = 1500;
    const deep = `{"command_name":"START","result":"success","result_detail":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    expect(Buffer.byteLength(deep)).toBeLessThanOrEqual(LIMIT);
    expect((await post(V3_PATH('big'), deep)).status).toBe(200);
    expect((await last()).report).toEqual({
      command_name: 'START',
      result: 'success',
      result_detail: '(not kept: nests deeper than 64 levels, MAX_BODY_DEPTH)',
    });
    const listing = await fetch(`${mock.url}/__mock/requests`);
    expect(listing.status).toBe(200);
  });

  const head = (extra: string) =>
    `POST ${V3_PATH('over')} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: ${TOKEN}\r\nContent-Type: application/json\r\n${extra}\r\n`;
  const expect2004 = (text: string) => {
    expect(statusesOf(text).at(-1), text.slice(0, 300)).toBe(401);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    const json = JSON.parse(text.slice(text.lastIndexOf('\r\n\r\n') + 4)) as Record<string, string>;
    expect(json).toMatchObject({
      error_code: 'SMS.2004',
      error_msg: `the request body is over ${LIMIT} bytes, the most POST /v3/sources/{server_id}/command_result takes (x-max-body-bytes): send a smaller result_detail`,
    });
  };

  it(`a declared Content-Length over ${LIMIT}: 401 SMS.2004 delivered, then the connection closes; journaled, no step used`, async () => {
    mock.script(V3_PATH('over'), [{ status: 500 }]);
    const size = 64 * 1024;
    const reply = await rawExchange(mock.port, head(`Content-Length: ${size}\r\n`), { body: Buffer.alloc(size, 0x20) });
    expect2004(reply.text);
    expect(reply.closed).toBe(true);
    expect(await last()).toMatchObject({
      method: 'POST',
      verdict: 'refused',
      status: 401,
      reason: expect.stringMatching(/^SMS\.2004: the request body is over 10240 bytes/),
    });
    expect(mock.scriptState(V3_PATH('over'))).toMatchObject({ served: 0 });
  });

  it('with Expect: 100-continue: 401 SMS.2004 (no body read), then the connection closes', async () => {
    const size = 1024 * 1024;
    const reply = await rawExchange(mock.port, head(`Content-Length: ${size}\r\nExpect: 100-continue\r\n`), {
      // A client that sends the body anyway once the server answers (100 Continue), as curl does.
      body: (write, firstData) =>
        void firstData.then(() => {
          for (let i = 0; i < 16; i++) write(Buffer.alloc(size / 16, 0x20));
        }),
    });
    expect2004(reply.text);
    expect(reply.closed).toBe(true);
  });

  it('a chunked body that never ends: 401 SMS.2004 once past the limit, and the mock closes within its linger time', async () => {
    const endless = endlessChunks(4 * 1024);
    // The body never ends: only the mock can close the connection (closed, not given up by the helper).
    const reply = await rawExchange(mock.port, head('Transfer-Encoding: chunked\r\n'), { body: endless.body });
    endless.stop();
    expect2004(reply.text);
    expect(reply.closed).toBe(true);
    expect(await poll('/v3/sources/still-up/command')).toBe(200);
  });
});
