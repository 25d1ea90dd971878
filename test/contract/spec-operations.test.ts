// Each operation's facts from ../shared/CONTRACT.md (v3 and v1 ShowCommand, UpdateCommandResult), on the bundled specs.
import { describe, expect, it } from 'vitest';
import { deref, examples, operation, prop, v1, v3 } from '../support/specs.js';
import { V3_PATH, V1_PATH, V3_REPORT_PATH, V1_REPORT_PATH, ERROR_STATUSES } from '../support/spec-paths.js';

const NINE = [
  'START',
  'STOP',
  'SKIP',
  'PREMIGRATE',
  'TASK_NOT_STARTED',
  'TASK_HAS_STOPPED',
  'TASK_HAS_FINISHED',
  'DELETE',
  'SYNC',
];
const FIVE = ['START', 'STOP', 'DELETE', 'SYNC', 'UPLOAD_LOG'];

const limits = (schema: any) => ({ type: schema.type, minLength: schema.minLength, maxLength: schema.maxLength });

describe('v3 ShowCommand', () => {
  const { item, get, response } = operation(v3, V3_PATH);
  const body = response('200').content['application/json'].schema;

  it('is the ShowCommand operation with the IAM action sms:server:getCommand', () => {
    expect(get.operationId).toBe('ShowCommand');
    expect(get['x-iam-action']).toEqual({
      name: 'sms:server:getCommand',
      accessLevel: 'Read',
      resourceTypes: ['server'],
      conditionKeys: ['g:EnterpriseProjectId'],
    });
    expect(get.description).toContain('sms:server:getCommand');
  });

  it('takes server_id as a required path string of 1..36 characters', () => {
    const [param] = item.parameters.map((p: any) => deref(v3, p));
    expect(param).toMatchObject({ name: 'server_id', in: 'path', required: true });
    expect(limits(param.schema)).toEqual({ type: 'string', minLength: 1, maxLength: 36 });
  });

  it('answers command_name (at most 255, the nine documented values, each dated) and CommandParam', () => {
    const name = prop(v3, body, 'command_name');
    expect(name.maxLength).toBe(255);
    expect(name.enum).toEqual(NINE);
    for (const value of NINE) expect(name['x-enumDescriptions'][value], value).toMatch(/Documented .*20\d\d/);
    expect(name.description).toMatch(/union/);
    const param = prop(v3, body, 'command_param');
    expect(param.title).toBe('CommandParam');
    expect(Object.keys(param.properties)).toEqual(['task_id', 'bucket']);
    for (const key of ['task_id', 'bucket'])
      expect(limits(param.properties[key])).toEqual({ type: 'string', minLength: 0, maxLength: 255 });
    expect(deref(v3, body).required).toBeUndefined();
  });

  it('documents 400/401/404/500 bodies as error_code 0..255 and error_msg 0..1024', () => {
    for (const status of ['400', '401', '404', '500']) {
      const schema = response(status).content['application/json'].schema;
      expect(limits(prop(v3, schema, 'error_code')), status).toEqual({ type: 'string', minLength: 0, maxLength: 255 });
      expect(limits(prop(v3, schema, 'error_msg')), status).toEqual({ type: 'string', minLength: 0, maxLength: 1024 });
    }
  });

  it('documents the 403 body with its exact limits', () => {
    const schema = response('403').content['application/json'].schema;
    expect(limits(prop(v3, schema, 'error_code'))).toEqual({ type: 'string', minLength: 0, maxLength: 255 });
    expect(limits(prop(v3, schema, 'error_msg'))).toEqual({ type: 'string', minLength: 0, maxLength: 255 });
    expect(limits(prop(v3, schema, 'encoded_authorization_message'))).toEqual({
      type: 'string',
      minLength: 0,
      maxLength: 65535,
    });
    const errorParam = prop(v3, schema, 'error_param');
    expect(errorParam).toMatchObject({ type: 'array', minItems: 1, maxItems: 20 });
    expect(limits(errorParam.items)).toEqual({ type: 'string', minLength: 0, maxLength: 65535 });
    const details = prop(v3, schema, 'details');
    expect(details).toMatchObject({ type: 'array', minItems: 1, maxItems: 20 });
    for (const key of ['error_code', 'error_msg'])
      expect(limits(prop(v3, details.items, key))).toEqual({ type: 'string', minLength: 0, maxLength: 65535 });
  });

  it('has one 200 example per known command value, the documented START one verbatim', () => {
    const named = examples(v3, response('200'));
    expect(
      Object.values(named)
        .map((v) => v.command_name)
        .sort(),
    ).toEqual([...NINE].sort());
    expect(named.start).toEqual({
      command_name: 'START',
      command_param: { task_id: 'xxxxxxxxxxxxxxxxxxxxxxxx00000001' },
    });
  });

  it('uses the documented SMS.9004 body as the 403 example and APIGW.0301 for 401', () => {
    expect(Object.values(examples(v3, response('403')))).toEqual([
      {
        error_code: 'SMS.9004',
        error_msg:
          'The current account does not have the permission to execute policy. You do not have permission to perform action XXX on resource XXX.',
        encoded_authorization_message: 'XXXXXX',
        error_param: ['You do not have permission to perform action XXX on resource XXX.'],
        details: [
          { error_code: 'SMS.9004', error_msg: 'You do not have permission to perform action XXX on resource XXX.' },
        ],
      },
    ]);
    const [unauthorized] = Object.values(examples(v3, response('401')));
    expect(unauthorized).toMatchObject({ error_code: 'APIGW.0301', request_id: expect.any(String) });
  });

  it('writes the decisions the documents leave open into descriptions', () => {
    expect(v3.info.description).toMatch(/union of every value/);
    expect(v3.info.description).toMatch(/deliberately \*not\* also a header parameter/);
    expect(v3.info.description).toMatch(/request_id/);
    expect(deref(v3, body).description).toMatch(/Neither property is required/);
  });
});

