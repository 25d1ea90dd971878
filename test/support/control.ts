// The mock's control API as a test in any language calls it: `${url}/__mock${path}`, JSON typed by
// default, the answer's status, headers and JSON body (none for an empty answer: a 204, a 404 of a DELETE).
//
// Each call has a connection of its own (no keep-alive pool). The mock runs in the test's own process:
// a test that keeps the event loop busy for longer than the mock's keep-alive timeout (5 s: the
// validation of 80,000 fields, on a loaded machine) left fetch a pooled socket the mock was about to
// time out; fetch sent on it, and the mock's timer, run before the request was read, reset it
// (`TypeError: fetch failed`, cause ECONNRESET).
import { request } from 'node:http';
import type { Mock } from '../../src/mock.js';

export const JSON_TYPE = { 'Content-Type': 'application/json' };

export interface ControlAnswer {
  status: number;
  /** Not enumerable: there to read, and left out when a test compares the answer with toEqual. */
  headers: Headers;
  /** Whatever the route answers (JSON.parse's any): each test asserts the shape it expects. */
  body: any;
}

/** One request to `url` on a new connection; a failure names the request and its cause. */
export function send(
  url: string,
  method: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        const all = new Headers();
        for (const [name, value] of Object.entries(res.headers))
          for (const one of [value ?? []].flat()) all.append(name, one);
        resolve({ status: res.statusCode!, headers: all, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    function fail(cause: Error) {
      reject(new Error(`${method} ${url}: ${cause.message}`, { cause }));
    }
    req.on('error', fail);
    req.end(body);
  });
}

/**
 * A control call on the mock `target()` names (a function: the mock is started in a beforeAll): a
 * string body is sent as written, anything else as JSON.
 */
export function controlOf(target: () => Pick<Mock, 'url'>) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = JSON_TYPE,
  ): Promise<ControlAnswer> => {
    const text = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
    const answer = await send(`${target().url}/__mock${path}`, method, text, headers);
    const result = { status: answer.status, body: answer.text ? JSON.parse(answer.text) : undefined };
    return Object.defineProperty(result, 'headers', { value: answer.headers, enumerable: false }) as ControlAnswer;
  };
}
