// The one request path. Both of showCommand's routes (the fast one that calls fetch itself, and the
// one through openapi-fetch when the caller has middleware) send through `exchange` and read the
// answer with `interpret`: auth, timeout, redirects, the body limit and every error mapping live here.
import { SmsApiError, SmsError, type SmsErrorCause, SmsRedirectError, type SmsErrorDetail } from '../errors.js';
import type { Authenticator } from './auth.js';
import { badResponse } from './read-command.js';
import { MAX_JSON_DEPTH, type Redactor, redactJson } from './redact.js';

export type FetchFunction = (request: Request) => Promise<Response>;

/** Everything a request needs, fixed when the client is made. */
export interface RequestContext {
  /** Without a trailing slash. */
  baseUrl: string;
  origin: string;
  /** The client's own headers. */
  headers: Record<string, string>;
  /** `headers` with a token's `X-Auth-Token` added once (a token never changes); else `headers`. */
  authedHeaders: Record<string, string>;
  /** Other RequestInit fields given with the options (credentials, mode, ...). */
  init: RequestInit;
  /** The caller's fetch; without one, `globalThis.fetch` as it is at the time of each call. */
  fetch: FetchFunction | undefined;
  /** Undefined sends no credentials. */
  auth: Authenticator | undefined;
  timeoutMs: number;
  maxBodyBytes: number;
  redact: Redactor;
}

/** An answer whose body was read within the limits. */
export interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  /** The body; undefined when it could not be read within the limits (see `problem`). */
  text: string | undefined;
  problem?: string;
}

/** The reason our own deadline aborts with, told apart from whatever the caller's signal carries. */
class ClientTimeout extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * Deadlines, swept by one shared interval rather than a timer per request: setTimeout and
 * clearTimeout per call were a measurable share of the client's CPU (bench row "showCommand CPU/call").
 * A request times out at most SWEEP_MS after its deadline.
 */
const SWEEP_MS = 25;
const deadlines = new Map<AbortController, [deadline: number, timeoutMs: number]>();
let sweeper: ReturnType<typeof setInterval> | undefined;

function sweep() {
  const now = Date.now();
  for (const [controller, [deadline, timeoutMs]] of deadlines) {
    if (deadline > now) continue;
    deadlines.delete(controller);
    controller.abort(new ClientTimeout(`no answer within ${timeoutMs} ms`));
  }
  if (!deadlines.size) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
}

function watch(controller: AbortController, timeoutMs: number) {
  deadlines.set(controller, [Date.now() + timeoutMs, timeoutMs]);
  if (!sweeper) {
    sweeper = setInterval(sweep, SWEEP_MS);
    (sweeper as { unref?: () => void }).unref?.();
  }
}

const describeReason = (reason: unknown) => (reason instanceof Error || reason instanceof DOMException ? `${reason.name}: ${reason.message}` : String(reason));

/** TIMEOUT when our deadline fired, ABORTED when the caller's signal did, else NETWORK. */
function failure(error: unknown, ctx: RequestContext, controller: AbortController): SmsError {
  if (error instanceof SmsError) return error;
  if (controller.signal.aborted) {
    const reason: unknown = controller.signal.reason;
    if (reason instanceof ClientTimeout) return new SmsError('TIMEOUT', `no answer within ${ctx.timeoutMs} ms (the client's timeoutMs)`);
    return new SmsError('ABORTED', `the call was aborted by the caller's signal (${ctx.redact(describeReason(reason)).slice(0, 200)})`);
  }
  return asSmsError(error, ctx);
}

/** What a thrown value says, redacted: its name, message and its cause's code (undici's `UND_ERR_SOCKET`, ...). */
function causeOf(error: unknown, ctx: RequestContext): SmsErrorCause {
  const name = error instanceof Error || error instanceof DOMException ? error.name : typeof error;
  const message = ctx.redact(error instanceof Error ? error.message : String(error));
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return { name, message, ...(typeof code === 'string' ? { code } : {}) };
}

const describeCause = (cause: SmsErrorCause) => `${cause.message}${cause.code ? ` (${cause.code})` : ''}`;

/** Any other failure (refused, reset, DNS, TLS, a throwing fetch or middleware): NETWORK, redacted. */
export function asSmsError(error: unknown, ctx: RequestContext): SmsError {
  if (error instanceof SmsError) return error;
  const cause = causeOf(error, ctx);
  if (cause.name === 'AbortError' || cause.name === 'TimeoutError') return new SmsError('ABORTED', `the request was aborted by the fetch it was sent with (${cause.message})`);
  return new SmsError('NETWORK', `the request failed: ${describeCause(cause)}`, { cause });
}

function originOf(location: string | null, base: string): string | undefined {
  if (location === null) return undefined;
  try {
    return new URL(location, base).origin;
  } catch {
    return undefined;
  }
}

/**
 * Reads the body as text, at most `limit` bytes after decompression. Over the limit, or cut off or
 * garbled on the way, it stops, closes the connection and returns what went wrong instead.
 */
