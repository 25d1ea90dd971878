// What a thrown value means for a call (TIMEOUT, ABORTED, NETWORK), as an SmsError with no secret in it.
import { SmsError, type SmsErrorCause } from '../errors/sms-error.js';
import type { RequestContext } from './context.js';
import { ClientTimeout } from './deadline.js';

const describeReason = (reason: unknown) =>
  reason instanceof Error || reason instanceof DOMException ? `${reason.name}: ${reason.message}` : String(reason);

/** TIMEOUT when our deadline fired, ABORTED when the caller's signal did, else NETWORK. */
export function failure(error: unknown, ctx: RequestContext, controller: AbortController): SmsError {
  if (error instanceof SmsError) return error;
  if (controller.signal.aborted) {
    const reason: unknown = controller.signal.reason;
    if (reason instanceof ClientTimeout)
      return new SmsError('TIMEOUT', `no answer within ${ctx.timeoutMs} ms (the client's timeoutMs)`);
    return new SmsError(
      'ABORTED',
      `the call was aborted by the caller's signal (${ctx.redact(describeReason(reason)).slice(0, 200)})`,
    );
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

const causeText = (cause: SmsErrorCause) => `${cause.message}${cause.code ? ` (${cause.code})` : ''}`;

/** A thrown value in a few words, redacted, with its cause's code: for NETWORK and a body cut off. */
export const describeCause = (error: unknown, ctx: RequestContext) => causeText(causeOf(error, ctx));

/** Any other failure (refused, reset, DNS, TLS, a throwing fetch or middleware): NETWORK, redacted. */
export function asSmsError(error: unknown, ctx: RequestContext): SmsError {
  if (error instanceof SmsError) return error;
  const cause = causeOf(error, ctx);
  if (cause.name === 'AbortError' || cause.name === 'TimeoutError')
    return new SmsError('ABORTED', `the request was aborted by the fetch it was sent with (${cause.message})`);
  return new SmsError('NETWORK', `the request failed: ${causeText(cause)}`, { cause });
}
