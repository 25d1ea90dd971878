// The one place a call of showCommand or reportCommandResult picks its route and sends: direct (the
// URL built here, exchange called with the client's own headers) while the client has no middleware
// and no option only openapi-fetch knows; else through openapi-fetch, whose fetch is exchange too
// (factory.ts). Either way the caller gets one BoundedAnswer; what it means is answer.ts's.
import type { Client } from 'openapi-fetch';
import type { ClientState } from './factory.js';
import { asSmsError } from './failure.js';
import { type BoundedAnswer, exchange } from './transport.js';

/** One operation of a version: its path template and the template split around its one parameter. */
export interface Operation {
  method: 'GET' | 'POST';
  /** The path template as the spec writes it, such as `/v3/sources/{server_id}/command`. */
  path: string;
  /** The path parameter, such as `server_id`. */
  idParam: string;
  prefix: string;
  suffix: string;
}

/** An operation of a version, its template split once (when the version module loads). */
export function operation(method: Operation['method'], facts: { path: string; idParam: string }): Operation {
  const marker = `{${facts.idParam}}`;
  const at = facts.path.indexOf(marker);
  if (at < 0) throw new Error(`${facts.path} has no ${marker}`);
  const { path, idParam } = facts;
  return { method, path, idParam, prefix: path.slice(0, at), suffix: path.slice(at + marker.length) };
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** One call: the operation, the id, the caller's signal, and the JSON to send as it is (a report's). */
export interface Call {
  op: Operation;
  id: string;
  signal: AbortSignal | undefined;
  body?: string;
}

/** The direct route: exchange called with the URL built from the split template and the client's own headers. */
export function sendDirect({ ctx }: ClientState, { op, id, signal, body }: Call): Promise<BoundedAnswer> {
  const url = ctx.baseUrl + op.prefix + encodeURIComponent(id) + op.suffix;
  const headers = body === undefined ? ctx.headers : { ...ctx.headers, ...JSON_HEADERS };
  return exchange(ctx, op.method, url, headers, signal, body);
}

/** Sends one call by the client's route. */
export function send(client: Client<any, any>, state: ClientState, call: Call): Promise<BoundedAnswer> {
  return state.direct ? sendDirect(state, call) : sendRouted(client, state, call);
}

type OpenapiFetchResult = { data?: unknown; error?: unknown; response: Response };

async function sendRouted(
  client: Client<any, any>,
  state: ClientState,
  { op, id, signal, body }: Call,
): Promise<BoundedAnswer> {
  let result: OpenapiFetchResult;
  // Typed loosely: one call serves both methods, whose option types openapi-fetch keeps apart.
  const request = client[op.method] as (path: string, init: object) => Promise<OpenapiFetchResult>;
  try {
    result = await request.call(client, op.path, {
      params: { path: { [op.idParam]: id } },
      // The checked JSON goes out byte for byte, whatever bodySerializer the client was given.
      ...(body === undefined ? {} : { body, bodySerializer: (text: string) => text }),
      parseAs: 'text',
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw asSmsError(error, state.ctx);
  }
  // A Response that middleware made itself never went through exchange: read what openapi-fetch read.
  return state.answers.get(result.response) ?? answerOf(result);
}

/** What openapi-fetch read of a Response that middleware made itself, as a BoundedAnswer. */
function answerOf(result: OpenapiFetchResult): BoundedAnswer {
  const { response } = result;
  const value = response.ok ? result.data : result.error;
  let text: string;
  try {
    text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    text = '';
  }
  return { status: response.status, statusText: response.statusText, headers: response.headers, text };
}
