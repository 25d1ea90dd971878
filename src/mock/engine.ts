// Everything this package takes from Prism's internals, in one place: loading its engine
// (`@stoplight/prism-http`'s createInstance and getHttpOperationsFromSpec) without its HTTP server or
// CLI, the shape of its answers, and the YAML reader it installs. Checked against the versions in
// PRISM_CHECKED; another version still runs, with a warning.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import type { OpenApiDocument } from '../contract/validator.js';

/** The Prism versions this module was written and tested against. */
export const PRISM_CHECKED = { '@stoplight/prism-cli': '5.14.2', '@stoplight/prism-http': '5.12.0' } as const;
export const PRISM_INSTALL = 'npm install --save-dev @stoplight/prism-cli@5.14.2';

export class MockStartError extends Error {
  override readonly name = 'MockStartError';
}

/** A Prism operation (`IHttpOperation`): only Prism reads it. */
type EngineOperation = object;

export interface EngineAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Where the answer Prism chose violates the spec (it only does in dynamic mode or with a bad spec). */
  outputViolations: string[];
}

export interface Engine {
  /** The OpenAPI document, as Prism's YAML reader parsed it. */
  document: OpenApiDocument;
  prismVersion: string;
  /** Set when the installed Prism is not the one this module was checked against. */
  warning: string | undefined;
  /** Prism's answer for a GET of `path` (already authenticated and validated by the mock). */
  answer(path: string, headers: Record<string, string | string[] | undefined>, choice: { code?: number; exampleKey?: string }): Promise<EngineAnswer>;
}

export interface EngineOptions {
  spec: string;
  dynamic: boolean;
  seed?: string | undefined;
  /** Where Prism's own error-level log lines go. */
  log: (line: string) => void;
}

type PrismRequire = NodeRequire;

/** Prism's own require; throws a MockStartError with the install command when Prism is missing. */
export function prismRequire(): PrismRequire {
  try {
    return createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json'));
  } catch {
    throw new MockStartError(`Prism is not installed; the mock needs it. Install it with:\n  ${PRISM_INSTALL}`);
  }
}

