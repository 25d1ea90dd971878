// The HTTP control API under /__mock, for tests in any language: scripts and the journal.
//   PUT    /__mock/v3/sources/{server_id}/command   a JSON array of steps (also /__mock/v1/sms/sources/{source_id}/command)
//   GET    the same path                            what is left of its script
//   DELETE the same path                            clears its script
//   GET    /__mock/scripts    DELETE /__mock/scripts
//   GET    /__mock/requests   DELETE /__mock/requests
//   POST   /__mock/reset                            clears scripts, the journal and AK locks
// PUT and POST need `Content-Type: application/json`: a web page can send a text/plain POST to any
// address, loopback included, without asking first (no CORS preflight), but not a JSON one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { send } from './answers.js';
import type { Contract } from './contract.js';
import { lineColumn, TextError } from './engine.js';
import type { Journal } from './journal.js';
import { normalizeSteps, ScriptError, type Scripts } from './scripts.js';

export const CONTROL_PREFIX = '/__mock';
/** The largest control request body (a PUT's steps). */
export const MAX_CONTROL_BODY = 1024 * 1024;
/**
 * After answering 413 to an oversized body, how long the mock goes on reading (and discarding) it
 * before closing the connection. Closing with the body unread makes the kernel reset the
 * connection, which can throw away the 413 before the client reads it.
 */
export const REFUSED_BODY_LINGER_MS = 2000;
const JSON_TYPE_FIX = "-H 'Content-Type: application/json'";

export interface ControlState {
  contract: Contract;
  scripts: Scripts;
  journal: Journal;
  /** The verifier's failure counts and AK locks (the gateway's lockout). */
  lockouts: { reset(): void };
}

/** Clears scripts, the journal and every AK lock: the control API's reset and `mock.reset()`. */
export function resetAll(state: ControlState): void {
  state.scripts.clear();
  state.journal.clear();
  state.lockouts.reset();
}

const json = (res: ServerResponse, status: number, body?: unknown) => send(res, { status, ...(body === undefined ? {} : { body }) });
const problem = (res: ServerResponse, status: number, error: string, extra: Record<string, unknown> = {}) => json(res, status, { error, ...extra });

/** The body as text, or undefined once it is over MAX_CONTROL_BODY (declared or sent); the rest is then discarded, not kept. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  if (Number(req.headers['content-length']) > MAX_CONTROL_BODY) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CONTROL_BODY) {
        chunks.length = 0;
        req.off('data', onData);
        req.resume(); // flowing with no listener: the rest is read and dropped
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Answers 413 with `Connection: close`, so the client gets it even while it is still sending. Node
 * ends such an answer with `socket.destroySoon()`, which closes as soon as the answer is written,
 * with the body unread: the kernel then resets the connection and the client may never see the 413.
 * For this one socket the close waits until the client closes its side or REFUSED_BODY_LINGER_MS
 * pass, the body read and dropped meanwhile: bounded, however long the client goes on sending.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket as Socket & { destroySoon?: () => void };
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end();
    const timer = setTimeout(() => this.destroy(), REFUSED_BODY_LINGER_MS);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
  };
  req.resume();
  res.setHeader('Connection', 'close');
  problem(res, 413, `the body is over ${MAX_CONTROL_BODY} bytes (MAX_CONTROL_BODY), the largest control request the mock reads: send fewer or smaller steps`, { limit: MAX_CONTROL_BODY });
}

/** Whether a PUT or POST says its body is JSON; answers 415 saying how when it does not. */
function jsonTyped(req: IncomingMessage, res: ServerResponse, what: string): boolean {
  const type = req.headers['content-type'] ?? '';
  if (/^application\/json\s*(?:;|$)/i.test(type)) return true;
  problem(res, 415, `${what} needs Content-Type: application/json (${type ? `not ${JSON.stringify(type)}` : 'none was sent'}), so that no web page can send it unasked: add ${JSON_TYPE_FIX} (curl), or set that header in your client`);
  return false;
}

/**
 * The offset of the first syntax error in a text JSON.parse refused (V8 does not always say where),
 * or undefined if none is found. Iterative: any depth.
 */
