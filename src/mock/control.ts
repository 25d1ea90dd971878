// The HTTP control API under /__mock, for tests in any language: scripts and the journal.
//   PUT    /__mock/v3/sources/{server_id}/command   a JSON array of steps (also /__mock/v1/sms/sources/{source_id}/command)
//   GET    the same path                            what is left of its script
//   DELETE the same path                            clears its script
//   GET    /__mock/scripts    DELETE /__mock/scripts
//   GET    /__mock/requests   DELETE /__mock/requests
//   POST   /__mock/reset                            clears scripts and the journal
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send } from './answers.js';
import type { Contract } from './contract.js';
import type { Journal } from './journal.js';
import { normalizeSteps, ScriptError, type Scripts } from './scripts.js';

export const CONTROL_PREFIX = '/__mock';
const MAX_CONTROL_BODY = 1024 * 1024;

export interface ControlState {
  contract: Contract;
  scripts: Scripts;
  journal: Journal;
}

const json = (res: ServerResponse, status: number, body?: unknown) => send(res, { status, ...(body === undefined ? {} : { body }) });
const problem = (res: ServerResponse, status: number, error: string, extra: Record<string, unknown> = {}) => json(res, status, { error, ...extra });

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CONTROL_BODY) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Sets the steps of one API path; throws a ScriptError when a step breaks the contract. */
export function setScript(state: ControlState, path: string, steps: unknown, field = 'steps'): void {
  const match = state.contract.match(path);
  if (!match) throw new ScriptError([{ field: 'path', rule: 'path', message: `${path} is not an API path of this mock (${state.contract.routes.map((r) => r.template).join(', ')})` }]);
  if ('malformed' in match) throw new ScriptError([{ field: 'path', rule: 'path', message: `${path} has a malformed percent-escape` }]);
  const idProblems = match.route.checkId(match.id);
  if (idProblems.length) throw new ScriptError(idProblems);
  state.scripts.set(match.route.pathFor(match.id), normalizeSteps(match.route, steps, field));
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
    state.scripts.clear();
    state.journal.clear();
    return json(res, 204);
  }
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
      const text = await readBody(req);
      if (text === undefined) return problem(res, 413, `the steps are over ${MAX_CONTROL_BODY} bytes`);
      let steps: unknown;
      try {
        steps = JSON.parse(text);
      } catch (error) {
        return problem(res, 400, `the body is not JSON: ${(error as Error).message}`);
      }
      try {
        setScript(state, rest, steps);
      } catch (error) {
        if (error instanceof ScriptError) return problem(res, 400, error.message, { violations: error.violations });
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
