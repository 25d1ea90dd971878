// Contract tests: both clients against the Prism mock, for every documented response of both
// versions — each status code and each named example — read from the bundled specs.
import { describe, expect, inject, it } from 'vitest';
import * as v1 from '../../src/v1.js';
import * as v3 from '../../src/v3.js';
import { SmsApiError } from '../../src/errors.js';
import { DEMO_CREDENTIALS } from '../../src/mock.js';
import { examples, operation, v1 as v1Spec, v3 as v3Spec, validator } from '../support/specs.js';

const url = inject('mockUrl');
const ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';

const versions = [
  { name: 'v1', api: v1, spec: v1Spec, path: '/v1/sms/sources/{source_id}/command' },
  { name: 'v3', api: v3, spec: v3Spec, path: '/v3/sources/{server_id}/command' },
] as const;

for (const { name, api, spec, path } of versions) {
  const { get, response } = operation(spec, path);
  const client = (headers: Record<string, string> = {}, auth: v3.SmsAuth | null = { token: 'contract-test-token' }) =>
    api.createSmsClient({ endpoint: url, headers, ...(auth ? { auth } : {}) }) as v3.SmsClient & v1.SmsClient;
  const show = (c: v3.SmsClient & v1.SmsClient, id = ID) => api.showCommand(c, id);

  describe(`${name} client against the mock`, () => {
    for (const [exampleName, value] of Object.entries(examples(spec, response('200')))) {
      it(`200 example ${exampleName} reads as the known command ${value.command_name}`, async () => {
        const command = await show(client({ Prefer: `example=${exampleName}` }));
        expect(command).toEqual({ known: true, name: value.command_name, param: value.command_param, raw: value });
      });
    }

    for (const status of Object.keys(get.responses).filter((s) => s !== '200')) {
      for (const [exampleName, value] of Object.entries(examples(spec, response(status)))) {
        it(`${status} example ${exampleName} rejects with SmsApiError carrying the documented fields`, async () => {
          const error = await show(client({ Prefer: `code=${status}, example=${exampleName}` })).catch(
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(SmsApiError);
          expect(error).toMatchObject({
            code: 'HTTP',
            status: Number(status),
            errorCode: value.error_code,
            errorMsg: value.error_msg,
            requestId: expect.any(String),
            body: value,
            ...(status === '403' && name === 'v3'
              ? {
                  encodedAuthorizationMessage: value.encoded_authorization_message,
                  errorParam: value.error_param,
                  details: value.details,
                }
              : {}),
          });
        });
      }
    }

    it('401 without auth', async () => {
      const error = await show(client({}, null)).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'SmsApiError', status: 401, errorCode: 'APIGW.0301' });
    });

    it('200 with AK/SK signing', async () => {
      const command = await show(client({}, { ...DEMO_CREDENTIALS, domainId: 'd' }));
      expect(command).toMatchObject({ known: true, name: 'START' });
    });
  });
}

describe('v3 invalid id', () => {
  it('over 36 characters: showCommand refuses it before sending; the raw client gets a 400 in the documented shape, naming the violation', async () => {
    const client = v3.createSmsClient({ endpoint: url, auth: { token: 't' } });
    await expect(v3.showCommand(client, 'x'.repeat(37))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const { error, response } = await client.GET('/v3/sources/{server_id}/command', {
      params: { path: { server_id: 'x'.repeat(37) } },
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({
      error_code: 'MOCK.0400',
      error_msg: 'the request breaks the contract: server_id: 37 characters, over the documented 36 (maxLength 36)',
    });
    const schema = operation(v3Spec, '/v3/sources/{server_id}/command').response('400').content['application/json']
      .schema;
    expect(validator(v3Spec)(schema, error)).toEqual([]);
  });
});
