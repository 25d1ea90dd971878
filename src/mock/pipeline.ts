// The request pipeline: what the mock does with each request its socket receives, step by step —
// the Host check, the control API (its own door, control.ts), CORS, a journal entry; then for the API
// the one parse of the path, the route, the method, the credentials and the contract, a script or
// Prefer or Prism; and what it answered, in the journal.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';
import { parseTarget, type RequestTarget, type TargetProblem } from '../canonical.js';
import type { MockState } from './admin.js';
import { type MockAnswer, refusal, send, unauthorized } from './answers.js';
import { credentialsOf, type Verifier } from './auth.js';
import { describeViolation } from '../errors/script-error.js';
import { type Match, withRequestId } from './contract.js';
import { isControlPath } from './control.js';
import type { Engine } from './engine.js';
import { type Bound, hostProblem } from './hosts.js';
import type { JournalEntry } from './journal.js';
import { preferOf } from './prefer.js';
import type { ScriptStep } from './scripts.js';

export interface PipelineOptions {
  state: MockState;
  verify: Verifier;
  engine: Engine;
  /** The control API's door, for requests under /__mock. */
  control: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;
  bound: Bound;
  /** Origins whose pages may call the control API (CORS). */
  controlOrigins: ReadonlySet<string>;
  /** Answer 500 when Prism's answer violates the spec. */
  errors: boolean;
  log: (line: string) => void;
  /** Aborted when the mock closes: a scripted delay still running stops waiting. */
  closing: AbortSignal;
}

type Played = MockAnswer | 'fault';

/** Marks a journal entry refused, with the answer's reason, and returns the answer. */
function refuse(entry: JournalEntry, answer: MockAnswer): MockAnswer {
  entry.verdict = 'refused';
  entry.reason = (answer.body as { error_msg: string }).error_msg;
  return answer;
}

/** Waits `ms`, or until `closing` aborts; resolves whether the whole wait passed. */
const delay = (ms: number, closing: AbortSignal): Promise<boolean> => wait(ms, true, { signal: closing }).catch(() => false);

/** A scripted step played: its delay, then its fault or its answer. */
async function playStep(step: ScriptStep, res: ServerResponse, requestId: string, closing: AbortSignal): Promise<Played> {
  if (step.delay_ms && !(await delay(step.delay_ms, closing))) return 'fault'; // the mock closed meanwhile
  if (step.fault === 'drop') {
    res.socket?.destroy();
    return 'fault';
  }
  if (step.fault === 'hang') return 'fault'; // the connection stays open until the client or close() ends it
  return { status: step.status, headers: step.headers, body: withRequestId(step.body, requestId) };
}

/** CORS on the control API: only for the origins allowed; true when it answered their preflight. */
function controlCors(req: IncomingMessage, res: ServerResponse, origins: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || !origins.has(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, { 'access-control-allow-methods': 'GET, PUT, POST, DELETE', 'access-control-allow-headers': 'content-type', 'content-length': 0 });
  res.end();
  return true;
}

/** CORS on the API paths: any origin; true when it answered a preflight. */
function apiCors(req: IncomingMessage, res: ServerResponse): boolean {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', '*');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, { 'access-control-allow-methods': 'GET', 'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? '*'), 'content-length': 0 });
  res.end();
  return true;
}

