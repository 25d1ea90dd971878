// The mock: our own HTTP server in the caller's process, in front of Prism's engine. It owns the
// socket, the control API, credentials, scripts, faults and the journal, and asks Prism for every
// contract answer it does not script.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseTarget, type RequestTarget } from '../canonical.js';
import { type Answer, refusal, send, unauthorized } from './answers.js';
import { createVerifier, credentialsOf, type MockAuth } from './auth.js';
import { type Bound, hostNameOf, hostProblem } from './hosts.js';
import { createContractValidator } from '../contract/validator.js';
import { createContract, describeViolation, GATEWAY_STATUSES, type Route, withRequestId } from './contract.js';
import { CONTROL_PREFIX, type ControlState, handleControl, resetAll, scriptKey, setScript } from './control.js';
import { loadEngine, MockStartError, prismRequire } from './engine.js';
import { DEFAULT_JOURNAL_LIMIT, Journal, type JournalEntry } from './journal.js';
import { type ScriptState, type ScriptStep, Scripts, type Step } from './scripts.js';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
/** The joined v1 + v3 document this package ships, which the mock serves by default. */
export const MOCK_SPEC = [new URL('../../sms-command.yaml', import.meta.url), new URL('../../dist/sms-command.yaml', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((path) => existsSync(path)) ?? fileURLToPath(new URL('../../sms-command.yaml', import.meta.url));
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
   * no page can read the journal or the scripts. The API paths answer any origin, as before.
   */
  controlOrigins?: string[];
}

export interface Mock {
  /** Base URL, such as `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** Sets the steps for one API path (`/v3/sources/{id}/command` or `/v1/sms/sources/{id}/command`); throws a ScriptError naming each violation. */
  script(path: string, steps: Step[]): void;
  /** What is left of a path's script, or undefined. */
  scriptState(path: string): ScriptState | undefined;
  /** Clears one path's script, or every script. */
  clearScripts(path?: string): void;
  /** The journal, oldest first. */
  requests(): Promise<JournalEntry[]>;
  /** The first request, recorded or still to come, that matches; rejects after `timeoutMs` (default 5 s). */
  waitForRequest(predicate: (entry: JournalEntry) => boolean, options?: { timeoutMs?: number }): Promise<JournalEntry>;
  clearRequests(): void;
  /** Clears scripts, the journal and every AK lock (the gateway's lockout). */
  reset(): void;
  /** Stops listening and destroys every connection, held or half-sent; resolves within CLOSE_TIMEOUT_MS. */
  close(): Promise<void>;
}

export { MockStartError };

interface Choice {
  code?: number;
  exampleKey?: string;
}

/** `Prefer: code=403, example=name`, Prism's header, checked against the route. */
function preferOf(value: string | undefined, route: Route): Choice | string {
  if (!value) return {};
  const choice: Choice = {};
  for (const [, key, raw] of value.matchAll(/([\w-]+)\s*=\s*"?([^,;"\s]*)"?/g)) {
    if (key === 'code') {
      const code = Number(raw);
      if (!route.sends(code)) {
        return `Prefer: code=${raw} is not a status of ${route.template}: documented ${route.statuses.join(', ')}; the gateway's ${GATEWAY_STATUSES.join(', ')}`;
      }
      choice.code = code;
    } else if (key === 'example') {
      choice.exampleKey = raw!;
    } else {
      return `Prefer: ${key} is not something this mock chooses (code=<status>, example=<name>)`;
    }
  }
  if (choice.exampleKey !== undefined) {
    const status = choice.code ?? 200;
    const names = route.examples.get(status) ?? [];
    if (!names.includes(choice.exampleKey)) return `Prefer: example=${choice.exampleKey} is not an example of the ${status} answer of ${route.template} (${names.join(', ') || 'it has none'})`;
  }
  return choice;
}

const sleep = (ms: number, timers: Set<NodeJS.Timeout>) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });

/**
 * Starts the mock of both API versions on one base URL and resolves once it listens. Rejects with a
 * MockStartError (never hangs) when Prism is missing, the spec is unreadable, or the port is taken.
 */
