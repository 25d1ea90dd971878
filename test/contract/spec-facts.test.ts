// The facts each client version states once (src/v1.ts V1 and V1_REPORT, src/v3.ts V3 and V3_REPORT) held to the bundled specs.
import { describe, expect, it } from 'vitest';
import { V1, V1_REPORT } from '../../src/v1.js';
import { V3, V3_REPORT } from '../../src/v3.js';
import { deref, operation, v1, v3 } from '../support/specs.js';

describe.each([
  ['v1', V1, v1],
  ['v3', V3, v3],
] as const)('%s client facts', (_name, facts, doc) => {
  const { item, get, response } = operation(doc, facts.path);
  const parameters = [...(item.parameters ?? []), ...(get.parameters ?? [])].map((p: unknown) => deref(doc, p));
  const schemaOf = (name: string) => deref(doc, doc.components.schemas[name]);

  it('the path is the spec path, with one path parameter: the id', () => {
    expect(Object.keys(doc.paths)).toContain(facts.path);
    expect(parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual([facts.idParam]);
  });

  it("the id's length limit is the spec's", () => {
    const schema = deref(doc, parameters.find((p) => p.name === facts.idParam).schema);
    expect(schema.maxLength).toBe(facts.idMaxLength);
    expect(schema.minLength).toBe(1);
  });

  it('the command_param keys are the declared string properties of CommandParam', () => {
    const command = deref(doc, response('200').content['application/json'].schema);
    const param = deref(doc, command.properties.command_param);
    const declared = Object.entries(param.properties)
      .filter(([, s]) => deref(doc, s).type === 'string')
      .map(([key]) => key);
    expect([...facts.paramKeys].sort()).toEqual(declared.sort());
  });

  it('the known command names are the CommandName enum', () => {
    expect([...facts.commandNames]).toEqual(schemaOf('CommandName').enum);
  });
});

// The facts of each version's UpdateCommandResult (src/v3.ts V3_REPORT, src/v1.ts V1_REPORT), held to the bundled specs.
describe.each([
  ['v1', V1_REPORT, v1],
  ['v3', V3_REPORT, v3],
] as const)('%s report facts', (_name, facts, doc) => {
  const item = deref(doc, doc.paths[facts.path]);
  const post = item?.post;
  const parameters = [...(item?.parameters ?? []), ...(post?.parameters ?? [])].map((p: unknown) => deref(doc, p));
  const body = deref(doc, post.requestBody.content['application/json'].schema);

  it('the path is a POST of the spec, with one path parameter: the id', () => {
    expect(Object.keys(item).filter((k) => k !== 'parameters')).toEqual(['post']);
    expect(parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual([facts.idParam]);
  });

  it("the id's length limit is the spec's", () => {
    const schema = deref(doc, parameters.find((p) => p.name === facts.idParam).schema);
    expect(schema.maxLength).toBe(facts.idMaxLength);
    expect(schema.minLength).toBe(1);
  });

  it("command_name's length limit, the result values and the body limit are the spec's", () => {
    expect(deref(doc, body.properties.command_name).maxLength).toBe(facts.commandNameMaxLength);
    expect([...facts.results]).toEqual(deref(doc, body.properties.result).enum);
    expect(facts.maxBodyBytes).toBe(post['x-max-body-bytes']);
  });

  it('the same id parameter as ShowCommand', () => {
    const show = deref(doc, doc.paths[facts.path.replace(/_result$/, '')]);
    expect(deref(doc, show.parameters[0])).toEqual(deref(doc, item.parameters[0]));
  });
});