async function readBody(response: Response, limit: number, controller: AbortController): Promise<string | { problem: string }> {
  const body = response.body;
  if (!body) return '';
  const declared = response.headers.get('content-length');
  if (declared !== null && !response.headers.has('content-encoding')) {
    if (Number(declared) > limit) {
      controller.abort();
      return { problem: `its body of ${declared} bytes is over the ${limit}-byte limit (maxBodyBytes) and was not read` };
    }
    // The HTTP parser reads no more than the declared length: one text() is safe and is the
    // cheapest read (bench row "showCommand CPU/call").
    return response.text();
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > limit) {
      controller.abort();
      await reader.cancel().catch(() => {});
      return { problem: `its body is over the ${limit}-byte limit (maxBodyBytes); reading stopped there` };
    }
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * Sends one request and reads its answer: credentials added for this origin only, a 3xx never
 * followed (its body never read), the body bounded, every failure an SmsError with no secret.
 */
export async function exchange(ctx: RequestContext, method: string, url: string, headers: Record<string, string> | Headers, signal: AbortSignal | null | undefined): Promise<Answer> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal!.reason);
  if (signal) {
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  watch(controller, ctx.timeoutMs);
  let response: Response;
  try {
    if (controller.signal.aborted) throw controller.signal.reason;
    const init: RequestInit = { ...ctx.init, method, headers: withAuth(ctx, method, url, headers), signal: controller.signal, redirect: 'manual' };
    response = await (ctx.fetch ? ctx.fetch(new Request(url, init)) : fetch(url, init));
    const { status } = response;
    if (response.type === 'opaqueredirect' || (status >= 300 && status < 400) || response.redirected) {
      controller.abort();
      await response.body?.cancel().catch(() => {});
      const target = response.redirected ? response.url : response.headers.get('location');
      throw new SmsRedirectError(status, originOf(target, url), ctx.origin);
    }
    let body: string | { problem: string };
    try {
      body = await readBody(response, ctx.maxBodyBytes, controller);
    } catch (error) {
      if (controller.signal.aborted) throw error;
      body = { problem: `its body was cut off or garbled (${describeCause(causeOf(error, ctx))})` };
    }
    const common = { status, statusText: response.statusText, headers: response.headers };
    return typeof body === 'string' ? { ...common, text: body } : { ...common, text: undefined, problem: body.problem };
  } catch (error) {
    throw failure(error, ctx, controller);
  } finally {
    deadlines.delete(controller);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The request's headers with its credentials, which go to the client's own origin and nowhere else. */
function withAuth(ctx: RequestContext, method: string, url: string, headers: Record<string, string> | Headers): Record<string, string> | Headers {
  if (!ctx.auth) return headers;
  if (headers === ctx.headers) return ctx.auth.fixed ? ctx.authedHeaders : { ...headers, ...ctx.auth.headersFor(method, url) };
  const target = originOf(url, ctx.baseUrl);
  if (target !== ctx.origin) throw new SmsError('INVALID_INPUT', `the request was pointed at ${target ?? 'an invalid URL'} (by middleware?); credentials are sent to ${ctx.origin} only`);
  const auth = ctx.auth.headersFor(method, url);
  if (!(headers instanceof Headers)) return { ...headers, ...auth };
  for (const [name, value] of Object.entries(auth)) headers.set(name, value);
  return headers;
}

/** The parsed JSON of a 2xx answer, or the SmsError that describes the answer. */
export function interpret(ctx: RequestContext, answer: Answer): unknown {
  const { status, text } = answer;
  if (status < 200 || status > 299) throw apiError(ctx, answer);
  if (text === undefined) throw badResponse(`HTTP ${status}: ${answer.problem}`);
  if (!text.trim()) throw badResponse(`HTTP ${status} with an empty body; expected a JSON object`);
  try {
    return JSON.parse(text);
  } catch (error) {
    // Redacted before it is cut, so an excerpt never ends inside a secret it could have named.
    const start = ctx.redact(text.slice(0, 200)).slice(0, 60).replace(/\s+/g, ' ');
    throw badResponse(`HTTP ${status} body is not valid JSON (${ctx.redact((error as Error).message)}); it starts: ${JSON.stringify(start)}`);
  }
}

/** `Retry-After` in seconds (delay-seconds, or an HTTP date from now); undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The error body, redacted: parsed JSON when it is JSON (as text when it nests too deep). */
function errorBody(ctx: RequestContext, text: string | undefined): { body: unknown; note?: string } {
  if (text === undefined || text === '') return { body: text };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { body: ctx.redact(text) };
  }
  if (redactJson(parsed, ctx.redact)) return { body: parsed };
  return { body: ctx.redact(text), note: `its JSON nests deeper than ${MAX_JSON_DEPTH} levels and is kept as text` };
}

function apiError(ctx: RequestContext, answer: Answer): SmsApiError {
  const { body, note } = errorBody(ctx, answer.text);
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const requestId = answer.headers.get('x-request-id') ?? str(fields.request_id);
  return new SmsApiError({
    status: answer.status,
    errorCode: str(fields.error_code),
    errorMsg: str(fields.error_msg),
    requestId: requestId ? ctx.redact(requestId) : undefined,
    encodedAuthorizationMessage: str(fields.encoded_authorization_message),
    errorParam: Array.isArray(fields.error_param) ? fields.error_param.filter((p): p is string => typeof p === 'string') : undefined,
    details: Array.isArray(fields.details) ? (fields.details.filter((d) => d && typeof d === 'object' && !Array.isArray(d)) as SmsErrorDetail[]) : undefined,
    body,
    retryAfter: retryAfterSeconds(answer.headers.get('retry-after')),
    note: answer.problem ?? note,
  });
}
