// The HTTP door to the admin service (admin.ts), for tests in any language: each route translates a
// request into one admin call, and its result or ScriptError into a status. The JS `Mock` is the other door.
//   PUT    /__mock/v3/sources/{server_id}/command   a JSON array of steps (also /__mock/v1/sms/sources/{source_id}/command,
//                                                   and a report's …/command_result in either version)
//   GET    the same path                            what is left of its script
//   DELETE the same path                            clears its script
//   GET    /__mock/scripts    DELETE /__mock/scripts
//   GET    /__mock/requests   DELETE /__mock/requests
//   POST   /__mock/reset                            clears scripts, the journal, what was served (SMS.2009) and AK locks
// PUT and POST need `Content-Type: application/json`: a web page can send a text/plain POST to any
// address, loopback included, without asking first (no CORS preflight), but not a JSON one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ScriptError } from '../errors/script-error.js';
import type { MockAdmin } from './admin.js';
import { send } from './answers.js';
import { parseJson } from './json-text.js';
import { lingerAfterAnswer, readBounded } from './request-body.js';
import type { Step } from './scripts.js';

export const CONTROL_PREFIX = '/__mock';
/** The largest control request body (a PUT's steps). */
export const MAX_CONTROL_BODY = 1024 * 1024;
const JSON_TYPE_FIX = "-H 'Content-Type: application/json'";

const json = (res: ServerResponse, status: number, body?: unknown) =>
  send(res, { status, ...(body === undefined ? {} : { body }) });
const problem = (res: ServerResponse, status: number, error: string, extra: Record<string, unknown> = {}) =>
  json(res, status, { error, ...extra });

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

/** Whether a PUT or POST says its body is JSON; answers 415 saying how when it does not. */
function jsonTyped(req: IncomingMessage, res: ServerResponse, what: string): boolean {
  const type = req.headers['content-type'] ?? '';
  if (/^application\/json\s*(?:;|$)/i.test(type)) return true;
  problem(
    res,
    415,
    `${what} needs Content-Type: application/json (${type ? `not ${JSON.stringify(type)}` : 'none was sent'}), so that no web page can send it unasked: add ${JSON_TYPE_FIX} (curl), or set that header in your client`,
  );
  return false;
}

/** Whether a request path is the control API's. */
export const isControlPath = (path: string) => path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);

/** Answers the control request `req` for `path` (under CONTROL_PREFIX); `scriptPath` names the API path a script path is kept under, if it is one. */
export async function handleControl(
  admin: MockAdmin,
  scriptPath: (path: string) => string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const rest = path.slice(CONTROL_PREFIX.length) || '/';
  if (rest === '/reset' && method === 'POST') {
    if (!jsonTyped(req, res, `POST ${path}`)) return;
    admin.reset();
    return json(res, 204);
  }
  // DELETE needs no content type: a page cannot send one without a CORS preflight, which /__mock
  // never grants, and it has no body to type; requiring one would only break `curl -X DELETE`.
  if (rest === '/requests' && method === 'GET') return json(res, 200, admin.journal());
  if (rest === '/requests' && method === 'DELETE') {
    admin.clearRequests();
    return json(res, 204);
  }
  if (rest === '/scripts' && method === 'GET') return json(res, 200, { scripts: admin.scripts() });
  if (rest === '/scripts' && method === 'DELETE') {
    admin.clearScripts();
    return json(res, 204);
  }
  const key = scriptPath(rest);
  if (key === undefined)
    return problem(
      res,
      404,
      `no control route ${method} ${path}: see the README's section for Agent teams (PUT|GET|DELETE /__mock/<API path>, GET|DELETE /__mock/scripts, GET|DELETE /__mock/requests, POST /__mock/reset)`,
    );
  if (method === 'PUT') return putScript(admin, req, res, path, rest);
  if (method === 'GET') {
    const script = admin.scriptState(rest);
    return script ? json(res, 200, script) : problem(res, 404, `no script for ${key}`);
  }
  if (method === 'DELETE') return json(res, admin.clearScripts(rest) ? 204 : 404);
  return problem(res, 405, `${method} is not a control method for ${rest}: use PUT, GET or DELETE`);
}

/** PUT of a script: a JSON body of steps, within MAX_CONTROL_BODY; the admin checks the steps. */
async function putScript(
  admin: MockAdmin,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  rest: string,
): Promise<void> {
  if (!jsonTyped(req, res, `PUT ${path}`)) return;
  const bytes = await readBounded(req, MAX_CONTROL_BODY);
  if (bytes === undefined) return refuseTooLarge(req, res);
  const text = bytes.toString('utf8');
  let steps: unknown;
  try {
    steps = parseJson(text);
  } catch (error) {
    return problem(res, 400, `the body is not JSON: ${(error as Error).message}`);
  }
  try {
    return json(res, 200, admin.script(rest, steps as Step[])); // any JSON: the admin checks it
  } catch (error) {
    if (error instanceof ScriptError)
      return problem(res, error.status, error.message, { violations: error.violations });
    throw error;
  }
}
