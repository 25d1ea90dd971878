// `npm start`'s mock with its defaults: both versions on one base URL, documented answers to bad input.
import { describe, expect, inject, it } from 'vitest';

const url = inject('mockUrl');
const ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';
const token = { 'X-Auth-Token': 'test-token' };

async function get(path: string, headers: Record<string, string> = token) {
  const response = await fetch(`${url}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

describe('mock server (both versions on one base URL)', () => {
  it('serves v3 with the documented START example by default', async () => {
    const res = await get(`/v3/sources/${ID}/command`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      command_name: 'START',
      command_param: { task_id: 'xxxxxxxxxxxxxxxxxxxxxxxx00000001' },
    });
  });

  it('serves v1 on the same base URL', async () => {
    const res = await get(`/v1/sms/sources/${ID}/command`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      command_name: 'START',
      command_param: { task_id: '2c0689c860ad4728a497c91ec0844384' },
    });
  });

  it('answers 401 without a token, on both versions', async () => {
    for (const path of [`/v3/sources/${ID}/command`, `/v1/sms/sources/${ID}/command`]) {
      const res = await get(path, {});
      expect(res.status, path).toBe(401);
      expect(res.json()).toEqual({
        error_code: 'APIGW.0301',
        error_msg:
          'Incorrect IAM authentication information: no credentials: send X-Auth-Token, or sign the request with AK/SK (Authorization and X-Sdk-Date)',
        request_id: res.headers.get('x-request-id'),
      });
    }
  });

  it('answers a 37-character server_id with 400 naming the violation, and keeps serving', async () => {
    const res = await get(`/v3/sources/${'a'.repeat(37)}/command`);
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      error_code: 'MOCK.0400',
      error_msg: 'the request breaks the contract: server_id: 37 characters, over the documented 36 (maxLength 36)',
      request_id: res.headers.get('x-request-id'),
    });
    expect(res.headers.get('sl-violations')).toBeNull();
    expect((await get(`/v3/sources/${'a'.repeat(36)}/command`)).status).toBe(200);
  });

  it('answers an unknown path with 404 naming the operations it serves, and keeps serving', async () => {
    const res = await get('/v3/sources');
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({
      error_code: 'MOCK.0404',
      error_msg:
        'no API at /v3/sources: this mock serves GET /v1/sms/sources/{source_id}/command, POST /v1/sms/sources/{source_id}/command_result, GET /v3/sources/{server_id}/command, POST /v3/sources/{server_id}/command_result',
    });
    expect((await get(`/v3/sources/${ID}/command`)).status).toBe(200);
  });

  it("does not take Prism's query helpers (?__code=, ?__example=): the Prefer header is the documented way", async () => {
    const res = await get(`/v3/sources/${ID}/command?__code=403&__example=stop`);
    expect(res.status).toBe(200);
    expect(res.json().command_name).toBe('START');
  });

  it('selects the 403 example with Prefer: code=403', async () => {
    const res = await get(`/v3/sources/${ID}/command`, { ...token, Prefer: 'code=403' });
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({
      error_code: 'SMS.9004',
      error_param: [expect.any(String)],
      details: [{ error_code: 'SMS.9004' }],
    });
  });

  it.each([
    ['v3', 'taskHasFinished', 'TASK_HAS_FINISHED'],
    ['v3', 'sync', 'SYNC'],
    ['v1', 'uploadLog', 'UPLOAD_LOG'],
  ])('selects a %s command example with Prefer: example=%s', async (version, example, command) => {
    const path = version === 'v3' ? `/v3/sources/${ID}/command` : `/v1/sms/sources/${ID}/command`;
    const res = await get(path, { ...token, Prefer: `example=${example}` });
    expect(res.status).toBe(200);
    expect(res.json().command_name).toBe(command);
  });

  it('sends the X-Request-Id header', async () => {
    const res = await get(`/v3/sources/${ID}/command`);
    expect(res.headers.get('x-request-id')).toMatch(/\S/);
  });
});