function jsonErrorOffset(text: string): number | undefined {
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const LITERAL = /true|false|null/y;
  const at = (pattern: RegExp, i: number) => {
    pattern.lastIndex = i;
    return pattern.test(text) ? pattern.lastIndex : -1;
  };
  const string = (i: number): number => {
    const end = at(STRING, i);
    return text[end] === '"' ? end + 1 : -(Math.max(end, i) + 1); // negative: the error's offset, minus one
  };
  const stack: string[] = [];
  let i = 0;
  let state: 'value' | 'firstValue' | 'key' | 'firstKey' | 'after' = 'value';
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    const c = text[i];
    if (state === 'after') {
      const top = stack.at(-1);
      if (!top) return i < text.length ? i : undefined;
      if (c === ',') state = top === '{' ? 'key' : 'value';
      else if (c === (top === '{' ? '}' : ']')) stack.pop();
      else return i;
      i++;
    } else if (c === undefined) {
      return i;
    } else if (state === 'key' || state === 'firstKey') {
      if (state === 'firstKey' && c === '}') {
        stack.pop();
        i++;
        state = 'after';
        continue;
      }
      if (c !== '"') return i;
      const end = string(i);
      if (end < 0) return -end - 1;
      i = end;
      while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
    } else if (state === 'firstValue' && c === ']') {
      stack.pop();
      i++;
      state = 'after';
    } else if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      state = c === '{' ? 'firstKey' : 'firstValue';
    } else {
      const end = c === '"' ? string(i) : Math.max(at(NUMBER, i), at(LITERAL, i));
      if (end < 0) return c === '"' ? -end - 1 : i;
      i = end;
      state = 'after';
    }
  }
}

/** JSON.parse, throwing a TextError with the line and column of the problem. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new Error(`nested too deeply to read (${error.message})`);
    const reason = (error as Error).message.replace(/ in JSON at position \d+.*$/s, '');
    const offset = jsonErrorOffset(text) ?? Number(/at position (\d+)/.exec((error as Error).message)?.[1] ?? NaN);
    if (Number.isNaN(offset)) throw error;
    const { line, column } = lineColumn(text, offset);
    throw new TextError(line, column, reason);
  }
}

/** Sets the steps of one API path; throws a ScriptError when a step breaks the contract or there is no room left. */
export function setScript(state: ControlState, path: string, steps: unknown, field = 'steps'): void {
  const match = state.contract.match(path);
  if (!match) throw new ScriptError([{ field: 'path', rule: 'path', message: `${path} is not an API path of this mock (${state.contract.routes.map((r) => r.template).join(', ')})` }]);
  const idProblems = match.route.checkId(match.id);
  if (idProblems.length) throw new ScriptError(idProblems);
  state.scripts.set(match.route.pathFor(match.id), normalizeSteps(match.route, steps, field), field);
}

/** The canonical key of an API path (the id decoded and encoded again), or undefined. */
export function scriptKey(state: ControlState, path: string): string | undefined {
  const match = state.contract.match(path);
  return match && 'id' in match ? match.route.pathFor(match.id) : undefined;
}

export async function handleControl(state: ControlState, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = req.method ?? 'GET';
  const rest = path.slice(CONTROL_PREFIX.length) || '/';
  if (rest === '/reset' && method === 'POST') {
    if (!jsonTyped(req, res, `POST ${path}`)) return;
    resetAll(state);
    return json(res, 204);
  }
  // DELETE needs no content type: a page cannot send one without a CORS preflight, which /__mock
  // never grants, and it has no body to type; requiring one would only break `curl -X DELETE`.
  if (rest === '/requests' && method === 'GET') return json(res, 200, { requests: state.journal.list(), dropped: state.journal.dropped, limit: state.journal.limit });
  if (rest === '/requests' && method === 'DELETE') {
    state.journal.clear();
    return json(res, 204);
  }
  if (rest === '/scripts' && method === 'GET') return json(res, 200, { scripts: state.scripts.all() });
  if (rest === '/scripts' && method === 'DELETE') {
    state.scripts.clear();
    return json(res, 204);
  }
  const key = scriptKey(state, rest);
  if (key !== undefined) {
    if (method === 'PUT') {
      if (!jsonTyped(req, res, `PUT ${path}`)) return;
      const text = await readBody(req);
      if (text === undefined) return refuseTooLarge(req, res);
      let steps: unknown;
      try {
        steps = parseJson(text);
      } catch (error) {
        return problem(res, 400, `the body is not JSON: ${(error as Error).message}`);
      }
      try {
        setScript(state, rest, steps);
      } catch (error) {
        if (error instanceof ScriptError) return problem(res, error.status, error.message, { violations: error.violations });
        throw error;
      }
      return json(res, 200, state.scripts.state(key));
    }
    if (method === 'GET') {
      const script = state.scripts.state(key);
      return script ? json(res, 200, script) : problem(res, 404, `no script for ${key}`);
    }
    if (method === 'DELETE') return json(res, state.scripts.delete(key) ? 204 : 404);
    return problem(res, 405, `${method} is not a control method for ${rest}: use PUT, GET or DELETE`);
  }
  return problem(res, 404, `no control route ${method} ${path}: see the README's section for Agent teams (PUT|GET|DELETE /__mock/<API path>, GET|DELETE /__mock/scripts, GET|DELETE /__mock/requests, POST /__mock/reset)`);
}