/** The request handler for the mock's HTTP server. */
export function createPipeline(options: PipelineOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { state, verify, engine, bound, controlOrigins, errors, log, closing } = options;
  const served = `this mock serves GET ${state.contract.routes.map((r) => r.template).join(' and GET ')}`;
  let seq = 0;

  /** The method, the credentials, the id against the contract: the refusal of the first that fails. */
  function gate(req: IncomingMessage, target: RequestTarget, { route, id }: Match, entry: JournalEntry): MockAnswer | undefined {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { ...refusal(405, `${req.method} is not allowed on ${route.template}: only GET`, entry.requestId), headers: { allow: 'GET' } };
    const verdict = verify({ method: req.method, target, headers: req.headers });
    if (!verdict.ok) return unauthorized(verdict.reason!, entry.requestId);
    const violations = route.checkId(id);
    if (violations.length === 0) return undefined;
    entry.violations = violations.map(describeViolation);
    return refusal(400, `the request breaks the contract: ${entry.violations.join('; ')}`, entry.requestId);
  }

  /** An unscripted answer: what Prefer chooses, the gateway's body for a gateway status, else Prism's. */
  async function engineAnswer(req: IncomingMessage, target: RequestTarget, { route }: Match, entry: JournalEntry): Promise<MockAnswer> {
    const { requestId } = entry;
    const choice = preferOf([req.headers.prefer ?? []].flat().join(', '), route);
    if (typeof choice === 'string') return refuse(entry, refusal(400, choice, requestId));
    if (choice.code !== undefined && !route.statuses.includes(choice.code)) return { status: choice.code, body: withRequestId(route.defaultBody(choice.code), requestId) };
    // The operation has only JSON answers and the service sends them whatever Accept says; Prism
    // would refuse an Agent's `Accept: text/html` with a 406 the real service never sends.
    const { accept: _accept, ...headers } = req.headers;
    const answer = await engine.answer(target.path, headers, choice);
    if (errors && answer.outputViolations.length) return refuse(entry, refusal(500, `the answer Prism chose violates the spec: ${answer.outputViolations.join('; ')}`, requestId));
    const { 'X-Request-Id': _id, 'Content-type': _type, ...extra } = answer.headers;
    return { status: answer.status, headers: extra, body: answer.body };
  }

  /** An API request's answer (or fault), the journal entry filled in on the way. */
  async function answerApi(req: IncomingMessage, res: ServerResponse, target: RequestTarget | TargetProblem, entry: JournalEntry): Promise<Played> {
    if ('problem' in target) return refuse(entry, refusal(400, `the path is refused before routing: ${target.problem}`, entry.requestId));
    const match = state.contract.match(target);
    if (!match) return refuse(entry, refusal(404, `no API at ${target.path}: ${served}`, entry.requestId));
    entry.version = match.route.version;
    entry.id = match.id;
    const refused = gate(req, target, match, entry);
    if (refused) return refuse(entry, refused);
    const scripted = state.scripts.next(match.route.pathFor(match.id));
    if (!scripted) return engineAnswer(req, target, match, entry);
    entry.step = { index: scripted.index, of: scripted.of };
    return playStep(scripted.step, res, entry.requestId, closing);
  }

  /** The mock failed on a request: 500 saying why, journaled and logged. */
  function failed(error: unknown, req: IncomingMessage, res: ServerResponse, entry: JournalEntry): void {
    const message = error instanceof Error ? error.message : String(error);
    entry.verdict = 'error';
    entry.reason = message;
    entry.status = 500;
    log(`[sms-command-mock] ${req.method} ${entry.path} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    send(res, refusal(500, `the mock failed: ${message}`, entry.requestId));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = parseTarget(req.url ?? '/');
    const { path } = target;
    const requestId = randomBytes(16).toString('hex');
    res.setHeader('X-Request-Id', requestId);
    const misdirected = hostProblem(req.headers.host, bound);
    if (misdirected) return send(res, refusal(403, misdirected, requestId));
    if (isControlPath(path)) return controlCors(req, res, controlOrigins) ? undefined : options.control(req, res, path);
    if (apiCors(req, res)) return;
    const entry: JournalEntry = { seq: ++seq, time: new Date().toISOString(), method: req.method ?? '', path, auth: credentialsOf(req.headers), verdict: 'answered', violations: [], requestId };
    try {
      const answer = await answerApi(req, res, target, entry);
      if (answer === 'fault') {
        entry.verdict = 'fault';
      } else {
        entry.status = answer.status;
        send(res, answer);
      }
    } catch (error) {
      failed(error, req, res, entry);
    }
    state.journal.add(entry);
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`[sms-command-mock] ${String(error)}`);
      res.destroy();
    });
  };
}