export async function startMock(options: MockOptions = {}): Promise<Mock> {
  const { port: requestedPort = DEFAULT_PORT, host = DEFAULT_HOST, dynamic = false, seed, errors = false, spec = MOCK_SPEC, auth, journalLimit = DEFAULT_JOURNAL_LIMIT } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  prismRequire(); // first: without Prism nothing else matters
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) throw new MockStartError(`invalid port: ${requestedPort}`);
  if (!Number.isInteger(journalLimit) || journalLimit < 1) throw new MockStartError(`invalid journalLimit: ${journalLimit}`);
  if (!existsSync(spec)) throw new MockStartError(`the OpenAPI document ${spec} does not exist (in this package's repository: npm run build)`);
  const engine = await loadEngine({ spec, dynamic, seed: seed === undefined ? undefined : String(seed), log });
  if (engine.warning) log(engine.warning);
  const contract = createContract(createContractValidator(engine.document));
  let verify: ReturnType<typeof createVerifier>;
  try {
    verify = createVerifier(auth);
  } catch (error) {
    throw new MockStartError((error as Error).message);
  }
  const state: ControlState = { contract, scripts: new Scripts(), journal: new Journal(journalLimit), lockouts: verify };
  const controlOrigins = new Set(options.controlOrigins ?? []);
  const bound: Bound = { host, allowed: new Set((options.allowedHosts ?? []).map((name) => hostNameOf(name))) };
  for (const [path, steps] of Object.entries(options.scripts ?? {})) setScript(state, path, steps, `scripts[${JSON.stringify(path)}]`);

  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let seq = 0;

  async function answerApi(req: IncomingMessage, res: ServerResponse, target: RequestTarget, entry: JournalEntry): Promise<Answer | 'fault'> {
    const { requestId } = entry;
    const refuse = (answer: Answer) => {
      entry.verdict = 'refused';
      entry.reason = (answer.body as { error_msg: string }).error_msg;
      return answer;
    };
    const match = contract.match(target);
    if (!match) return refuse(refusal(404, `no API at ${target.path}: this mock serves GET ${contract.routes.map((r) => r.template).join(' and GET ')}`, requestId));
    entry.version = match.route.version;
    entry.id = match.id;
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse({ ...refusal(405, `${req.method} is not allowed on ${match.route.template}: only GET`, requestId), headers: { allow: 'GET' } });
    const verdict = verify({ method: req.method, target, headers: req.headers });
    if (!verdict.ok) return refuse(unauthorized(verdict.reason!, requestId));
    const violations = match.route.checkId(match.id);
    if (violations.length) {
      entry.violations = violations.map(describeViolation);
      return refuse(refusal(400, `the request breaks the contract: ${entry.violations.join('; ')}`, requestId));
    }
    const scripted = state.scripts.next(match.route.pathFor(match.id));
    if (scripted) {
      entry.step = { index: scripted.index, of: scripted.of };
      return play(scripted.step, res, requestId);
    }
    const choice = preferOf([req.headers.prefer ?? []].flat().join(', '), match.route);
    if (typeof choice === 'string') return refuse(refusal(400, choice, requestId));
    if (choice.code !== undefined && !match.route.statuses.includes(choice.code)) return { status: choice.code, body: withRequestId(match.route.defaultBody(choice.code), requestId) };
    // The operation has only JSON answers and the service sends them whatever Accept says; Prism
    // would refuse an Agent's `Accept: text/html` with a 406 the real service never sends.
    const { accept: _accept, ...headers } = req.headers;
    const answer = await engine.answer(target.path, headers, choice);
    if (errors && answer.outputViolations.length) return refuse(refusal(500, `the answer Prism chose violates the spec: ${answer.outputViolations.join('; ')}`, requestId));
    const { 'X-Request-Id': _id, 'Content-type': _type, ...extra } = answer.headers;
    return { status: answer.status, headers: extra, body: answer.body };
  }

  async function play(step: ScriptStep, res: ServerResponse, requestId: string): Promise<Answer | 'fault'> {
    if (step.delay_ms) await sleep(step.delay_ms, timers);
    if (step.fault === 'drop') {
      res.socket?.destroy();
      return 'fault';
    }
    if (step.fault === 'hang') return 'fault'; // the connection stays open until the client or close() ends it
    return { status: step.status, headers: step.headers, body: withRequestId(step.body, requestId) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = parseTarget(req.url ?? '/');
    const { path } = parsed;
    const requestId = randomBytes(16).toString('hex');
    res.setHeader('X-Request-Id', requestId);
    const control = path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
    const misdirected = hostProblem(req.headers.host, bound);
    if (misdirected) return send(res, refusal(403, misdirected, requestId));
    if (control) {
      const origin = req.headers.origin;
      if (origin !== undefined && controlOrigins.has(origin)) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Vary', 'Origin');
        if (req.method === 'OPTIONS') {
          res.writeHead(204, { 'access-control-allow-methods': 'GET, PUT, POST, DELETE', 'access-control-allow-headers': 'content-type', 'content-length': 0 });
          res.end();
          return;
        }
      }
      return handleControl(state, req, res, path);
    }
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': 'GET', 'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? '*'), 'content-length': 0 });
      res.end();
      return;
    }
    const entry: JournalEntry = { seq: ++seq, time: new Date().toISOString(), method: req.method ?? '', path, auth: credentialsOf(req.headers), verdict: 'answered', violations: [], requestId };
    if ('problem' in parsed) {
      entry.verdict = 'refused';
      entry.reason = `the path is refused before routing: ${parsed.problem}`;
      entry.status = 400;
      send(res, refusal(400, entry.reason, requestId));
      state.journal.add(entry);
      return;
    }
    try {
      const answer = await answerApi(req, res, parsed, entry);
      if (answer === 'fault') {
        entry.verdict = 'fault';
      } else {
        entry.status = answer.status;
        send(res, answer);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      entry.verdict = 'error';
      entry.reason = message;
      entry.status = 500;
      log(`[sms-command-mock] ${req.method} ${path} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      send(res, refusal(500, `the mock failed: ${message}`, requestId));
    }
    state.journal.add(entry);
  }

  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`[sms-command-mock] ${String(error)}`);
      res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(new MockStartError(error.code === 'EADDRINUSE'
        ? `port ${requestedPort} on ${host} is already in use: stop what listens there, or choose another port`
        : `cannot listen on ${host}:${requestedPort}: ${error.message}`));
    });
    server.listen(requestedPort, host, () => resolve());
  });
  server.on('error', (error) => log(`[sms-command-mock] server error: ${error.message}`));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    script: (path, steps) => setScript(state, path, steps),
    scriptState: (path) => {
      const key = scriptKey(state, path);
      return key === undefined ? undefined : state.scripts.state(key);
    },
    clearScripts: (path) => {
      if (path === undefined) return state.scripts.clear();
      const key = scriptKey(state, path);
      if (key !== undefined) state.scripts.delete(key);
    },
    requests: async () => state.journal.list(),
    waitForRequest: (predicate, { timeoutMs = 5000 } = {}) => state.journal.waitFor(predicate, timeoutMs),
    clearRequests: () => state.journal.clear(),
    reset: () => resetAll(state),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        const fallback = setTimeout(resolve, CLOSE_TIMEOUT_MS);
        server.close(() => {
          clearTimeout(fallback);
          resolve();
        });
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
      })),
  };
}