/** An object that stands for `resolve()`'s, which it calls on first use and forwards everything to. */
function lazyObject(resolve: () => object): object {
  return new Proxy({}, {
    get: (_, key) => {
      const target = resolve();
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_, key, value) => Reflect.set(resolve(), key, value),
    has: (_, key) => Reflect.has(resolve(), key),
    ownKeys: () => Reflect.ownKeys(resolve()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(resolve(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(resolve()),
  });
}

/**
 * Prism requires faker when it loads (all of faker 6's locales: ~0.7 s, over half of Prism's load)
 * but calls it only while generating dynamic data. This puts a stand-in in the module cache whose
 * exports load the real module on first use, so a mock that serves examples never loads it (bench
 * row "mock ready on v1 and v3"). Prism's behaviour is unchanged: the same module, later.
 */
function deferModule(base: PrismRequire, chain: string[], id: string): void {
  let load = base;
  let path: string;
  try {
    for (const step of chain) load = createRequire(load.resolve(step));
    path = load.resolve(id);
  } catch {
    return; // Not where this Prism version keeps it: nothing to defer.
  }
  const cache = load.cache;
  if (cache[path]) return; // Already loaded in this process.
  let real: Record<PropertyKey, unknown> | undefined;
  const module = () => {
    if (!real) {
      delete cache[path];
      real = load(id) as Record<PropertyKey, unknown>;
    }
    return real;
  };
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  standIn.exports = new Proxy({}, { get: (_, key) => (real ? real[key] : lazyObject(() => module()[key] as object)) });
  cache[path] = standIn;
}

const version = (load: PrismRequire, name: string): string => {
  try {
    return (load(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
};

/** Loads Prism's engine on the spec; rejects with a MockStartError naming what went wrong. */
export async function loadEngine(options: EngineOptions): Promise<Engine> {
  const load = prismRequire();
  deferModule(load, ['@stoplight/prism-http/package.json'], '@faker-js/faker');
  deferModule(load, ['@stoplight/prism-http/package.json', '@stoplight/http-spec/package.json', 'postman-collection/package.json'], '@faker-js/faker/locale/en');
  const httpRequire = createRequire(load.resolve('@stoplight/prism-http/package.json'));
  const prismHttp = load('@stoplight/prism-http');
  const { createLogger } = load('@stoplight/prism-core');
  const installed = { cli: version(load, '@stoplight/prism-cli'), http: version(httpRequire, '@stoplight/prism-http') };
  const warning = installed.cli === PRISM_CHECKED['@stoplight/prism-cli'] && installed.http === PRISM_CHECKED['@stoplight/prism-http']
    ? undefined
    : `Prism ${installed.cli} (prism-http ${installed.http}) is installed; this mock was checked with ${PRISM_CHECKED['@stoplight/prism-cli']} (prism-http ${PRISM_CHECKED['@stoplight/prism-http']}). If answers look wrong: ${PRISM_INSTALL}`;

  let operations: EngineOperation[];
  let document: OpenApiDocument;
  let text: string;
  try {
    text = readTextFile(options.spec, SPEC_MAX_BYTES, 'SPEC_MAX_BYTES');
    document = parseYaml(text) as OpenApiDocument;
  } catch (error) {
    throw new MockStartError(`the OpenAPI document ${options.spec} cannot be used: ${(error as Error).message}`);
  }
  try {
    operations = await prismHttp.getHttpOperationsFromSpec(options.spec);
    if (text.includes('x-json-schema-faker')) {
      await load('@stoplight/prism-cli/dist/extensions.js').configureExtensionsUserProvided(options.spec, {});
    }
  } catch (error) {
    throw new MockStartError(`Prism could not read the OpenAPI document ${options.spec}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (operations.length === 0) throw new MockStartError(`the OpenAPI document ${options.spec} has no operations`);

  // Prism logs pino JSON lines; only errors reach `log`, as `[PRISM] message`.
  const lines = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        try {
          const entry = JSON.parse(line) as { msg?: string };
          options.log(`[PRISM] ${entry.msg ?? line}`);
        } catch {
          options.log(`[PRISM] ${line}`);
        }
      }
      done();
    },
  });
  const logger = createLogger('PRISM', { level: 'error' }, lines);
  const base = {
    checkSecurity: false, // the mock checks credentials itself, as the gateway does
    validateRequest: true,
    validateResponse: true,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false,
  };
  const mockConfig = { dynamic: options.dynamic, ignoreExamples: false, ...(options.seed !== undefined ? { seed: options.seed } : {}) };
  const prism = prismHttp.createInstance({ ...base, mock: mockConfig }, { logger });
  return {
    document,
    prismVersion: installed.cli,
    warning,
    async answer(path, headers, choice) {
      const input = { method: 'get', url: { path, query: {} }, headers, body: null };
      const config = { ...base, mock: { ...mockConfig, ...(choice.code !== undefined ? { code: choice.code } : {}), ...(choice.exampleKey !== undefined ? { exampleKey: choice.exampleKey } : {}) } };
      const result = await prism.request(input, operations, config)();
      if (result._tag === 'Left') {
        const left = result.left as { name?: string; message?: string; detail?: string };
        throw new Error(`Prism: ${left.name ?? 'error'}: ${left.detail ?? left.message ?? String(left)}`);
      }
      const { output, validations } = result.right as { output: { statusCode: number; headers?: Record<string, string>; body?: unknown }; validations: { output: Array<{ path?: string[]; message: string }> } };
      return {
        status: output.statusCode,
        headers: output.headers ?? {},
        body: output.body,
        outputViolations: validations.output.map((v) => `${(v.path ?? []).join('.')} ${v.message}`.trim()),
      };
    },
  };
}

/** The largest scenario file (`--scenario`) the bin reads. */
export const SCENARIO_MAX_BYTES = 4 * 1024 * 1024;
/** The largest OpenAPI document (`spec`, `--spec`) the mock reads. */
export const SPEC_MAX_BYTES = 16 * 1024 * 1024;
/**
 * How many nodes YAML aliases (`*name`, `<<: *name`) may add to a document when they are expanded.
 * Each alias is a copy of its anchor's value, so nested aliases multiply: a 551-byte "billion
 * laughs" file expands to gigabytes. Ordinary reuse of a step or a body stays far below this.
 */
export const YAML_MAX_ALIAS_NODES = 100_000;

const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`;

/**
 * Reads a regular file as UTF-8, at most `limit` bytes; throws naming `limitName` when it is larger,
 * and refuses what is not a regular file (a FIFO, /dev/zero, a directory), which could block or never end.
 */
export function readTextFile(path: string, limit: number, limitName: string): string {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever (it does nothing to a regular file).
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) {
      const kind = info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a FIFO (named pipe)' : info.isCharacterDevice() ? 'a character device' : info.isSocket() ? 'a socket' : 'not a regular file';
      throw new Error(`is ${kind}, not a regular file: give the path of a file`);
    }
    const over = () => new Error(`is over the ${MiB(limit)} limit (${limitName}, ${limit} bytes): use a smaller file`);
    if (info.size > limit) throw over();
    // The file may grow after fstat: read at most limit + 1 bytes whatever it says.
    const buffer = Buffer.alloc(Math.min(info.size, limit) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;) length += n;
    if (length > limit) throw over();
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

/** A document that cannot be read, with the 1-based line and column of the problem. */
export class TextError extends Error {
  override readonly name = 'TextError';
  constructor(readonly line: number, readonly column: number, readonly reason: string) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

/** 1-based line and column of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

interface YamlNode {
  kind: number;
  startPosition: number;
  value?: unknown;
  mappings?: Array<{ key?: YamlNode; value?: YamlNode | null }>;
  items?: Array<YamlNode | null>;
  errors?: Array<{ reason: string; isWarning?: boolean; mark?: { line: number; column: number } }>;
}
const KIND = { SCALAR: 0, MAPPING: 1, MAP: 2, SEQ: 3, ANCHOR_REF: 4 } as const;

const yamlModules = () => {
  const load = prismRequire();
  const yamlRequire = createRequire(createRequire(load.resolve('@stoplight/prism-http/package.json')).resolve('@stoplight/yaml'));
  return {
    yaml: yamlRequire('@stoplight/yaml') as { parse(text: string): unknown },
    ast: yamlRequire('@stoplight/yaml-ast-parser') as { load(text: string): YamlNode | undefined },
  };
};

/** The children of a node as its data has them: an alias stands for its anchor's value. */
function children(node: YamlNode): YamlNode[] {
  if (node.kind === KIND.ANCHOR_REF) return node.value ? [node.value as YamlNode] : [];
  if (node.kind === KIND.MAP) return (node.mappings ?? []).flatMap((m) => [m.key, m.value]).filter((n): n is YamlNode => !!n);
  if (node.kind === KIND.SEQ) return (node.items ?? []).filter((n): n is YamlNode => !!n);
  return [];
}

/**
 * Refuses a document whose aliases would expand past YAML_MAX_ALIAS_NODES, before anything expands
 * them. Counts each node's expanded size once (memoised, iteratively: a deep document cannot
 * overflow the stack here), so the check costs the size of the text, not of its expansion.
 */
function checkAliases(text: string, root: YamlNode): void {
  const size = new Map<YamlNode, number>();
  const open = new Set<YamlNode>();
  const aliases: YamlNode[] = [];
  let literal = 0;
  // Literal nodes (an alias counted once), and the aliases written in the text.
  const walk: YamlNode[] = [root];
  while (walk.length) {
    const node = walk.pop()!;
    literal += 1;
    if (node.kind === KIND.ANCHOR_REF) aliases.push(node);
    else walk.push(...children(node));
  }
  if (aliases.length === 0) return;
  // Expanded sizes, post-order; a node met again while open is a self-reference (read as null).
  const stack: Array<[YamlNode, boolean]> = [[root, false]];
  while (stack.length) {
    const [node, done] = stack.pop()!;
    if (done) {
      open.delete(node);
      const own = node.kind === KIND.ANCHOR_REF ? 0 : 1;
      size.set(node, children(node).reduce((sum, child) => sum + (size.get(child) ?? 1), own));
      continue;
    }
    if (size.has(node) || open.has(node)) continue;
    open.add(node);
    stack.push([node, true]);
    for (const child of children(node)) if (!size.has(child) && !open.has(child)) stack.push([child, false]);
  }
  const added = (size.get(root) ?? 0) - literal;
  if (added <= YAML_MAX_ALIAS_NODES) return;
  const worst = aliases.reduce((a, b) => ((size.get(b) ?? 0) > (size.get(a) ?? 0) ? b : a));
  const { line, column } = lineColumn(text, worst.startPosition);
  const count = (n: number) => (Number.isFinite(n) && n < 1e15 ? String(n) : 'more than 10^15');
  throw new TextError(line, column, `its aliases would expand the document by ${count(added)} nodes (this alias alone by ${count(size.get(worst) ?? 0)}), over the limit of ${YAML_MAX_ALIAS_NODES} (YAML_MAX_ALIAS_NODES): nested aliases multiply ("billion laughs"); write the repeated parts out or nest fewer aliases`);
}

/**
 * YAML (or JSON) text parsed with the YAML reader Prism installs (scenario files and the spec).
 * Throws a TextError (`line L, column C: reason`) for a syntax error, a duplicate key or aliases that
 * would expand past YAML_MAX_ALIAS_NODES; an Error for a document nested too deeply to read.
 */
export function parseYaml(text: string): unknown {
  const { yaml, ast } = yamlModules();
  const nested = (error: unknown) => {
    if (error instanceof RangeError) return new Error(`nested too deeply to read (${error.message}): flatten the document`);
    return error;
  };
  let root: YamlNode | undefined;
  try {
    root = ast.load(text);
  } catch (error) {
    throw nested(error);
  }
  if (!root) return undefined;
  const error = root.errors?.find((e) => !e.isWarning);
  if (error) throw new TextError((error.mark?.line ?? 0) + 1, (error.mark?.column ?? 0) + 1, error.reason);
  checkAliases(text, root);
  try {
    return yaml.parse(text);
  } catch (error) {
    throw nested(error);
  }
}
