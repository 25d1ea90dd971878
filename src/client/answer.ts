// What an answer means: a 2xx's JSON, or the SmsApiError that describes a 4xx or 5xx (its body
// redacted, its Retry-After read). Both routes (route.ts) and sms-command-verify read it here.
import { SmsApiError, type SmsErrorDetail } from '../errors/api-error.js';
import { badResponse } from '../errors/sms-error.js';
import type { RequestContext } from './context.js';
import { MAX_JSON_DEPTH, type Redactor, redactJson } from './redact.js';
import { retryAfterSeconds } from './retry-after.js';
import type { BoundedAnswer } from './transport.js';

/**
 * A body's JSON, or why it is not JSON with the start of the body to show: redacted before it is
 * cut, so an excerpt never ends inside a secret it could have named.
 */
export function parseBody(text: string, redact: Redactor): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const start = redact(text.slice(0, 200)).slice(0, 60).replace(/\s+/g, ' ');
    return { problem: `not valid JSON (${redact((error as Error).message)}); it starts: ${JSON.stringify(start)}` };
  }
}

/** What a report's 2xx answer gives: reportCommandResult resolves to it, in v1 and v3. */
export interface ReportAnswer {
  /** The 2xx status (200 in both versions' pages). */
  status: number;
  /** The answer's `X-Request-Id`, redacted, to log beside the report; undefined when it sent none. */
  requestId: string | undefined;
  /**
   * The answer's body: v3 documents a JSON string, whose value this is (its content is not documented,
   * so do not rely on it); a body that is not a JSON string as its text; undefined when empty. v1
   * documents no body. Redacted, as an error's body is.
   */
  body: string | undefined;
}

/** A report's 2xx answer, whatever its body; the SmsApiError that describes any other status. */
export function accepted(ctx: RequestContext, answer: BoundedAnswer): ReportAnswer {
  if (answer.status < 200 || answer.status > 299) throw apiError(ctx, answer);
  const requestId = answer.headers.get('x-request-id');
  return { status: answer.status, requestId: requestId ? ctx.redact(requestId) : undefined, body: textOf(ctx, answer) };
}

function textOf(ctx: RequestContext, { text }: BoundedAnswer): string | undefined {
  if (!text) return undefined;
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: the text as sent.
  }
  return ctx.redact(typeof value === 'string' ? value : text);
}

/** The parsed JSON of a 2xx answer, or the SmsError that describes the answer. */
export function interpret(ctx: RequestContext, answer: BoundedAnswer): unknown {
  const { status, text } = answer;
  if (status < 200 || status > 299) throw apiError(ctx, answer);
  if (text === undefined) throw badResponse(`HTTP ${status}: ${answer.problem}`);
  if (!text.trim()) throw badResponse(`HTTP ${status} with an empty body; expected a JSON object`);
  const parsed = parseBody(text, ctx.redact);
  if ('problem' in parsed) throw badResponse(`HTTP ${status} body is ${parsed.problem}`);
  return parsed.value;
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

function apiError(ctx: RequestContext, answer: BoundedAnswer): SmsApiError {
  const { body, note } = errorBody(ctx, answer.text);
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const requestId = answer.headers.get('x-request-id') ?? str(fields.request_id);
  return new SmsApiError({
    status: answer.status,
    errorCode: str(fields.error_code),
    errorMsg: str(fields.error_msg),
    requestId: requestId ? ctx.redact(requestId) : undefined,
    encodedAuthorizationMessage: str(fields.encoded_authorization_message),
    errorParam: Array.isArray(fields.error_param)
      ? fields.error_param.filter((p): p is string => typeof p === 'string')
      : undefined,
    details: Array.isArray(fields.details)
      ? (fields.details.filter((d) => d && typeof d === 'object' && !Array.isArray(d)) as SmsErrorDetail[])
      : undefined,
    body,
    retryAfter: retryAfterSeconds(answer.headers.get('retry-after')),
    note: answer.problem ?? note,
  });
}
