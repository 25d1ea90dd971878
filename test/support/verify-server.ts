// What the verify-*.test.ts files share: a local server with a page per answer verifyEndpoint must
// judge (conforming, drifting, hostile), and verifyEndpoint run against it with a token.
import { afterAll, beforeAll } from 'vitest';
import { verifyEndpoint } from '../../src/verify.js';
import { lateBound } from './late-bound.js';
import { startTestServer, type TestServer } from './server.js';

export const TOKEN = 'verify-test-token-0123456789';
/** A screen clear, a window title, a carriage return and a right-to-left override. */
export const TERMINAL = '\u001b[2J\u001b]0;pwned\u0007\rok\u202e';
export const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (_req: unknown, res: import('node:http').ServerResponse) =>
    res
      .writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'rid-1', ...headers })
      .end(typeof body === 'string' ? body : JSON.stringify(body));

/** The file's local server (a handle: test/support/late-bound.ts), and verifyEndpoint run against it. */
export function useVerifyServer() {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({
      conforms: json(200, { command_name: 'START', command_param: { task_id: 't1' } }),
      'only-name': json(200, { command_name: 'TASK_HAS_FINISHED' }),
      'new-command': json(200, { command_name: 'REBOOT', command_param: { task_id: 't1' } }),
      'extra-field': json(200, {
        command_name: 'START',
        priority: 'high',
        command_param: { task_id: 't1', deadline: 'soon' },
      }),
      'wrong-type': json(200, { command_name: 'START', command_param: { task_id: 42 } }),
      'long-error': json(404, { error_code: 'SMS.2252', error_msg: 'x'.repeat(1025) }),
      'html-502': (_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>'),
      'html-200': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'),
      redirect: (_req, res) => res.writeHead(302, { location: 'https://elsewhere.example/x' }).end(),
      refused: json(401, {
        error_code: 'APIGW.0301',
        error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
      }),
      'echo-token': (req, res) => json(200, { command_name: String(req.headers['x-auth-token']) })(req, res),
      'token-as-field': (req, res) =>
        json(200, {
          command_name: 'START',
          [String(req.headers['x-auth-token'])]: 1,
          command_param: { [`k-${String(req.headers['x-auth-token'])}`]: 'v' },
        })(req, res),
      'prototype-names': json(
        200,
        '{"command_name":"START","constructor":{},"toString":"x","__proto__":{"polluted":true},"command_param":{"hasOwnProperty":"y","valueOf":"z","__proto__":1}}',
      ),
      'no-task': json(404, { error_code: 'SMS.2252', error_msg: 'The source server has no migration task.' }),
      'emoji-error': json(404, { error_code: 'SMS.2252', error_msg: '😀'.repeat(1025) }),
      'terminal-text': json(200, { command_name: `REBOOT${TERMINAL}`, [`field${TERMINAL}`]: 1 }),
    });
  });
  afterAll(() => server?.close());
  const handle = lateBound('server', () => server);

  const verify = (ids: string[], extra: Partial<Parameters<typeof verifyEndpoint>[0]> = {}) =>
    verifyEndpoint({
      endpoint: handle.url,
      auth: { token: TOKEN },
      serverIds: ids,
      versions: ['v3'],
      timeoutMs: 300,
      ...extra,
    });
  return { server: handle, verify };
}
