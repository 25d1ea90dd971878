// The request pipeline: what the mock does with each request its socket receives, step by step —
// the Host check, the control API (its own door, admin/http-door.ts), CORS, a journal entry; then for the API
// the one parse of the path, the route and the method, a report's body read bounded, the credentials
// and the contract, a script or Prefer or the service's own verdict or Prism; and what it answered,
// in the journal.
//
// The order for an API request, as Huawei's gateway and the service behind it take one:
//   1. Host (400 MOCK.0400 sent twice or malformed; 403 MOCK.0403 not naming the mock): before
//      anything, DNS rebinding. Then a foreign web page (403 MOCK.0403, cors.ts): an Origin the door
//      does not allow, or Sec-Fetch-Site: cross-site; journaled, nothing else done.
//   2. The target, parsed once (400 MOCK.0400): routing, scripts, the journal and the signature all
//      read that one parse.
//   3. Route and method (404 MOCK.0404, 405 MOCK.0405 with Allow): the gateway's routing; no body read.
//   4. A POST's body, read bounded at the operation's x-max-body-bytes (401 SMS.2004 past it, the
//      refusal delivered while the client still sends). Before the credentials only because an AK/SK
//      signature covers the whole body, which the mock does not read past the limit: the gateway
//      reads it whole (to a far larger limit of its own) and the service behind it refuses it, so an
//      oversized body with bad credentials is SMS.2004 here where the service would say APIGW.0301.
//   5. Credentials (401 APIGW.0301; the AK lockout counts), over the body's bytes as received: the
//      gateway authenticates before the service sees the request.
//   6. The id against the contract (400 MOCK.0400).
//   7. The service's checks of the body, in the order it can make them: Content-Type (401 SMS.2005
//      missing, SMS.2006 not JSON), JSON (400 MOCK.0400 with line and column), the requestBody schema
//      (400 MOCK.0400 naming the field and the rule).
//   8. A script step for the path (it wins over everything below, SMS.2009 included: a script is the
//      answer the test wants the service to give); else Prefer; else, for a report, SMS.2009 when
//      its command is not the one last served to that server (reportCheck); else Prism's answer.
// A request refused in 1-7 uses up no script step, and neither does a HEAD (it gets the step a GET would).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseTarget, type RequestTarget, type TargetProblem } from '../../canonical.js';
import type { MockState } from '../admin/service.js';
import { type MockAnswer, refusal, send, serviceError, unauthorized } from './answers.js';
import { redactJson } from '../../client/redact.js';
import { credentialsOf, type Verifier } from '../auth/verifier.js';
import { describeViolation } from '../../errors/script-error.js';
import { type Match, type Route, withRequestId } from '../engine/contract.js';
import { isControlPath } from '../admin/http-door.js';
import type { Engine } from '../engine/prism.js';
import { type Bound, hostProblem, malformedHost } from './hosts.js';
import type { JournalEntry, NewEntry } from '../journal/journal.js';
import { preferOf } from '../service/prefer.js';
import { ClientGone, lingerAfterAnswer, readBounded } from './request-body.js';
import { printableLines } from '../../text.js';
import { apiDoor, controlDoor, cors, foreignPage } from './cors.js';
import { checkReportBody, remember, reportMismatch, SMS_2009 } from '../service/report.js';
import { type Played, playStep } from '../scripts/play.js';
import type { Forward } from '../record/proxy.js';

/** The largest body the mock reads for an operation whose spec states no x-max-body-bytes. */
export const UNSTATED_BODY_LIMIT = 1024 * 1024;

export interface PipelineOptions {
  state: MockState;
  verify: Verifier;
  engine: Engine;
  /** The control API's door, for requests under /__mock. */
  control: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;
  bound: Bound;
  /** Origins whose pages may call the control API (CORS). */
  controlOrigins: ReadonlySet<string>;
  /** Origins besides loopback ones whose pages may call the API paths (CORS). */
  apiOrigins: ReadonlySet<string>;
  /** Answer 500 when Prism's answer violates the spec. */
  errors: boolean;
  log: (line: string) => void;
  /** Aborted when the mock closes: a scripted delay still running stops waiting. */
  closing: AbortSignal;
  /** Refuse a report of another command than the one last served to that server (SMS.2009). */
  reportCheck: boolean;
  /** A recording mock's forwarder (record/): it answers every API request that passed steps 1-7, in place of step 8. */
  forward?: Forward | undefined;
}

/**
 * Marks a journal entry refused, with the answer's reason (its code first when it is the service's
 * own, such as SMS.2004) and, after it, the rule that refused it where the answer's words do not say
 * (`detail`), and returns the answer.
 */
