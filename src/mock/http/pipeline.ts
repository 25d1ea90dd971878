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
import { parseTarget } from '../../canonical.js';
import type { MockState } from '../admin/service.js';
import { refusal, send } from './answers.js';
import { redactJson } from '../../client/redact.js';
import { credentialsOf, type Verifier } from '../auth/verifier.js';
import { isControlPath } from '../admin/http-door.js';
import type { Engine } from '../engine/prism.js';
import { type Bound, hostProblem, malformedHost } from './hosts.js';
import type { JournalEntry, NewEntry } from '../journal/entry.js';
import { ClientGone } from './request-body.js';
import { printableLines } from '../../text.js';
import { apiDoor, controlDoor, cors, foreignPage } from './cors.js';
import type { Forward } from '../record/proxy.js';
import { answerApi, type ApiContext, refuse } from './api-answer.js';

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

/** The request handler for the mock's HTTP server. */
export function createPipeline(options: PipelineOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { state, verify, bound, log } = options;
  const doors = { api: apiDoor(options.apiOrigins), control: controlDoor(options.controlOrigins) };
  const ctx: ApiContext = {
    ...options,
    served: `this mock serves ${state.contract.routes.map((r) => `${r.method} ${r.template}`).join(', ')}`,
  };
  let seq = 0;

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
        : await answerApi(ctx, req, res, target, entry);
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
      } else failed(log, error, req, res, entry);
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

/** The mock failed on a request: 500 saying why, journaled and logged. */
function failed(
  log: (line: string) => void,
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse,
  entry: JournalEntry,
): void {
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
