// The one request path. Both routes of route.ts (the fast one that calls fetch itself, and the one
// through openapi-fetch when the caller has middleware) send through `exchange`: auth for the
// client's origin only, the deadline, redirects refused, the body bounded, failures mapped. What the
// answer means is answer.ts's.
import { SmsRedirectError } from '../errors/redirect-error.js';
import { invalid } from '../errors/sms-error.js';
import { readBounded } from './bounded-body.js';
import type { RequestContext } from './context.js';
import { unwatch, watch } from './deadline.js';
import { describeCause, failure } from './failure.js';

/** An answer whose body was read within the limits. */
export interface BoundedAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  /** The body; undefined when it could not be read within the limits (see `problem`). */
  text: string | undefined;
  problem?: string;
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
 * Sends one request and reads its answer: credentials added for this origin only, a 3xx never
 * followed (its body never read), the answer's body bounded, every failure an SmsError with no
 * secret. A `requestBody` (a report's JSON) is sent as given and covered by an AK/SK signature.
 */
export async function exchange(
  ctx: RequestContext,
  method: string,
  url: string,
  headers: Record<string, string> | Headers,
  signal: AbortSignal | null | undefined,
  requestBody?: string,
): Promise<BoundedAnswer> {
  const controller = new AbortController();
  // The listener is made only when there is a signal to listen to (bench row "showCommand CPU/call").
  const onAbort = signal ? () => controller.abort(signal.reason) : undefined;
  if (onAbort) {
    if (signal!.aborted) onAbort();
    else signal!.addEventListener('abort', onAbort, { once: true });
  }
  watch(controller, ctx.timeoutMs);
  let response: Response;
  try {
    if (controller.signal.aborted) throw controller.signal.reason;
    const init: RequestInit = {
      ...ctx.init,
      method,
      headers: withAuth(ctx, method, url, headers, requestBody),
      signal: controller.signal,
      redirect: 'manual',
    };
    if (requestBody !== undefined) init.body = requestBody;
    response = await (ctx.fetch ? ctx.fetch(new Request(url, init)) : fetch(url, init));
    const { status } = response;
    if (response.type === 'opaqueredirect' || (status >= 300 && status < 400) || response.redirected) {
      controller.abort();
      await response.body?.cancel().catch(() => {});
      const target = response.redirected ? response.url : response.headers.get('location');
      throw new SmsRedirectError(status, originOf(target, url), ctx.origin, ctx.redact);
    }
    let body: string | { problem: string };
    try {
      body = await readBounded(response, ctx.maxBodyBytes, controller);
    } catch (error) {
      if (controller.signal.aborted) throw error;
      body = { problem: `its body was cut off or garbled (${describeCause(error, ctx)})` };
    }
    const { statusText, headers: answerHeaders } = response;
    return typeof body === 'string'
      ? { status, statusText, headers: answerHeaders, text: body }
      : { status, statusText, headers: answerHeaders, text: undefined, problem: body.problem };
  } catch (error) {
    throw failure(error, ctx, controller);
  } finally {
    unwatch(controller);
    if (onAbort) signal!.removeEventListener('abort', onAbort);
  }
}

const headerOf = (headers: Record<string, string>, name: string) =>
  Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];

/** The request's headers with its credentials, which go to the client's own origin and nowhere else. */
function withAuth(
  ctx: RequestContext,
  method: string,
  url: string,
  headers: Record<string, string> | Headers,
  body: string | undefined,
): Record<string, string> | Headers {
  if (!ctx.auth) return headers;
  if (headers === ctx.headers)
    return ctx.auth.fixed ? ctx.authedHeaders : { ...headers, ...ctx.auth.headersFor(method, url) };
  const target = originOf(url, ctx.baseUrl);
  if (target !== ctx.origin)
    throw invalid(
      `the request was pointed at ${target ?? 'an invalid URL'} (by middleware?); credentials are sent to ${ctx.origin} only`,
    );
  const contentType =
    body === undefined
      ? undefined
      : ((headers instanceof Headers ? headers.get('content-type') : headerOf(headers, 'content-type')) ?? undefined);
  const auth = ctx.auth.headersFor(method, url, body, contentType);
  if (!(headers instanceof Headers)) return { ...headers, ...auth };
  for (const [name, value] of Object.entries(auth)) headers.set(name, value);
  return headers;
}
