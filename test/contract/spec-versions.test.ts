// The facts of ../shared/CONTRACT.md both versions share, asserted on the bundled specs: an edit that drifts fails here.
import { describe, expect, it } from 'vitest';
import { deref, examples, operation, v1, v3, validator } from '../support/specs.js';
import { V3_PATH, V1_PATH, V3_REPORT_PATH, V1_REPORT_PATH, ERROR_STATUSES } from '../support/spec-paths.js';

/** Per version: each path, its one method, the operationId and the IAM action (v1's pages give none). */
const OPERATIONS = {
  v1: [
    { path: V1_PATH, method: 'get', operationId: 'ShowCommandV1', iam: undefined },
    { path: V1_REPORT_PATH, method: 'post', operationId: 'UpdateCommandResultV1', iam: undefined },
  ],
  v3: [
    { path: V3_PATH, method: 'get', operationId: 'ShowCommand', iam: 'sms:server:getCommand' },
    { path: V3_REPORT_PATH, method: 'post', operationId: 'UpdateCommandResult', iam: 'sms:server:updateCommandResult' },
  ],
} as const;

describe('both versions', () => {
  for (const [name, doc, path] of [
    ['v1', v1, V1_PATH],
    ['v3', v3, V3_PATH],
  ] as const) {
    describe(name, () => {
      it('is OpenAPI 3.1 with two operations: ShowCommand (GET …/command) and UpdateCommandResult (POST …/command_result), with their IAM actions', () => {
        expect(doc.openapi).toMatch(/^3\.1\./);
        const expected = OPERATIONS[name];
        expect(Object.keys(doc.paths)).toEqual(expected.map((o) => o.path));
        for (const { path: at, method, operationId, iam } of expected) {
          const item = deref(doc, doc.paths[at]);
          expect(
            Object.keys(item).filter((k) => k !== 'parameters'),
            at,
          ).toEqual([method]);
          expect(item[method].operationId, at).toBe(operationId);
          expect(item[method]['x-iam-action']?.name, at).toBe(iam);
          if (iam) expect(item[method].description, at).toContain(iam);
        }
      });

      it('offers the IAM token and AK/SK signing as alternative security schemes', () => {
        const schemes = doc.components.securitySchemes;
        expect(schemes.IamToken).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Auth-Token' });
        expect(schemes.AkSkSignature).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
        expect(schemes.AkSkDate).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Sdk-Date' });
        expect(doc.security).toEqual([{ IamToken: [] }, { AkSkSignature: [], AkSkDate: [] }]);
        // Enough for a reader to implement signing: the algorithm's parts are all described.
        for (const part of [
          'SDK-HMAC-SHA256',
          'SignedHeaders',
          'trailing `/`',
          'X-Domain-Id',
          'X-Security-Token',
          'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
        ]) {
          expect(schemes.AkSkSignature.description).toContain(part);
        }
        expect(schemes.IamToken.description).toContain('X-Subject-Token');
      });

      it('does not also declare X-Auth-Token as a header parameter (a signed request has none)', () => {
        const { item, get } = operation(doc, path);
        const params = [...(item.parameters ?? []), ...(get.parameters ?? [])].map((p: any) => deref(doc, p));
        expect(params.filter((p) => p.in === 'header')).toEqual([]);
        expect(params.filter((p) => p.in === 'query')).toEqual([]);
        expect(get.requestBody).toBeUndefined();
      });

      it('declares 200 and every error status, each with the optional X-Request-Id header', () => {
        const { get, response } = operation(doc, path);
        expect(Object.keys(get.responses).sort()).toEqual(['200', ...ERROR_STATUSES]);
        for (const status of Object.keys(get.responses)) {
          const header = deref(doc, response(status).headers['X-Request-Id']);
          expect(header.required ?? false, status).toBe(false);
          expect(header.schema.type).toBe('string');
        }
      });

      it('keeps error bodies open to extra fields (gateway errors add request_id)', () => {
        const { response } = operation(doc, path);
        for (const status of ERROR_STATUSES) {
          const schema = deref(doc, response(status).content['application/json'].schema);
          expect(schema.additionalProperties, status).not.toBe(false);
          expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['error_code', 'error_msg']));
        }
      });

      it('has a named example for every error status, and every example validates', () => {
        const { response } = operation(doc, path);
        const check = validator(doc);
        for (const status of ['200', ...ERROR_STATUSES]) {
          const res = response(status);
          const named = examples(doc, res);
          expect(Object.keys(named).length, status).toBeGreaterThan(0);
          for (const [exampleName, value] of Object.entries(named)) {
            expect(check(res.content['application/json'].schema, value), `${status} ${exampleName}`).toEqual([]);
          }
        }
      });

      it('lists the documented regional servers', () => {
        expect(doc.servers.map((s: any) => s.url)).toEqual([
          'https://sms.cn-north-4.myhuaweicloud.com',
          'https://sms.ap-southeast-3.myhuaweicloud.com',
          'https://sms.my-kualalumpur-1.myhuaweicloud.com',
          'https://sms-api.ru-moscow-1.myhuaweicloud.com',
        ]);
      });
    });
  }

  it('the validator used above really rejects what violates a schema', () => {
    const check = validator(v3);
    const schema = operation(v3, V3_PATH).response('200').content['application/json'].schema;
    expect(check(schema, { command_name: 'REBOOT' })).not.toEqual([]);
    expect(check(schema, { command_name: 'START', command_param: { task_id: 'x'.repeat(256) } })).not.toEqual([]);
  });
});
