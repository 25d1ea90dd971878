// A local HTTP server whose behaviour is chosen by the id in the path, for what an injected fetch
// can't show: real sockets that hang, stall mid-body, reset, or echo what they were sent.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;

const behaviours: Record<string, Behaviour> = {
  ok: (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"command_name":"STOP","command_param":{"task_id":"t1"}}'),
  hang: () => {},
  'stall-body': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"command_name":');
  },
  reset: (req) => req.socket.destroy(),
  // A hostile server that echoes every credential it received into its error body and headers.
  echo: (req, res) => {
    const seen = JSON.stringify(req.headers);
    res.writeHead(401, { 'content-type': 'application/json', 'x-request-id': String(req.headers['x-auth-token'] ?? req.headers.authorization ?? 'none') });
    res.end(JSON.stringify({ error_code: 'APIGW.0301', error_msg: `bad credentials: ${seen}`, request_id: seen, echoed: req.headers }));
  },
  'echo-200-html': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html>${req.headers['x-auth-token']}${req.headers.authorization}</html>`),
};

export async function startTestServer() {
  const server = createServer((req, res) => {
    const id = /^\/v[13]\/(?:sms\/)?sources\/([^/]+)\/command$/.exec(req.url ?? '')?.[1] ?? '';
    (behaviours[id] ?? behaviours.ok!)(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
