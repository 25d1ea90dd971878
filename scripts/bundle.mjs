// Bundles each API version of redocly.yaml into one file and joins both into the single document
// the mock serves (Prism serves one document per process; the real host serves both versions).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { bundle, loadConfig } from '@redocly/openapi-core';
import YAML from 'yaml';

import { root } from './root.mjs';

export { root };
export const VERSIONS = ['v1', 'v3'];
export const JOINED_FILE = 'sms-command.yaml';

/**
 * Bundles every API of `dir`/redocly.yaml (this repository's by default); resolves to
 * `{ v1: {document, output}, v3: ... }`, leaving out a version the config does not declare when
 * `optional` is set (an older checkout may predate it).
 */
export async function bundleApis(dir = root, { optional = false } = {}) {
  const config = await loadConfig({ configPath: resolve(dir, 'redocly.yaml') });
  const entries = await Promise.all(
    VERSIONS.map(async (version) => {
      const api = config.apis[version];
      if (!api) {
        if (optional) return undefined;
        throw new Error(`redocly.yaml has no apis.${version} entry`);
      }
      const result = await bundle({ ref: resolve(dir, api.root), config, dereference: false });
      const errors = result.problems.filter((p) => p.severity === 'error');
      if (errors.length) {
        throw new Error(`bundling ${api.root} failed: ${errors.map((p) => p.message).join('; ')}`);
      }
      return [version, { document: result.bundle.parsed, output: resolve(dir, api.output) }];
    }),
  );
  return Object.fromEntries(entries.filter(Boolean));
}

/** A component name in the joined document: `V3` + name (security schemes stay shared). */
const prefixed = (version, name) => `${version.toUpperCase()}${name}`;

function rewriteRefs(node, version) {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, version));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const match = /^#\/components\/([^/]+)\/(.+)$/.exec(value);
      out.$ref = match && match[1] !== 'securitySchemes'
        ? `#/components/${match[1]}/${prefixed(version, match[2])}`
        : value;
    } else {
      out[key] = rewriteRefs(value, version);
    }
  }
  return out;
}

/**
 * Joins the bundled versions into one OpenAPI 3.1 document: all paths, every component prefixed
 * with its version, the security schemes shared (they must be identical in both versions).
 */
export function joinApis(documents) {
  const [first] = VERSIONS.map((v) => documents[v]);
  const joined = {
    openapi: first.openapi,
    info: {
      title: 'Huawei Cloud SMS ShowCommand API (v1 and v3)',
      version: VERSIONS.map((v) => documents[v].info.version).join('+'),
      'x-versions': Object.fromEntries(VERSIONS.map((v) => [v, documents[v].info.version])),
      description: 'The v1 and v3 documents of this package joined into one, as the real host serves both. Generated; edit spec/ instead.',
      license: first.info.license,
    },
    servers: documents.v3.servers,
    security: first.security,
    tags: first.tags,
    paths: {},
    components: { securitySchemes: first.components.securitySchemes },
  };
  for (const version of VERSIONS) {
    const doc = documents[version];
    if (doc.openapi !== joined.openapi) throw new Error(`${version} is OpenAPI ${doc.openapi}, not ${joined.openapi}`);
    if (!isDeepStrictEqual(doc.components.securitySchemes, joined.components.securitySchemes)) {
      throw new Error(`${version} declares different security schemes; the joined document shares one set`);
    }
    Object.assign(joined.paths, rewriteRefs(doc.paths, version));
    for (const [type, members] of Object.entries(doc.components)) {
      if (type === 'securitySchemes') continue;
      joined.components[type] ??= {};
      for (const [name, value] of Object.entries(members)) {
        joined.components[type][prefixed(version, name)] = rewriteRefs(value, version);
      }
    }
  }
  return joined;
}

export const toYaml = (document) => YAML.stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });

/** Writes dist/v1.yaml, dist/v3.yaml and the joined dist/sms-command.yaml; resolves to their paths. */
export async function writeBundles(outDir = resolve(root, 'dist')) {
  const apis = await bundleApis();
  const documents = Object.fromEntries(VERSIONS.map((v) => [v, apis[v].document]));
  const files = { ...Object.fromEntries(VERSIONS.map((v) => [v, resolve(outDir, `${v}.yaml`)])), joined: resolve(outDir, JOINED_FILE) };
  await mkdir(outDir, { recursive: true });
  // Write-then-rename: a Prism reading the file while another process rebuilds it sees a whole file.
  const write = async (file, document) => {
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, file.endsWith('.json') ? `${JSON.stringify(document, null, 1)}\n` : toYaml(document));
    await rename(temp, file);
  };
  const joined = joinApis(documents);
  // The joined document as JSON too: sms-command-verify reads it without a YAML parser.
  const joinedJson = resolve(outDir, JOINED_FILE.replace(/\.yaml$/, '.json'));
  await Promise.all([...VERSIONS.map((v) => write(files[v], documents[v])), write(files.joined, joined), write(joinedJson, joined)]);
  return { ...files, joinedJson };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outArg = process.argv.indexOf('--out');
  const files = await writeBundles(outArg > 0 ? resolve(process.argv[outArg + 1]) : undefined);
  for (const file of Object.values(files)) console.log(file);
}
