// The bundled specs, with helpers to follow local $refs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import YAML from 'yaml';
import { inject } from 'vitest';
import { bundleApis, type OpenApiDocument } from '../../scripts/bundle.mjs';

// The bundled specs. In the contract and package projects the global setup has just written them to
// dist/ (what the package ships) and says so with inject('bundleDir'): they are read from there rather
// than bundled again in every test file. The tooling project builds nothing, so there they are
// bundled here, in memory, from spec/ (the same bundleApis the build writes them with).
declare module 'vitest' {
  export interface ProvidedContext {
    bundleDir?: string;
  }
}

async function loadAll(): Promise<Record<'v1' | 'v3', OpenApiDocument>> {
  const dir = inject('bundleDir');
  if (dir) {
    const load = (version: string): OpenApiDocument => YAML.parse(readFileSync(join(dir, `${version}.yaml`), 'utf8'));
    return { v1: load('v1'), v3: load('v3') };
  }
  const apis = await bundleApis();
  return { v1: apis.v1.document, v3: apis.v3.document };
}
export const { v1, v3 } = await loadAll();

/** Follows `$ref`s (local, as in a bundled document) until a non-ref node. */
export function deref(doc: OpenApiDocument, node: any): any {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    const path = current.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((p: string) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    current = path.reduce((acc: any, key: string) => acc?.[key], doc);
    if (current === undefined) throw new Error(`unresolved ${node.$ref}`);
  }
  return current;
}

/** A property of an object schema, resolved. */
export const prop = (doc: OpenApiDocument, schema: any, name: string) =>
  deref(doc, deref(doc, schema).properties[name]);

export function operation(doc: OpenApiDocument, path: string) {
  const item = deref(doc, doc.paths[path]);
  return { item, get: item.get, response: (status: string) => deref(doc, item.get.responses[status]) };
}

/** Named examples of a response, resolved to their values. */
export function examples(doc: OpenApiDocument, response: any): Record<string, any> {
  const named = response.content['application/json'].examples ?? {};
  return Object.fromEntries(Object.entries(named).map(([name, ex]) => [name, deref(doc, ex).value]));
}

/** Validates a value against a schema node of `doc` with an independent JSON Schema 2020-12 validator. */
export function validator(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...doc, $id: 'doc' });
  return (schema: any, value: unknown) => {
    const check = ajv.compile(schema.$ref ? { $ref: `doc${schema.$ref}` } : schema);
    return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