function refuse(entry: JournalEntry, answer: MockAnswer, detail?: string): MockAnswer {
  const { error_code: code, error_msg: message } = answer.body as { error_code: string; error_msg: string };
  entry.verdict = 'refused';
  entry.reason = code.startsWith('SMS.') ? `${code}: ${message}` : message;
  if (detail) entry.reason += ` (rule: ${detail})`;
  return answer;
}

/** Whether a request declares a body (a Content-Length above 0, or a Transfer-Encoding). */
const carriesBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** Whether a route serves a method: its own, and HEAD where it is GET. */
const serves = (route: Route, method: string | undefined) =>
  route.method === method || (route.method === 'GET' && method === 'HEAD');

/** The request handler for the mock's HTTP server. */
export function createPipeline(options: PipelineOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { state, verify, engine, bound, controlOrigins, errors, log, closing, reportCheck } = options;
  const doors = { api: apiDoor(options.apiOrigins), control: controlDoor(controlOrigins) };
  const served = `this mock serves ${state.contract.routes.map((r) => `${r.method} ${r.template}`).join(', ')}`;
  let seq = 0;

  /** The credentials (over the body as received), then the id against the contract: the refusal of the first that fails. */
  function gate(
    req: IncomingMessage,
    target: RequestTarget,
    { route, id }: Match,
    body: Buffer | undefined,
    entry: JournalEntry,
  ): MockAnswer | undefined {
    const verdict = verify({ method: req.method!, target, headers: req.headers, ...(body ? { body } : {}) });
    if (!verdict.ok) {
      if (verdict.signing) entry.signing = verdict.signing; // the journal's, never the answer's
      return refuse(entry, unauthorized(verdict.reason!, entry.requestId), verdict.rule);
    }
    const violations = route.checkId(id);
    if (violations.length === 0) return undefined;
    entry.violations = violations.map(describeViolation);
    return refuse(
      entry,
      refusal(400, `the request breaks the contract: ${entry.violations.join('; ')}`, entry.requestId),
    );
  }

  /** An unscripted answer: what Prefer chooses, the gateway's body for a gateway status, SMS.2009 for a report of another command, else Prism's. */
  async function engineAnswer(
    req: IncomingMessage,
    target: RequestTarget,
    { route, id }: Match,
    body: unknown,
    entry: JournalEntry,
  ): Promise<MockAnswer> {
    const { requestId } = entry;
    const choice = preferOf([req.headers.prefer ?? []].flat().join(', '), route);
    if (typeof choice === 'string') return refuse(entry, refusal(400, choice, requestId));
    if (choice.code !== undefined && !route.statuses.includes(choice.code))
      return { status: choice.code, body: withRequestId(route.defaultBody(choice.code), requestId) };
    if (reportCheck && route.method === 'POST' && choice.code === undefined && choice.exampleKey === undefined) {
      const mismatch = reportMismatch(state.served, route, id, body);
      if (mismatch) {
        const answer = refuse(entry, serviceError(400, 'SMS.2009', SMS_2009, requestId));
        entry.reason += `: ${mismatch}`; // the journal says which command; the answer keeps the service's words
        return answer;
      }
    }
    // The operation has only JSON answers and the service sends them whatever Accept says; Prism
    // would refuse an Agent's `Accept: text/html` with a 406 the real service never sends.
    // A GET's body (read for its signature) is not the operation's: Prism would refuse its headers.
    const { accept: _accept, ...headers } = req.headers;
    if (!route.takesBody)
      for (const name of ['content-length', 'transfer-encoding', 'content-type']) delete headers[name];
    const answer = await engine.answer({ method: route.method, path: target.path, headers, body }, choice);
    if (errors && answer.outputViolations.length)
      return refuse(
        entry,
        refusal(500, `the answer Prism chose violates the spec: ${answer.outputViolations.join('; ')}`, requestId),
      );
    const { 'X-Request-Id': _id, 'Content-type': type, ...extra } = answer.headers;
    return { status: answer.status, headers: extra, body: answer.body, json: /json/i.test(type ?? '') };
  }

  /** An API request's answer (or fault), the journal entry filled in on the way. */
  async function answerApi(
    req: IncomingMessage,
    res: ServerResponse,
    target: RequestTarget | TargetProblem,
    entry: NewEntry,
  ): Promise<Played> {
    const { requestId } = entry;
    if ('problem' in target)
      return refuse(entry, refusal(400, `the path is refused before routing: ${target.problem}`, requestId));
    const match = state.contract.match(target, req.method);
    if (!match) return refuse(entry, refusal(404, `no API at ${target.path}: ${served}`, requestId));
    const { route, id } = match;
    entry.version = route.version;
    entry.id = id;
    if (!serves(route, req.method))
      return refuse(entry, {
        ...refusal(
          405,
          `${req.method} is not allowed on ${route.template}: only ${match.methods.join(' or ')}`,
          requestId,
        ),
        headers: { allow: match.methods.join(', ') },
      });
    let bytes: Buffer | undefined;
    // A GET's body too, when one comes: the gateway hashes whatever body arrives into the signature.
    if (route.takesBody || carriesBody(req)) {
      const limit = route.maxBodyBytes ?? UNSTATED_BODY_LIMIT;
      bytes = await readBounded(req, limit);
      if (bytes === undefined) {
        lingerAfterAnswer(req, res);
        return refuse(
          entry,
          serviceError(
            401,
            'SMS.2004',
            route.maxBodyBytes === undefined
              ? `the request body is over ${limit} bytes, the most the mock reads for ${route.method} ${route.template} (UNSTATED_BODY_LIMIT)`
              : `the request body is over ${limit} bytes, the most ${route.method} ${route.template} takes (x-max-body-bytes): send a smaller result_detail`,
            requestId,
          ),
        );
      }
    }
    const refused = gate(req, target, match, bytes, entry);
    if (refused) return refused;
    let body: unknown;
    if (bytes && route.takesBody) {
      const checked = checkReportBody(req, route, bytes, entry);
      if ('refused' in checked) return refuse(entry, checked.refused);
      body = checked.parsed;
    }
    if (options.forward)
      return options.forward({ route, id, target, headers: req.headers, ...(bytes ? { body: bytes } : {}), entry });
    const scriptPath = route.pathFor(id);
    const scripted = req.method === 'HEAD' ? state.scripts.peek(scriptPath) : state.scripts.next(scriptPath);
    let answer: Played;
    if (scripted) {
      entry.step = { index: scripted.index, of: scripted.of };
      answer = await playStep(scripted.step, res, requestId, closing);
    } else {
      answer = await engineAnswer(req, target, match, body, entry);
    }
    if (answer !== 'fault') remember(state, req.method, match, body, answer);
    return answer;
  }

  /** The mock failed on a request: 500 saying why, journaled and logged. */
  function failed(error: unknown, req: IncomingMessage, res: ServerResponse, entry: JournalEntry): void {
    const message = error instanceof Error ? error.message : String(error);
    entry.verdict = 'error';
    entry.reason = message;
    entry.status = 500;
    // printable: the message can carry the request's own bytes (Prism quotes a Content-Type it cannot parse).
    log(
      printableLines(
        `[sms-command-mock] ${req.method} ${entry.path} failed: ${error instanceof Error ? (error.stack ?? message) : message}`,
      ),
    );
    send(res, refusal(500, `the mock failed: ${message}`, entry.requestId));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = parseTarget(req.url ?? '/');
    const { path } = target;
    const requestId = randomBytes(16).toString('hex');
    res.setHeader('X-Request-Id', requestId);
    const malformed = malformedHost(req.headersDistinct.host);
    if (malformed) return send(res, refusal(400, malformed, requestId));
    const misdirected = hostProblem(req.headers.host, bound);
    if (misdirected) return send(res, refusal(403, misdirected, requestId));
    if (isControlPath(path)) {
      const foreign = foreignPage(req, doors.control); // before a wait takes one of the places
      if (foreign) return send(res, refusal(403, foreign, requestId));
      return cors(req, res, doors.control) ? undefined : options.control(req, res, path);
    }
    if (cors(req, res, doors.api)) return;
    const entry: NewEntry = {
      seq: ++seq,
      time: new Date().toISOString(),
      method: req.method ?? '',
      path,
      auth: credentialsOf(req.headers),
      verdict: 'answered',
      violations: [],
      requestId,
    };
    try {
      // A foreign page changes nothing: refused before the body, the credentials (the AK lockout), a step or a report.
      const foreign = foreignPage(req, doors.api);
      const answer = foreign
        ? refuse(entry, refusal(403, foreign, requestId))
        : await answerApi(req, res, target, entry);
      if (answer === 'fault') {
        entry.verdict = 'fault';
      } else {
        entry.status = answer.status;
        send(res, answer);
      }
    } catch (error) {
      if (error instanceof ClientGone) {
        entry.verdict = 'aborted'; // the client's doing, not the mock's: no 500, no stack on stderr
        entry.reason = error.message;
      } else failed(error, req, res, entry);
    }
    redactJson(entry, verify.redactorFor(req.headers)); // every field, by value: no SK or token kept
    state.journal.add(entry);
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(printableLines(`[sms-command-mock] ${String(error)}`));
      res.destroy();
    });
  };
}
