// A local HTTP server whose behaviour is chosen by the id in the path, for what an injected fetch
// can't show: real sockets that hang, stall mid-body, reset, redirect, stream without end, or echo
// what they were sent. `extra` adds behaviours (a redirect to a second server, say).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;

/** About 8 KB of gzip that inflates to 8 MiB of valid JSON (the tests' limit is 1 MiB); made on first use. */
let bomb: Buffer | undefined;
const gzipBomb = () =>
  (bomb ??= gzipSync(
    Buffer.concat([
      Buffer.from('{"command_name":"START","pad":"'),
      Buffer.alloc(8 * 1024 * 1024, 0x61),
      Buffer.from('"}'),
    ]),
  ));

const endless =
  (status: number): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1 << 16, 0x20);
    const pump = () => {
      while (res.write(chunk));
    };
    res.on('drain', pump);
    pump();
  };

const behaviours: Record<string, Behaviour> = {
  ok: (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end('{"command_name":"STOP","command_param":{"task_id":"t1"}}'),
  hang: () => {},
  'stall-body': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"command_name":');
  },
  reset: (req) => req.socket.destroy(),
  endless: endless(200),
  'endless-500': endless(500),
  'gzip-bomb': (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipBomb()),
  'garbled-gzip': (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      .end('this is not gzip at all'),
  'declared-too-long': (req, res) => {
    // Headers that announce 100 MB; the client must not wait for or read any of it.
    res.socket!.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000000\r\n\r\n{');
  },
  truncated: (req, res) => {
    res.socket!.write(
      'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"command_name":"ST',
    );
    res.socket!.end();
  },
  'deep-error': (_req, res) =>
    res.writeHead(500, { 'content-type': 'application/json' }).end('['.repeat(3000) + ']'.repeat(3000)),
  'redirect-same': (_req, res) =>
    res.writeHead(301, { location: '/v3/sources/ok/command' }).end('{"command_name":"DELETE"}'),
  // A hostile server that echoes every credential it received into its error body and headers.
  echo: (req, res) => {
    const seen = JSON.stringify(req.headers);
    res.writeHead(401, {
      'content-type': 'application/json',
      'x-request-id': String(req.headers['x-auth-token'] ?? req.headers.authorization ?? 'none'),
    });
    res.end(
      JSON.stringify({
        error_code: 'APIGW.0301',
        error_msg: `bad credentials: ${seen}`,
        request_id: seen,
        echoed: req.headers,
      }),
    );
  },
  'echo-200-html': (req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<html>${req.headers['x-auth-token']}${req.headers.authorization}</html>`),
  // Echoes only parts of the credential: the first half of the token or SK, cut where an excerpt would be.
  'echo-half': (req, res) => {
    const secret = String(req.headers['x-auth-token'] ?? req.headers['x-security-token'] ?? '');
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(`{"command_name": ${secret.slice(0, secret.length >> 1)}`);
  },
};

export interface TestServer {
  url: string;
  /** Every request received: method, url and headers. */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export async function startTestServer(extra: Record<string, Behaviour> = {}): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const id = /^\/v[13]\/(?:sms\/)?sources\/([^/]+)\/command$/.exec(req.url ?? '')?.[1] ?? '';
    (extra[id] ?? behaviours[id] ?? behaviours.ok!)(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