describe.each([
  ['v3', v3, V3_REPORT_PATH],
  ['v1', v1, V1_REPORT_PATH],
] as const)('%s UpdateCommandResult', (name, doc, path) => {
  const item = deref(doc, doc.paths[path]);
  const post = item.post;
  const body = deref(doc, post.requestBody.content['application/json'].schema);

  it('takes a required JSON body of command_name, result (success or fail) and result_detail (an object), all required, at most 10240 bytes', () => {
    expect(post.requestBody.required).toBe(true);
    expect(Object.keys(post.requestBody.content)).toEqual(['application/json']);
    expect(body.required).toEqual(['command_name', 'result', 'result_detail']);
    expect(prop(doc, body, 'result').enum).toEqual(['success', 'fail']);
    expect(prop(doc, body, 'result_detail')).toMatchObject({ type: 'object', additionalProperties: true });
    expect(prop(doc, body, 'command_name').type).toBe('string');
    expect(prop(doc, body, 'command_name').enum).toBeUndefined(); // open: a closed set would refuse correct reports
    expect(post['x-max-body-bytes']).toBe(10240);
  });

  it('answers 200 and the error statuses; v3 a JSON string, v1 no body', () => {
    expect(Object.keys(post.responses).sort()).toEqual(['200', ...ERROR_STATUSES]);
    const ok = deref(doc, post.responses['200']);
    if (name === 'v3') expect(deref(doc, ok.content['application/json'].schema).type).toBe('string');
    else expect(ok.content).toBeUndefined();
  });

  it('writes SMS.2009 and SMS.2004 into its description', () => {
    expect(post.description).toContain('SMS.2009');
    expect(post.description).toContain('SMS.2004');
  });
});

describe('v1 ShowCommand', () => {
  const { item, response } = operation(v1, V1_PATH);
  const body = response('200').content['application/json'].schema;

  it('takes source_id as a required, non-empty path string', () => {
    const [param] = item.parameters.map((p: any) => deref(v1, p));
    expect(param).toMatchObject({
      name: 'source_id',
      in: 'path',
      required: true,
      schema: { type: 'string', minLength: 1 },
    });
  });

  it('knows the five commands and keeps command_param an open object', () => {
    expect(prop(v1, body, 'command_name').enum).toEqual(FIVE);
    const param = prop(v1, body, 'command_param');
    expect(param.type).toBe('object');
    expect(param.additionalProperties).toBe(true);
  });

  it('ships the five page examples corrected into valid JSON, UPLOAD_LOG with bucket and object', () => {
    const named = examples(v1, response('200'));
    expect(
      Object.values(named)
        .map((v) => v.command_name)
        .sort(),
    ).toEqual([...FIVE].sort());
    expect(named.uploadLog).toEqual({ command_name: 'UPLOAD_LOG', command_param: { bucket: 'logbucket', object: '' } });
    expect(named.start).toEqual({
      command_name: 'START',
      command_param: { task_id: '2c0689c860ad4728a497c91ec0844384' },
    });
    expect(v1.info.description).toMatch(/not valid JSON/);
  });

  it('uses the documented v1-era codes in its error examples', () => {
    const codes = Object.fromEntries(
      ['400', '403', '404', '500'].map((s) => [s, Object.values(examples(v1, response(s)))[0].error_code]),
    );
    expect(codes).toEqual({ '400': 'SMS.2009', '403': 'SMS.2002', '404': 'SMS.2252', '500': 'SMS.2007' });
  });
});
