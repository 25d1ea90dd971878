// The mock's Prism process: Prism's own HTTP server on the given document, started without the
// Prism CLI around it (its argument parser, pretty-printer and file watcher cost start-up time and
// do nothing for a mock that a test starts and stops). Run by startMock; not an entry point.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
