// The HTTP door to the admin service (admin/service.ts), for tests in any language: each route of
// CONTROL_ROUTES (routes.ts) translates a request into one admin call or listing (listings.ts), and
// its result or error (ScriptError, JournalError: each has its status) into an answer. The JS `Mock`
// is the other door. docs/mock.md's "Control API reference" gives every route's statuses and bodies.
// PUT and POST need `Content-Type: application/json`: a web page can send a text/plain POST to any
// address, loopback included, without asking first (no CORS preflight), but not a JSON one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JournalError, type JournalErrorDetail } from '../../errors/journal-error.js';
import { ScriptError } from '../../errors/script-error.js';
import type { Violation } from '../../contract/violations.js';
import { TextError } from '../../errors/text-error.js';
import { send, sendPieces } from '../http/answers.js';
import { lingerAfterAnswer, readBounded } from '../http/request-body.js';
import { DUPLICATE_KEY } from '../texts/files.js';
import type { Step } from '../scripts/step-types.js';
import { parseJsonDocument } from '../texts/json.js';
import { answerWait } from './http-wait.js';
import type { Listings } from './listings.js';
import { API_PATH, CONTROL_PREFIX, CONTROL_ROUTES, routeList } from './routes.js';
import type { MockAdmin } from './service.js';

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

const health: Handler = ({ admin, res }) => json(res, 200, admin.health());

/**
 * Each route of CONTROL_ROUTES, by `METHOD path`. DELETE needs no content type: a page cannot send
 * one without a CORS preflight, which /__mock never grants, and it has no body to type; requiring one
 * would only break `curl -X DELETE`.
 */
const HANDLERS: Record<string, Handler> = {
  'GET /__mock/health': health,
  'HEAD /__mock/health': health,
  [`PUT ${API_PATH}`]: putScript,
  [`GET ${API_PATH}`]: ({ listings, res, rest }) => {
    const script = listings.script(rest);
    return script ? sendPieces(res, 200, script) : problem(res, 404, `no script for ${rest}`);
  },
  [`DELETE ${API_PATH}`]: ({ admin, res, rest }) => json(res, admin.clearScripts(rest) ? 204 : 404),
  'GET /__mock/scripts': ({ listings, res }) => sendPieces(res, 200, listings.scripts()),
  'DELETE /__mock/scripts': ({ admin, res }) => {
    admin.clearScripts();
    json(res, 204);
  },
  // The journal, through the admin's filter check (the same for `mock.journal(filter)`).
  'GET /__mock/requests': ({ listings, req, res, query }) =>
    sendPieces(res, 200, listings.journal(query, `http://${req.headers.host}`)),
  'GET /__mock/requests/wait': ({ admin, req, res, query }) => answerWait(admin, req, res, query),
  'DELETE /__mock/requests': ({ admin, res }) => {
    admin.clearRequests();
    json(res, 204);
  },
  'POST /__mock/reset': (call) => {
    if (!jsonTyped(call)) return;
    call.admin.reset();
    json(call.res, 204);
  },
};

/** The routes that read a query (the journal's filter); every other route refuses one. */
const TAKES_QUERY = new Set(['GET /__mock/requests', 'GET /__mock/requests/wait']);

/** CONTROL_ROUTES by path, each method with its handler: a route without one, or a handler without a route, fails at load. */
const TABLE = new Map<string, Map<string, Handler>>();
for (const { method, path } of CONTROL_ROUTES) {
  const handler = HANDLERS[`${method} ${path}`];
  if (!handler) throw new Error(`the control route ${method} ${path} has no handler`);
  TABLE.set(path, (TABLE.get(path) ?? new Map<string, Handler>()).set(method, handler));
}
if (CONTROL_ROUTES.length !== Object.keys(HANDLERS).length) throw new Error('a control handler has no route');

const ROUTE_LIST = routeList();

/** Whether a request path is the control API's. */
export const isControlPath = (path: string) => path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);

/** Answers the control request `req` for `path` (under CONTROL_PREFIX). */
export async function handleControl(
  admin: MockAdmin,
  listings: Listings,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const rest = path.slice(CONTROL_PREFIX.length) || '/';
  const route =
    path !== API_PATH && TABLE.has(path) ? path : listings.scriptPath(rest) === undefined ? undefined : API_PATH;
  const routes = route === undefined ? undefined : TABLE.get(route);
  if (!routes)
    return problem(
      res,
      404,
      `no control route ${method} ${path}: see docs/mock.md "Control API reference" (${ROUTE_LIST})`,
    );
  const handler = routes.get(method);
  if (!handler) {
    const allow = [...routes.keys()];
    const listed = allow.length > 1 ? `${allow.slice(0, -1).join(', ')} or ${allow.at(-1)}` : allow[0];
    return json(
      res,
      405,
      { error: `${method} is not a control method for ${path}: use ${listed}`, allow },
      { allow: allow.join(', ') },
    );
  }
  const query = queryOf(req.url ?? '');
  const [unknown] = Object.keys(query);
  if (unknown !== undefined && !TAKES_QUERY.has(`${method} ${route}`))
    return problem(res, 400, `unknown parameter ${JSON.stringify(unknown)}: ${method} ${path} takes no parameters`, {
      parameter: unknown,
      known: [],
    });
  try {
    await handler({ admin, listings, req, res, rest, path, query });
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
