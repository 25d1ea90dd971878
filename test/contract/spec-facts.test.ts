// The facts each client version states once (src/v1.ts V1, src/v3.ts V3) held to the bundled specs.
import { describe, expect, it } from 'vitest';
import { V1 } from '../../src/v1.js';
import { V3 } from '../../src/v3.js';
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
    const declared = Object.entries(param.properties).filter(([, s]) => deref(doc, s).type === 'string').map(([key]) => key);
    expect([...facts.paramKeys].sort()).toEqual(declared.sort());
  });

  it('the known command names are the CommandName enum', () => {
    expect([...facts.commandNames]).toEqual(schemaOf('CommandName').enum);
  });
});
