// The HTTP door to the admin service (admin/service.ts), for tests in any language: each route translates a
// request into one admin call, and its result or error (ScriptError, JournalError: each has its
// status) into an answer. The JS `Mock` is the other door. The README's "Control API reference"
// gives every route's statuses and bodies.
//   GET    /__mock/health                           readiness: 200 { status: "ok", version, apiVersions, uptimeMs, waits }
//   PUT    /__mock/v3/sources/{server_id}/command   a JSON array of steps (also /__mock/v1/sms/sources/{source_id}/command,
//                                                   and a report's …/command_result in either version)
//   GET    the same path                            what is left of its script
//   DELETE the same path                            clears its script
//   GET    /__mock/scripts    DELETE /__mock/scripts
//   GET    /__mock/requests?id=&path=&verdict=&method=&since=     the journal, filtered
//   GET    /__mock/requests/wait?<the same>&timeout_ms=           the first match, recorded or still to come
//   DELETE /__mock/requests
//   POST   /__mock/reset                            clears scripts, the journal, what was served (SMS.2009) and AK locks
// PUT and POST need `Content-Type: application/json`: a web page can send a text/plain POST to any
// address, loopback included, without asking first (no CORS preflight), but not a JSON one.
import { setMaxListeners } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ScriptError, type Violation } from '../../errors/script-error.js';
import { TextError } from '../../errors/text-error.js';
import { DEFAULT_WAIT_MS, type Listings, type MockAdmin } from './service.js';
import { send, sendPieces } from '../http/answers.js';
import {
  JournalError,
  type JournalErrorDetail,
  type JournalFilter,
  journalFilter,
  waitTimeout,
} from '../journal/filter.js';
import { harOf, harRequested } from '../journal/har.js';
import { MAX_PENDING_WAITS } from '../journal/journal.js';
import { parseJsonDocument } from '../texts/json.js';
import { lingerAfterAnswer, readBounded } from '../http/request-body.js';
import { DUPLICATE_KEY } from '../texts/files.js';
import type { ScriptState, Step } from '../scripts/scripts.js';

/** `GET /__mock/scripts`. */
export interface ScriptsListing {
  scripts: ScriptState[];
}

/**
 * Every refusal of the control API: `error` says what is wrong and how to fix it; the other fields
 * come with some statuses (`violations` 400/409 of a script, `limit` 413/429, `allow` 405,
 * `parameter` and `known` 400 of a query, `timeoutMs` and `checked` 408).
 */
export interface ControlErrorBody extends JournalErrorDetail {
  error: string;
  violations?: Violation[];
  allow?: string[];
}

/**
 * The refusals under /__mock in the API's error shape, made before the control API is reached:
 * `403` with `error_code` `MOCK.0403` for a Host that does not name the mock or a page whose origin
 * is not among controlOrigins (cors.ts), `400` `MOCK.0400` for a Host header given twice or malformed.
 */
export interface MockRefusalBody {
  error_code: string;
  error_msg: string;
  request_id: string;
}

export const CONTROL_PREFIX = '/__mock';
/** The largest control request body (a PUT's steps). */
export const MAX_CONTROL_BODY = 1024 * 1024;
const JSON_TYPE_FIX = "-H 'Content-Type: application/json'";

const json = (res: ServerResponse, status: number, body?: unknown, headers?: Record<string, string>) =>
  send(res, { status, ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) });
const problem = (res: ServerResponse, status: number, error: string, extra: object = {}) =>
  json(res, status, { error, ...extra });

/** The query's parameters by name, a repeated one as an array (so it can be refused), `+` and %-escapes decoded. */
type Query = Record<string, string | string[]>;
function queryOf(url: string): Query {
  const q = url.indexOf('?');
  if (q < 0) return {};
  const params = new Map<string, string | string[]>();
  for (const [name, value] of new URLSearchParams(url.slice(q + 1))) {
    const before = params.get(name);
    params.set(name, before === undefined ? value : [before, value].flat());
  }
  return Object.fromEntries(params); // own properties only: `__proto__` is just an unknown name
}

