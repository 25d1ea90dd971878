// An API request answered, steps 2-8 of the pipeline (pipeline.ts says the order and why): the route
// and method, the body read bounded, the credentials and the id, the service's checks of a report,
// then a script step, Prefer, SMS.2009 or Prism's answer; the journal entry filled in on the way.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { RequestTarget, TargetProblem } from '../../canonical.js';
import type { MockState } from '../admin/service.js';
import { type MockAnswer, refusal, serviceError, unauthorized } from './answers.js';
import type { Verifier } from '../auth/verifier.js';
import { describeViolation } from '../../contract/violations.js';
import { type Match, type Route, withRequestId } from '../engine/contract.js';
import type { Engine } from '../engine/prism.js';
import type { JournalEntry, NewEntry } from '../journal/entry.js';
import { preferOf } from '../service/prefer.js';
import { lingerAfterAnswer, readBounded } from './request-body.js';
import { checkReportBody, remember, reportMismatch, SMS_2009 } from '../service/report.js';
import { type Played, playStep } from '../scripts/play.js';
import type { Forward } from '../record/proxy.js';

/** The largest body the mock reads for an operation whose spec states no x-max-body-bytes. */
export const UNSTATED_BODY_LIMIT = 1024 * 1024;

/** What answering an API request needs of the mock (PipelineOptions, and the routes it serves in words). */
export interface ApiContext {
  state: MockState;
  verify: Verifier;
  engine: Engine;
  errors: boolean;
  closing: AbortSignal;
  reportCheck: boolean;
  forward?: Forward | undefined;
  /** "this mock serves GET …, POST …", for a 404. */
  served: string;
}

/**
 * Marks a journal entry refused, with the answer's reason (its code first when it is the service's
 * own, such as SMS.2004) and, after it, the rule that refused it where the answer's words do not say
 * (`detail`), and returns the answer.
 */
export function refuse(entry: JournalEntry, answer: MockAnswer, detail?: string): MockAnswer {
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

/** An API request's answer (or fault), the journal entry filled in on the way. */
export async function answerApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget | TargetProblem,
  entry: NewEntry,
): Promise<Played> {
  const { state } = ctx;
  const { requestId } = entry;
  if ('problem' in target)
    return refuse(entry, refusal(400, `the path is refused before routing: ${target.problem}`, requestId));
  const match = state.contract.match(target, req.method);
  if (!match) return refuse(entry, refusal(404, `no API at ${target.path}: ${ctx.served}`, requestId));
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
  // A GET's body too, when one comes: the gateway hashes whatever body arrives into the signature.
  const bytes = route.takesBody || carriesBody(req) ? await readBody(req, res, route, entry) : undefined;
  if (bytes && 'status' in bytes) return bytes;
  const refused = gate(ctx, req, target, match, bytes, entry);
  if (refused) return refused;
  let body: unknown;
  if (bytes && route.takesBody) {
    const checked = checkReportBody(req, route, bytes, entry);
    if ('refused' in checked) return refuse(entry, checked.refused);
    body = checked.parsed;
  }
  if (ctx.forward)
    return ctx.forward({ route, id, target, headers: req.headers, ...(bytes ? { body: bytes } : {}), entry });
  const scriptPath = route.pathFor(id);
  const scripted = req.method === 'HEAD' ? state.scripts.peek(scriptPath) : state.scripts.next(scriptPath);
  let answer: Played;
  if (scripted) {
    entry.step = { index: scripted.index, of: scripted.of };
    answer = await playStep(scripted.step, res, requestId, ctx.closing);
  } else {
    answer = await engineAnswer(ctx, req, target, match, body, entry);
  }
  if (answer !== 'fault') remember(state, req.method, match, body, answer);
  return answer;
}

/** A request's body, read bounded at its operation's x-max-body-bytes; past it, the refusal (SMS.2004) to send. */
async function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  route: Route,
  entry: JournalEntry,
): Promise<Buffer | MockAnswer> {
  const limit = route.maxBodyBytes ?? UNSTATED_BODY_LIMIT;
  const bytes = await readBounded(req, limit);
  if (bytes !== undefined) return bytes;
  lingerAfterAnswer(req, res);
  return refuse(
    entry,
    serviceError(
      401,
      'SMS.2004',
      route.maxBodyBytes === undefined
        ? `the request body is over ${limit} bytes, the most the mock reads for ${route.method} ${route.template} (UNSTATED_BODY_LIMIT)`
        : `the request body is over ${limit} bytes, the most ${route.method} ${route.template} takes (x-max-body-bytes): send a smaller result_detail`,
      entry.requestId,
    ),
  );
}

/** The credentials (over the body as received), then the id against the contract: the refusal of the first that fails. */
function gate(
  { verify }: ApiContext,
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

const TO_ENGINE_ALWAYS_DROPPED = new Set(['accept']);
/** A GET's body (read for its signature) is not the operation's: its framing headers go too. */
const TO_ENGINE_BODILESS_DROPPED = new Set([
  ...TO_ENGINE_ALWAYS_DROPPED,
  'content-length',
  'transfer-encoding',
  'content-type',
]);

/**
 * The request's headers without `dropped`, copied into a new object rather than deleted from a
 * copy: a delete turns the object into a slow dictionary that Prism then reads on every request
 * (bench: "mock requests/s" rows).
 */
function forEngine(headers: IncomingHttpHeaders, dropped: ReadonlySet<string>): IncomingHttpHeaders {
  const kept: IncomingHttpHeaders = {};
  for (const name of Object.keys(headers)) if (!dropped.has(name)) kept[name] = headers[name];
  return kept;
}

/** An unscripted answer: what Prefer chooses, the gateway's body for a gateway status, SMS.2009 for a report of another command, else Prism's. */
async function engineAnswer(
  { state, engine, errors, reportCheck }: ApiContext,
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
  const headers = forEngine(req.headers, route.takesBody ? TO_ENGINE_ALWAYS_DROPPED : TO_ENGINE_BODILESS_DROPPED);
  const answer = await engine.answer({ method: route.method, path: target.path, headers, body }, choice);
  if (errors && answer.outputViolations.length)
    return refuse(
      entry,
      refusal(500, `the answer Prism chose violates the spec: ${answer.outputViolations.join('; ')}`, requestId),
    );
  const { 'X-Request-Id': _id, 'Content-type': type, ...extra } = answer.headers;
  return { status: answer.status, headers: extra, body: answer.body, json: /json/i.test(type ?? '') };
}
