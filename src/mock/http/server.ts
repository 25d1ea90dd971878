// The mock's life: options checked, the spec and Prism's engine loaded, our own HTTP server in the
// caller's process listening in front of them (each request goes through pipeline.ts), and a close
// that ends every connection. The `Mock` it returns is the admin service's JS door (admin/service.ts).
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createContractValidator, type OpenApiDocument } from '../../contract/validator.js';
import { MockStartError } from '../../errors/mock-start-error.js';
import { shippedFile } from '../../shipped-file.js';
import { createAdmin, type MockAdmin } from '../admin/service.js';
import { createListings } from '../admin/listings.js';
import { createVerifier, type MockAuth } from '../auth/verifier.js';
import { createContract } from '../engine/contract.js';
import { handleControl } from '../admin/http-door.js';
import { loadEngine, prismRequire } from '../engine/prism.js';
import { boundTo } from './hosts.js';
import { DEFAULT_JOURNAL_LIMIT, Journal } from '../journal/journal.js';
import { JournalError } from '../../errors/journal-error.js';
import { createPipeline } from './pipeline.js';
import { Scripts } from '../scripts/scripts.js';
import { type Step } from '../scripts/step-types.js';
import { Served } from '../service/served.js';
import { type RecordOptions, startRecording } from '../record/session.js';
import { SPEC_MAX_BYTES } from '../texts/files.js';
import { readTextFile } from '../../files.js';
import { parseYaml } from '../texts/yaml.js';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
/** The joined v1 + v3 document this package ships, which the mock serves by default. */
export const MOCK_SPEC = shippedFile('sms-command.yaml');
/** close() destroys every connection; it resolves at the latest this long after being called. */
export const CLOSE_TIMEOUT_MS = 2000;

export interface MockOptions {
  /** Default 4010; 0 picks a free port (the mock binds it: `mock.port` is the one it got). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Generate bodies from the schemas instead of serving the named examples. */
  dynamic?: boolean;
  /** With `dynamic`: the seed that makes generated data repeatable. */
  seed?: string | number;
  /** Answer 500 when an answer Prism would send violates the spec. */
  errors?: boolean;
  /** Serve another OpenAPI document instead of the package's joined one. */
  spec?: string;
  /** Which credentials pass; `false` lets every request through. Default: any token, the demo AK/SK. */
  auth?: MockAuth;
  /** Scripts by API path, such as `{ '/v3/sources/s1/command': [{ body: { command_name: 'START' } }] }`. */
  scripts?: Record<string, Step[]>;
  /** How many requests the journal keeps (the oldest are dropped). Default 1000. */
  journalLimit?: number;
  /** Where the mock's own error lines go (an engine failure, a Prism warning). Default: stderr. */
  log?: (line: string) => void;
  /**
   * Host names (besides the bound address, `localhost` and, on a wildcard bind, any IP address) that
   * requests may name in their Host header. Any other Host is refused with 403: a page that
   * rebinds its own DNS name to 127.0.0.1 reaches the port but not the mock.
   */
  allowedHosts?: string[];
  /**
   * Origins whose pages may call the control API (`/__mock`) from a browser (CORS). Default none:
   * no page can read the journal or the scripts; any other page's request is refused (403 MOCK.0403).
   */
  controlOrigins?: string[];
  /**
   * Origins, besides loopback ones (`http://localhost:*`, `http://127.0.0.1:*`, `http://[::1]:*`),
   * whose pages may call the API paths from a browser (CORS). A request from any other page (its
   * `Origin`, or `Sec-Fetch-Site: cross-site`) is refused with 403 MOCK.0403 before it changes
   * anything: no AK lockout count, no script step, no report.
   */
  apiOrigins?: string[];
  /**
   * Refuse a report (UpdateCommandResult) whose `command_name` is not the command last served (a 200
   * with a `command_name`) to that server, version and id, with `400 SMS.2009` ("The command sent by
   * the client is inconsistent with that on the SMS service"), as nothing served yet is. Our reading
   * of the v1-era error list. Default true.
   */
  reportCheck?: boolean;
  /**
   * A recording mock: every API request that passes the mock's own checks is signed afresh with the
   * upstream's credentials and forwarded to `upstream`; its answers go back to the Agent and into
   * `to`, a scenario file `--scenario` replays (docs/recording.md). No script is played.
   */
  record?: RecordOptions;
}

/** A running mock: the admin service (scripts, the journal, reset), where it listens, and its close. */
export interface Mock extends MockAdmin {
  /** Base URL, such as `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** Stops listening and destroys every connection, held or half-sent; resolves within CLOSE_TIMEOUT_MS. */
  close(): Promise<void>;
}