/** One control request, as each route handler gets it. */
interface Call {
  admin: MockAdmin;
  /** The listings, written as the client reads them. */
  listings: Listings;
  req: IncomingMessage;
  res: ServerResponse;
  /** The path under CONTROL_PREFIX (`/requests`) and the whole one (`/__mock/requests`). */
  rest: string;
  path: string;
  query: Query;
}
type Handler = (call: Call) => void | Promise<void>;

/** Refuses a parameter on a route that takes none (one would be silently ignored otherwise). */
function noParameters({ req, path, query }: Call): void {
  const [name] = Object.keys(query);
  if (name !== undefined)
    throw new JournalError(
      400,
      `unknown parameter ${JSON.stringify(name)}: ${req.method} ${path} takes no parameters`,
      {
        parameter: name,
        known: [],
      },
    );
}

const health: Handler = ({ admin, res }) => json(res, 200, admin.health());

/** The journal, through the admin's filter check (the same for `mock.journal(filter)`), written as the client reads it. */
const listRequests: Handler = ({ admin, listings, req, res, query }) => {
  const { format, ...filter } = query;
  if (harRequested(format)) return json(res, 200, harOf(admin.journal(filter).requests, `http://${req.headers.host}`));
  return sendPieces(res, 200, listings.journal(query as JournalFilter));
};

/** Aborted when a connection closes, one per connection: every wait on it (pipelined requests included) listens. */
const connectionsGone = new WeakMap<Socket, AbortSignal>();
function goneSignal(socket: Socket): AbortSignal {
  let signal = connectionsGone.get(socket);
  if (!signal) {
    const gone = new AbortController();
    setMaxListeners(MAX_PENDING_WAITS + 1, gone.signal); // each pending wait on the connection adds one
    socket.once('close', () => gone.abort(new Error('the client closed the connection')));
    signal = gone.signal;
    connectionsGone.set(socket, signal);
  }
  return signal;
}

/**
 * A long poll: the admin's wait with the same filter. A client that leaves frees its place at once:
 * the wait listens on the connection, not on its own response, which a pipelined request (queued
 * behind another on the same connection) does not have yet.
 */
const waitForRequest: Handler = async ({ admin, req, res, query }) => {
  const { timeout_ms: timeout, ...rest } = query;
  const filter = journalFilter(rest, ['timeout_ms']);
  const timeoutMs = timeout === undefined ? DEFAULT_WAIT_MS : waitTimeout(timeout, 'timeout_ms');
  if (req.socket.destroyed) return; // already gone: nobody to wait for
  const signal = goneSignal(req.socket);
  try {
    json(res, 200, await admin.waitForRequest(filter, { timeoutMs, signal }));
  } catch (error) {
    if (signal.aborted && error === signal.reason) return;
    throw error;
  }
};

/** Whether a PUT or POST says its body is JSON; answers 415 saying how when it does not. */
function jsonTyped({ req, res, path }: Call): boolean {
  const type = req.headers['content-type'] ?? '';
  if (/^application\/json\s*(?:;|$)/i.test(type)) return true;
  problem(
    res,
    415,
    `${req.method} ${path} needs Content-Type: application/json (${type ? `not ${JSON.stringify(type)}` : 'none was sent'}), so that no web page can send it unasked: add ${JSON_TYPE_FIX} (curl), or set that header in your client`,
  );
  return false;
}

// DELETE needs no content type: a page cannot send one without a CORS preflight, which /__mock
// never grants, and it has no body to type; requiring one would only break `curl -X DELETE`.
const ROUTES: Record<string, Record<string, Handler>> = {
  '/health': { GET: health, HEAD: health },
  '/requests': {
    GET: listRequests,
    DELETE: ({ admin, res }) => {
      admin.clearRequests();
      json(res, 204);
    },
  },
  '/requests/wait': { GET: waitForRequest },
  '/scripts': {
    GET: ({ listings, res }) => sendPieces(res, 200, listings.scripts()),
    DELETE: ({ admin, res }) => {
      admin.clearScripts();
      json(res, 204);
    },
  },
  '/reset': {
    POST: (call) => {
      if (!jsonTyped(call)) return;
      call.admin.reset();
      json(call.res, 204);
    },
  },
};

