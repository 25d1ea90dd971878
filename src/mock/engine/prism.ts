// Everything this package takes from Prism's internals, in one place: loading its engine
// (`@stoplight/prism-http`'s createInstance and getHttpOperationsFromSpec) without its HTTP server or
// CLI, the shape of its answers (the YAML reader it installs: prism-yaml.ts). Checked against the versions in
// PRISM_CHECKED; another version still runs, with a warning.
import Module, { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { MockStartError } from '../../errors/mock-start-error.js';

/** The Prism versions this module was written and tested against. */
export const PRISM_CHECKED = { '@stoplight/prism-cli': '5.14.2', '@stoplight/prism-http': '5.12.0' } as const;
export const PRISM_INSTALL = 'npm install --save-dev @stoplight/prism-cli@5.14.2';

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
  prismVersion: string;
  /** Set when the installed Prism is not the one this module was checked against. */
  warning: string | undefined;
  /** Prism's answer for a request (already authenticated and validated by the mock): a GET, or a POST with its parsed body. */
  answer(
    request: { method: string; path: string; headers: Record<string, string | string[] | undefined>; body?: unknown },
    choice: { code?: number; exampleKey?: string },
  ): Promise<EngineAnswer>;
}

export interface EngineOptions {
  /** The OpenAPI document's path, and its text (read once, bounded, by the caller). */
  spec: string;
  text: string;
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
  return new Proxy(
    {},
    {
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
    },
  );
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
  deferModule(
    load,
    ['@stoplight/prism-http/package.json', '@stoplight/http-spec/package.json', 'postman-collection/package.json'],
    '@faker-js/faker/locale/en',
  );
  const httpRequire = createRequire(load.resolve('@stoplight/prism-http/package.json'));
  const prismHttp = load('@stoplight/prism-http');
  const { createLogger } = load('@stoplight/prism-core');
  const installed = { cli: version(load, '@stoplight/prism-cli'), http: version(httpRequire, '@stoplight/prism-http') };

  let operations: EngineOperation[];
  try {
    operations = await prismHttp.getHttpOperationsFromSpec(options.spec);
    if (options.text.includes('x-json-schema-faker')) {
      await load('@stoplight/prism-cli/dist/extensions.js').configureExtensionsUserProvided(options.spec, {});
    }
  } catch (error) {
    throw new MockStartError(
      `Prism could not read the OpenAPI document ${options.spec}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (operations.length === 0) throw new MockStartError(`the OpenAPI document ${options.spec} has no operations`);

  const logger = createLogger('PRISM', { level: 'error' }, prismLog(options.log));
  const base = {
    checkSecurity: false, // the mock checks credentials itself, as the gateway does
    validateRequest: true,
    validateResponse: true,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false,
  };
  const mockConfig = {
    dynamic: options.dynamic,
    ignoreExamples: false,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  const prism = prismHttp.createInstance({ ...base, mock: mockConfig }, { logger });
  return {
    prismVersion: installed.cli,
    warning: versionWarning(installed),
    async answer({ method, path, headers, body = null }, choice) {
      const input = { method: method.toLowerCase(), url: { path, query: {} }, headers, body };
      const config = {
        ...base,
        mock: {
          ...mockConfig,
          ...(choice.code !== undefined ? { code: choice.code } : {}),
          ...(choice.exampleKey !== undefined ? { exampleKey: choice.exampleKey } : {}),
        },
      };
      const result = await prism.request(input, operations, config)();
      if (result._tag === 'Left') {
        const left = result.left as { name?: string; message?: string; detail?: string };
        throw new Error(`Prism: ${left.name ?? 'error'}: ${left.detail ?? left.message ?? String(left)}`);
      }
      const { output, validations } = result.right as {
        output: { statusCode: number; headers?: Record<string, string>; body?: unknown };
        validations: { output: Array<{ path?: string[]; message: string }> };
      };
      return {
        status: output.statusCode,
        headers: output.headers ?? {},
        body: output.body,
        outputViolations: validations.output.map((v) => `${(v.path ?? []).join('.')} ${v.message}`.trim()),
      };
    },
  };
}

/** A warning when the installed Prism is not the one this mock was checked with; else undefined. */
function versionWarning(installed: { cli: string; http: string }): string | undefined {
  if (
    installed.cli === PRISM_CHECKED['@stoplight/prism-cli'] &&
    installed.http === PRISM_CHECKED['@stoplight/prism-http']
  )
    return undefined;
  return `Prism ${installed.cli} (prism-http ${installed.http}) is installed; this mock was checked with ${PRISM_CHECKED['@stoplight/prism-cli']} (prism-http ${PRISM_CHECKED['@stoplight/prism-http']}). If answers look wrong: ${PRISM_INSTALL}`;
}

/** Prism logs pino JSON lines; only errors reach `log`, as `[PRISM] message`. */
function prismLog(log: (line: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        try {
          const entry = JSON.parse(line) as { msg?: string };
          log(`[PRISM] ${entry.msg ?? line}`);
        } catch {
          log(`[PRISM] ${line}`);
        }
      }
      done();
    },
  });
}
