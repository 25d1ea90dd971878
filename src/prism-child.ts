// The mock's Prism process: Prism's own HTTP server on the given document, started without the
// Prism CLI around it (its argument parser, pretty-printer and file watcher cost start-up time and
// do nothing for a mock that a test starts and stops). Run by startMock; not an entry point.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { Writable } from 'node:stream';

interface ChildOptions {
  spec: string;
  host: string;
  port: number;
  dynamic: boolean;
  seed?: string;
  errors: boolean;
  logLevel: string;
}

const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
// Prism's libraries, resolved from wherever @stoplight/prism-cli is installed.
const prismRequire = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json'));

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
 * Prism requires faker when it loads (all of faker 6's locales: ~0.7 s, over half of Prism's start)
 * but calls it only while generating dynamic data. This puts a stand-in in the module cache whose
 * exports (`faker_1.default`, `faker.phone`, ...) load the real module on first use, so a mock that
 * serves examples never loads it and a dynamic one loads it on its first generated answer. Prism's
 * behaviour is unchanged: the same module, later.
 */
function deferModule(chain: string[], id: string): void {
  let load = prismRequire;
  let path: string;
  try {
    for (const step of chain) load = createRequire(load.resolve(step));
    path = load.resolve(id);
  } catch {
    return; // Not where this Prism version keeps it: nothing to defer.
  }
  const cache = load.cache;
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
  // Reading an export gives a stand-in for that export; using it loads the module.
  standIn.exports = new Proxy({}, { get: (_, key) => (real ? real[key] : lazyObject(() => module()[key] as object)) });
  cache[path] = standIn;
}

// Each required from where its requirer is installed: prism-http, and http-spec's postman-collection.
deferModule(['@stoplight/prism-http/package.json'], '@faker-js/faker');
deferModule(['@stoplight/prism-http/package.json', '@stoplight/http-spec/package.json', 'postman-collection/package.json'], '@faker-js/faker/locale/en');
const { getHttpOperationsFromSpec } = prismRequire('@stoplight/prism-http');
const { createServer } = prismRequire('@stoplight/prism-http-server');
const { createLogger } = prismRequire('@stoplight/prism-core');

/** Prism logs pino JSON lines; print them as `[NAME] message`. */
const lines = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as { name?: string; msg?: string };
        process.stdout.write(`[${entry.name ?? 'PRISM'}] ${entry.msg ?? ''}\n`);
      } catch {
        process.stdout.write(`${line}\n`);
      }
    }
    done();
  },
});

try {
  const operations = await getHttpOperationsFromSpec(options.spec);
  if (operations.length === 0) throw new Error('No operations found in the current file.');
  if (readFileSync(options.spec, 'utf8').includes('x-json-schema-faker')) {
    const { configureExtensionsUserProvided } = prismRequire('@stoplight/prism-cli/dist/extensions.js');
    await configureExtensionsUserProvided(options.spec, {});
  }
  const logger = createLogger('PRISM', { level: options.logLevel }, lines);
  const server = createServer(operations, {
    cors: true,
    config: {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: options.errors,
      upstreamProxy: undefined,
      isProxy: false,
      mock: { dynamic: options.dynamic, ignoreExamples: false, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
    },
    components: { logger: logger.child({ name: 'HTTP SERVER' }) },
  });
  const address = await server.listen(options.port, options.host);
  logger.info(`Prism is listening on ${address}`);
  const stop = () => server.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