/** A script's routes, on any API path (`/__mock/v3/sources/s1/command`). */
const SCRIPT_ROUTE: Record<string, Handler> = {
  PUT: putScript,
  GET: ({ listings, res, rest }) => {
    const script = listings.script(rest);
    return script ? sendPieces(res, 200, script) : problem(res, 404, `no script for ${rest}`);
  },
  DELETE: ({ admin, res, rest }) => json(res, admin.clearScripts(rest) ? 204 : 404),
};

/** The handlers that read a query (the journal's filter); every other route refuses one (noParameters). */
const TAKES_QUERY = new Set<Handler>([listRequests, waitForRequest]);

/**
 * Every control route, from the tables above (`GET|HEAD /__mock/health`, `PUT|GET|DELETE
 * /__mock/<API path>`, ...): what the 404 lists and sms-command-mock --help prints, so neither drifts.
 */
export function controlRoutes(): string[] {
  const route = (methods: object, rest: string) => `${Object.keys(methods).join('|')} ${CONTROL_PREFIX}${rest}`;
  return [...Object.entries(ROUTES).map(([rest, methods]) => route(methods, rest)), route(SCRIPT_ROUTE, '/<API path>')];
}

/** Whether a request path is the control API's. */
export const isControlPath = (path: string) => path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);

/** Answers the control request `req` for `path` (under CONTROL_PREFIX); `scriptPath` names the API path a script path is kept under, if it is one. */
export async function handleControl(
  admin: MockAdmin,
  listings: Listings,
  scriptPath: (path: string) => string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const rest = path.slice(CONTROL_PREFIX.length) || '/';
  const routes = ROUTES[rest] ?? (scriptPath(rest) === undefined ? undefined : SCRIPT_ROUTE);
  if (!routes)
    return problem(
      res,
      404,
      `no control route ${method} ${path}: see the README's "Control API reference" (${controlRoutes().join(', ')})`,
    );
  const handler = Object.hasOwn(routes, method) ? routes[method] : undefined;
  if (!handler) {
    const allow = Object.keys(routes);
    const listed = allow.length > 1 ? `${allow.slice(0, -1).join(', ')} or ${allow.at(-1)}` : allow[0];
    return json(
      res,
      405,
      { error: `${method} is not a control method for ${path}: use ${listed}`, allow },
      { allow: allow.join(', ') },
    );
  }
  try {
    const call: Call = { admin, listings, req, res, rest, path, query: queryOf(req.url ?? '') };
    if (!TAKES_QUERY.has(handler)) noParameters(call);
    await handler(call);
  } catch (error) {
    if (error instanceof ScriptError)
      return problem(res, error.status, error.message, { violations: error.violations });
    if (error instanceof JournalError) return problem(res, error.status, error.message, error.detail);
    throw error;
  }
}

/**
 * Answers 413 with `Connection: close`, so the client gets it even while it is still sending (the
 * rest of the body is read and dropped for at most REFUSED_BODY_LINGER_MS: request-body.ts).
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  lingerAfterAnswer(req, res);
  problem(
    res,
    413,
    `the body is over ${MAX_CONTROL_BODY} bytes (MAX_CONTROL_BODY), the largest control request the mock reads: send fewer or smaller steps`,
    { limit: MAX_CONTROL_BODY },
  );
}

/** PUT of a script: a JSON body of steps, within MAX_CONTROL_BODY; the admin checks the steps. */
async function putScript(call: Call): Promise<void> {
  const { admin, req, res, rest } = call;
  if (!jsonTyped(call)) return;
  const bytes = await readBounded(req, MAX_CONTROL_BODY);
  if (bytes === undefined) return refuseTooLarge(req, res);
  let steps: unknown;
  try {
    steps = parseJsonDocument(bytes.toString('utf8')); // a key twice refused, as in a scenario file
  } catch (error) {
    if (error instanceof TextError && error.reason === DUPLICATE_KEY)
      return problem(
        res,
        400,
        `the body gives a key twice in one object (line ${error.line}, column ${error.column}): JSON.parse would keep the last silently; give each key once`,
      );
    return problem(res, 400, `the body is not JSON: ${(error as Error).message}`);
  }
  json(res, 200, admin.script(rest, steps as Step[])); // any JSON: the admin checks it
}
