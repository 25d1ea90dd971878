// The recording mock's answer to an API request that passed the mock's own checks (its credentials
// included): the same request signed afresh for the upstream with the upstream's credentials and
// sent through the client's one request path (`exchange`: the deadline, redirects never followed,
// the body read bounded, failures mapped and redacted). The upstream's answer goes back to the Agent
// as it came (status, body, Retry-After, X-Request-Id, Content-Type) and into the recording; an
// upstream that fails is a 502 or 504 with the mock's code, recorded with a note.
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestTarget } from '../../canonical.js';
import { createAuthenticator, type SmsAuth } from '../../client/auth.js';
import type { RequestContext } from '../../client/context.js';
import { createRedactor } from '../../client/redact.js';
import { exchange } from '../../client/transport.js';
import type { OperationContract } from '../../contract/validator.js';
import { isSmsError } from '../../errors/guards.js';
import { type MockAnswer, refusal } from '../http/answers.js';
import type { Route } from '../engine/contract.js';
import type { JournalEntry } from '../journal/entry.js';
import { keptHeaders, stepOf } from './step.js';
import type { RecordingWriter } from './writer.js';

/** An API request the pipeline hands on: its route and id, its body's bytes, its headers. */
export interface ForwardedRequest {
  route: Route;
  id: string;
  target: RequestTarget;
  headers: IncomingHttpHeaders;
  body?: Buffer;
  entry: JournalEntry;
}

export type Forward = (request: ForwardedRequest) => Promise<MockAnswer>;

/** The most bytes of one upstream answer read: a recording may not be larger (SCENARIO_MAX_BYTES). */
export const RECORD_MAX_ANSWER_BYTES = 4 * 1024 * 1024;
/** How long the upstream has to answer a forwarded request, from sending to the body's last byte. */
export const RECORD_TIMEOUT_MS = 30_000;

export interface ForwarderOptions {
  base: string;
  auth: SmsAuth;
  timeoutMs: number;
  writer: RecordingWriter;
  operation: (route: Route) => OperationContract | undefined;
  closing: AbortSignal;
  log: (line: string) => void;
}

/** The client's request context for the upstream: its credentials, the recording's limits, a redactor of its secrets. */
function upstreamContext(base: string, auth: SmsAuth, timeoutMs: number): RequestContext {
  const authenticator = createAuthenticator(auth)!;
  return {
    baseUrl: base,
    origin: new URL(base).origin,
    headers: {},
    authedHeaders: { ...authenticator.fixed },
    init: {},
    fetch: undefined,
    auth: authenticator,
    timeoutMs,
    maxBodyBytes: RECORD_MAX_ANSWER_BYTES,
    redact: createRedactor(authenticator.secrets),
  };
}

/** The mock's answer for an upstream that did not answer usably: 504 for its deadline, 502 for the rest. */
function upstreamFailed(
  code: string,
  said: string,
  origin: string,
  requestId: string,
): { answer: MockAnswer; note: string } {
  const status = code === 'TIMEOUT' ? 504 : 502;
  const note = `the upstream ${origin} failed (${code}): ${said}`;
  return { answer: refusal(status, `${note}; the recording mock answers ${status}`, requestId), note };
}

export function createForwarder(options: ForwarderOptions): Forward {
  const { base, writer, log } = options;
  const ctx = upstreamContext(base, options.auth, options.timeoutMs);
  return async ({ route, id, target, headers, body, entry }) => {
    // A full recording forwards nothing more: the upstream would see what the recording cannot hold.
    if (writer.full) return refusal(503, `the recording mock stopped forwarding: ${writer.full}`, entry.requestId);
    const url = `${base}${target.path}${target.search}`;
    const type = headers['content-type'];
    // Only what the service reads goes upstream: the body's type; the Agent's credentials never do.
    const sent = body === undefined || type === undefined ? ctx.headers : { 'Content-Type': type };
    let answer: MockAnswer;
    let failed: { answer: MockAnswer; note: string } | undefined;
    let kept: Record<string, string> = {};
    try {
      const got = await exchange(ctx, route.method, url, sent, options.closing, body?.toString('utf8'));
      kept = keptHeaders(got.headers);
      if (got.text === undefined)
        failed = upstreamFailed('BAD_RESPONSE', `HTTP ${got.status}: ${got.problem}`, ctx.origin, entry.requestId);
      answer = { status: got.status, headers: kept, body: got.text };
    } catch (error) {
      const code = isSmsError(error) ? error.code : 'NETWORK';
      failed = upstreamFailed(
        code,
        isSmsError(error) ? error.message : ctx.redact(String(error)),
        ctx.origin,
        entry.requestId,
      );
    }
    if (failed) {
      entry.reason = failed.note;
      // The headers the Agent gets with the mock's own answer, recorded as it got them.
      kept = { 'X-Request-Id': entry.requestId, 'Content-Type': 'application/json' };
      answer = { ...failed.answer, headers: kept };
    }
    answer = answer!;
    const text = failed ? JSON.stringify(answer.body) : (answer.body as string);
    const step = stepOf(route, options.operation(route), answer.status, kept, text, failed?.note);
    const written = writer.add(route, id, step);
    if (!written.written) {
      entry.reason = entry.reason ? `${entry.reason}; not recorded` : 'not recorded';
      log(`[sms-command-mock] recording: ${route.method} ${target.path}: ${written.why}`);
    }
    return answer;
  };
}