/** The OpenAPI document's text (bounded) and its parse. */
export function readSpec(spec: string): { text: string; document: OpenApiDocument } {
  if (!existsSync(spec))
    throw new MockStartError(
      `the OpenAPI document ${spec} does not exist (in this package's repository: npm run build)`,
    );
  try {
    const text = readTextFile(spec, SPEC_MAX_BYTES, 'SPEC_MAX_BYTES');
    return { text, document: parseYaml(text) as OpenApiDocument };
  } catch (error) {
    throw new MockStartError(`the OpenAPI document ${spec} cannot be used: ${(error as Error).message}`);
  }
}

/** The API versions a document joins (the package's joined one names them in `info.x-versions`). */
function apiVersionsOf(document: OpenApiDocument): Record<string, string> {
  const versions: unknown = document.info?.['x-versions'];
  if (typeof versions !== 'object' || versions === null) return {};
  return Object.fromEntries(
    Object.entries(versions).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** Listens; rejects with a MockStartError naming the port and host when it cannot. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new MockStartError(
          error.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is already in use: stop what listens there, or choose another port`
            : `cannot listen on ${host}:${port}: ${error.message}`,
          { cause: { name: error.name, message: error.message, ...(error.code ? { code: error.code } : {}) } },
        ),
      );
    });
    server.listen(port, host, () => resolve());
  });
}

/**
 * Stops listening, ends scripted delays and pending waits for a request (503) and destroys every
 * connection; resolves when all are gone, or after CLOSE_TIMEOUT_MS.
 */
function closeServer(server: Server, closing: AbortController, journal: Journal): Promise<void> {
  return new Promise<void>((resolve) => {
    const fallback = setTimeout(resolve, CLOSE_TIMEOUT_MS);
    server.close(() => {
      clearTimeout(fallback);
      resolve();
    });
    closing.abort();
    journal.endWaits(new JournalError(503, 'the mock closed while waiting for a matching request'));
    server.closeAllConnections();
  });
}

/**
 * Starts the mock of both API versions on one base URL and resolves once it listens. Rejects with a
 * MockStartError (never hangs) when Prism is missing, the spec is unreadable, or the port is taken.
 */
export async function startMock(options: MockOptions = {}): Promise<Mock> {
  const {
    port: requestedPort = DEFAULT_PORT,
    host = DEFAULT_HOST,
    dynamic = false,
    seed,
    errors = false,
    spec = MOCK_SPEC,
    auth,
    journalLimit = DEFAULT_JOURNAL_LIMIT,
    reportCheck = true,
  } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  prismRequire(); // first: without Prism nothing else matters
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535)
    throw new MockStartError(`invalid port: ${requestedPort}`);
  if (!Number.isInteger(journalLimit) || journalLimit < 1)
    throw new MockStartError(`invalid journalLimit: ${journalLimit}`);
  if (typeof reportCheck !== 'boolean')
    throw new MockStartError(`invalid reportCheck: ${String(reportCheck)} (true or false)`);
  const { text, document } = readSpec(spec);
  const engine = await loadEngine({ spec, text, dynamic, seed: seed === undefined ? undefined : String(seed), log });
  if (engine.warning) log(engine.warning);
  const validator = createContractValidator(document);
  const contract = createContract(validator);
  let verify: ReturnType<typeof createVerifier>;
  try {
    verify = createVerifier(auth);
  } catch (error) {
    throw new MockStartError((error as Error).message);
  }
  const state = {
    contract,
    scripts: new Scripts(),
    journal: new Journal(journalLimit),
    served: new Served(),
    lockouts: verify,
  };
  let url = ''; // known once the mock listens: a HAR log's base
  const admin = createAdmin(state, options.scripts, apiVersionsOf(document), () => url);
  const listings = createListings(state);
  const closing = new AbortController();
  if (options.record && options.scripts)
    throw new MockStartError(
      'record and scripts contradict each other: a recording mock forwards every API request and plays no script',
    );
  const forward = options.record
    ? await startRecording(options.record, { validator, mockAuth: auth, closing: closing.signal, log })
    : undefined;
  const handle = createPipeline({
    state,
    verify,
    engine,
    control: (req, res, path) => handleControl(admin, listings, req, res, path),
    bound: boundTo(host, options.allowedHosts),
    controlOrigins: new Set(options.controlOrigins ?? []),
    apiOrigins: new Set(options.apiOrigins ?? []),
    errors,
    log,
    closing: closing.signal,
    reportCheck,
    forward,
  });
  const server = createServer({ keepAliveTimeout: 5000 }, handle);
  await listen(server, requestedPort, host);
  server.on('error', (error) => log(`[sms-command-mock] server error: ${error.message}`));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    ...admin,
    url,
    port,
    close: () => (closed ??= closeServer(server, closing, state.journal)),
  };
}
