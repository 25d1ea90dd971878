// Bundles each API version of redocly.yaml into one file and joins both into the single document
// the mock serves (Prism serves one document per process; the real host serves both versions).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { bundle, loadConfig } from '@redocly/openapi-core';
import YAML from 'yaml';

import { isMain, root } from './root.mjs';

export { root };
/** @typedef {'v1' | 'v3'} Version */
/** @typedef {Record<string, any>} OpenApiDocument */
/** @type {readonly Version[]} */
export const VERSIONS = ['v1', 'v3'];
export const JOINED_FILE = 'sms-command.yaml';

/**
 * Bundles every API of `dir`/redocly.yaml (this repository's by default); resolves to
 * `{ v1: {document, output}, v3: ... }`, leaving out a version the config does not declare when
 * `optional` is set (an older checkout may predate it).
 * @param {string} [dir]
 * @param {{ optional?: boolean }} [options]
 * @returns {Promise<Record<Version, { document: OpenApiDocument; output: string }>>}
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
      return /** @type {const} */ ([
        version,
        { document: result.bundle.parsed, output: resolve(dir, api.output ?? '') },
      ]);
    }),
  );
  return /** @type {Record<Version, { document: OpenApiDocument; output: string }>} */ (
    Object.fromEntries(entries.filter((e) => e !== undefined))
  );
}

/** A component name in the joined document: `V3` + name (security schemes stay shared). */
/** @type {(version: string, name: string) => string} */
const prefixed = (version, name) => `${version.toUpperCase()}${name}`;

/**
 * @param {any} node
 * @param {string} version
 * @returns {any}
 */
function rewriteRefs(node, version) {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, version));
  if (node === null || typeof node !== 'object') return node;
  /** @type {Record<string, any>} */
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const match = /^#\/components\/([^/]+)\/(.+)$/.exec(value);
      out.$ref =
        match && match[1] !== 'securitySchemes'
          ? `#/components/${match[1]}/${prefixed(version, match[2] ?? '')}`
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
 * @param {Record<Version, OpenApiDocument>} documents
 * @returns {OpenApiDocument}
 */
export function joinApis(documents) {
  const first = documents.v1;
  /** @type {OpenApiDocument} */
  const joined = {
    openapi: first.openapi,
    info: {
      title: 'Huawei Cloud SMS ShowCommand API (v1 and v3)',
      version: VERSIONS.map((v) => documents[v].info.version).join('+'),
      'x-versions': Object.fromEntries(VERSIONS.map((v) => [v, documents[v].info.version])),
      description:
        'The v1 and v3 documents of this package joined into one, as the real host serves both. Generated; edit spec/ instead.',
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

/** @type {(document: OpenApiDocument) => string} */
export const toYaml = (document) => YAML.stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });

/**
 * Writes dist/v1.yaml, dist/v3.yaml and the joined dist/sms-command.yaml (and .json); resolves to their paths.
 * @param {string} [outDir]
 * @returns {Promise<{ v1: string; v3: string; joined: string; joinedJson: string }>}
 */
export async function writeBundles(outDir = resolve(root, 'dist')) {
  const apis = await bundleApis();
  const documents = { v1: apis.v1.document, v3: apis.v3.document };
  const files = {
    v1: resolve(outDir, 'v1.yaml'),
    v3: resolve(outDir, 'v3.yaml'),
    joined: resolve(outDir, JOINED_FILE),
    joinedJson: resolve(outDir, JOINED_FILE.replace(/\.yaml$/, '.json')),
  };
  await mkdir(outDir, { recursive: true });
  /**
   * Write-then-rename: a Prism reading the file while another process rebuilds it sees a whole file.
   * @param {string} file
   * @param {OpenApiDocument} document
   */
  const write = async (file, document) => {
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, file.endsWith('.json') ? `${JSON.stringify(document, null, 1)}\n` : toYaml(document));
    await rename(temp, file);
  };
  const joined = joinApis(documents);
  // The joined document as JSON too: sms-command-verify reads it without a YAML parser.
  await Promise.all([
    write(files.v1, documents.v1),
    write(files.v3, documents.v3),
    write(files.joined, joined),
    write(files.joinedJson, joined),
  ]);
  return files;
}

if (isMain(import.meta.url)) {
  const outArg = process.argv.indexOf('--out');
  const files = await writeBundles(outArg > 0 ? resolve(process.argv[outArg + 1] ?? '.') : undefined);
  for (const file of Object.values(files)) console.log(file);
}
