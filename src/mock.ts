// sms-command-contract/mock: a Prism mock of both API versions on one base URL, for consumers' tests.
// Node only. Prism is an optional peer dependency: install it to use this module.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
export const PRISM_INSTALL = 'npm install --save-dev @stoplight/prism-cli@5.14.2';
/** The joined v1 + v3 document this package ships, which the mock serves by default. */
export const MOCK_SPEC = fileURLToPath(new URL('../sms-command.yaml', import.meta.url));
const PROBE_PATH = '/v3/sources/f32ab4d6-d150-4fb3-aa55-edbb5cf9947f/command';

export interface MockOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Generate responses from the schemas instead of serving the named examples. */
  dynamic?: boolean;
  /** With `dynamic`: the seed that makes generated data repeatable. */
  seed?: string | number;
  /** Answer 500 when a response Prism would send violates the spec (Prism's `--errors`). */
  errors?: boolean;
  /** Prism's log level: 'error' (default), 'warn', 'info', ... */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  /** Serve another OpenAPI document instead of the package's joined one. */
  spec?: string;
  /** How long to wait for Prism to answer. Default 30 s. */
  startTimeoutMs?: number;
  /** Where Prism's own output goes: 'pipe' keeps it for error messages (default), 'inherit' shows it. */
  stdio?: 'pipe' | 'inherit';
}

export interface Mock {
  /** Base URL, such as `http://127.0.0.1:4010`. */
  url: string;
  /** The Prism process's id. */
  pid: number;
  /** Stops Prism and resolves once the process has exited. */
  close(): Promise<void>;
  /** Resolves when Prism exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export class MockStartError extends Error {
  override readonly name = 'MockStartError';
}

function assertPrismInstalled(): void {
  try {
    createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json');
  } catch {
    throw new MockStartError(`Prism is not installed; the mock needs it. Install it with:\n  ${PRISM_INSTALL}`);
  }
}

/** Beside this module once compiled; from the TypeScript source (this repository's tests), the build's copy. */
const childScript = () =>
  [new URL('./prism-child.js', import.meta.url), new URL('../dist/src/prism-child.js', import.meta.url)]
    .map((url) => fileURLToPath(url))
    .find((path) => existsSync(path)) ?? fileURLToPath(new URL('./prism-child.js', import.meta.url));

/** Claims the port for a moment: a clear error when it is taken, and a free port for 0. */
function claimPort(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(new MockStartError(error.code === 'EADDRINUSE'
        ? `port ${port} on ${host} is already in use: stop what listens there, or choose another port`
        : `cannot listen on ${host}:${port}: ${error.message}`));
    });
    server.listen(port, host, () => {
      const claimed = (server.address() as AddressInfo).port;
      server.close(() => resolve(claimed));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url + PROBE_PATH, { headers: { 'X-Auth-Token': 'readiness-probe' } });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts Prism serving v1 and v3 and resolves once it answers HTTP. Rejects with a `MockStartError`
 * (never hangs) when Prism is missing, the port is taken, or Prism dies or stays silent at start.
 */
export async function startMock(options: MockOptions = {}): Promise<Mock> {
  const { port: requestedPort = DEFAULT_PORT, host = DEFAULT_HOST, dynamic = false, seed, errors = false, logLevel = 'error', spec = MOCK_SPEC, startTimeoutMs = 30_000, stdio = 'pipe' } = options;
  assertPrismInstalled();
  if (!existsSync(spec)) throw new MockStartError(`the OpenAPI document ${spec} does not exist (run npm run build in this package's repository)`);
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) throw new MockStartError(`invalid port: ${requestedPort}`);
  const port = await claimPort(host, requestedPort);
  const childOptions = { spec, host, port, dynamic, errors, logLevel, ...(seed !== undefined ? { seed: String(seed) } : {}) };
  const child = spawn(process.execPath, [childScript(), JSON.stringify(childOptions)], { stdio: ['ignore', stdio, stdio] });
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => { ended = { code, signal }; resolve(ended); });
  });
  const close = async () => {
    if (!ended) child.kill('SIGTERM');
    await exited;
  };
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  while (!(await answers(url))) {
    if (ended) throw new MockStartError(`Prism exited (${ended.code ?? ended.signal}) before answering on ${url}:\n${output.trim()}`);
    if (Date.now() > deadline) {
      await close();
      throw new MockStartError(`Prism did not answer on ${url} within ${startTimeoutMs} ms:\n${output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Something else may have answered on the port in the moment between claiming it and Prism binding.
  if (ended) throw new MockStartError(`Prism exited (${ended.code ?? ended.signal}) at start on ${url}:\n${output.trim()}`);
  return { url, pid: child.pid!, close, exited };
}
