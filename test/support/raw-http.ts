// HTTP/1.1 over a raw socket, for what fetch would not send: targets it would normalise (`\`, `..`,
// `%2e`, `#`), another Host, a body that never ends or is too large, back-to-back requests on one
// connection, bytes that are not HTTP at all. One exchange helper; `rawRequest` is one request on it.
import { connect } from 'node:net';
import { HANG_GUARD_MS } from './waits.js';

export interface RawExchange {
  /** Everything received, as Latin-1 (byte for byte). */
  text: string;
  bytes: Buffer;
  /** Whether the connection closed (by the server, a reset, or `until`) before `timeoutMs`. */
  closed: boolean;
  /** The socket error that ended it, if any (ECONNRESET, ECONNREFUSED, ...). */
  error?: Error;
}

export interface RawExchangeOptions {
  /** Written after `head`: bytes, or a writer called at once (it may wait for `firstData`, the server's first bytes, as a client does for `100 Continue`). */
  body?: Buffer | ((write: (chunk: Buffer) => boolean, firstData: Promise<void>) => void);
  /** Give up (and destroy the socket) after this long: a guard against a hang, default HANG_GUARD_MS. */
  timeoutMs?: number;
  /** Stop (destroy the socket) once what was received satisfies this. */
  until?: (text: string) => boolean;
}

/** Sends `head` (and a body) on a new connection to 127.0.0.1:`port`; resolves with what came back. */
export function rawExchange(
  port: number,
  head: string,
  { body, timeoutMs = HANG_GUARD_MS, until }: RawExchangeOptions = {},
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let text = '';
    let error: Error | undefined;
    let dataArrived!: () => void;
    const firstData = new Promise<void>((done) => {
      dataArrived = done;
    });
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      resolve({ text, bytes: Buffer.concat(chunks), closed, ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => {
      socket.removeAllListeners('close');
      socket.destroy();
      finish(false);
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      text += chunk.toString('latin1');
      dataArrived();
      if (until?.(text)) socket.destroy();
    });
    socket.on('error', (e) => {
      error = e;
    }); // a reset ends the exchange like a close
    socket.on('close', () => finish(true));
    socket.write(head);
    if (Buffer.isBuffer(body)) socket.write(body);
    else if (body) body((chunk) => !socket.destroyed && socket.write(chunk), firstData);
  });
}

/** The statuses of every answer in an exchange, in order (back-to-back requests get one each). */
export const statusesOf = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, or undefined. */
  json: any;
}

/**
 * One request (`Connection: close`, so the server ends the exchange); rejects on a socket error, a
 * timeout or no HTTP answer. A `body` (its bytes exactly as given) goes with a Content-Length.
 */
export async function rawRequest(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  timeoutMs = HANG_GUARD_MS,
  body?: string | Buffer,
): Promise<RawAnswer> {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const all = {
    Host: `127.0.0.1:${port}`,
    Connection: 'close',
    ...(bytes ? { 'Content-Length': String(bytes.length) } : {}),
    ...headers,
  };
  const lines = [`${method} ${target} HTTP/1.1`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`)];
  const exchange = await rawExchange(port, `${lines.join('\r\n')}\r\n\r\n`, {
    timeoutMs,
    ...(bytes ? { body: bytes } : {}),
  });
  if (exchange.error) throw exchange.error;
  if (!exchange.closed) throw new Error(`no complete answer to ${method} ${target} within ${timeoutMs} ms`);
  const text = exchange.bytes.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no HTTP answer to ${method} ${target}: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...headerLines] = text.slice(0, end).split('\r\n');
  const answerHeaders: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    answerHeaders[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const answerBody = text.slice(end + 4);
  let json: unknown;
  try {
    json = JSON.parse(answerBody);
  } catch {
    json = undefined;
  }
  return { status: Number(statusLine!.split(' ')[1]), headers: answerHeaders, body: answerBody, json };
}

/**
 * A chunked body that never ends, as a `body` writer for rawExchange: chunks of `chunkBytes` spaces,
 * four every 5 ms while the socket takes them. Call `stop()` once the exchange has settled.
 */
export function endlessChunks(chunkBytes: number): { body: NonNullable<RawExchangeOptions['body']>; stop: () => void } {
  const chunk = Buffer.concat([
    Buffer.from(`${chunkBytes.toString(16)}\r\n`),
    Buffer.alloc(chunkBytes, 0x20),
    Buffer.from('\r\n'),
  ]);
  let timer: NodeJS.Timeout | undefined;
  return {
    body: (write) => {
      timer = setInterval(() => {
        for (let i = 0; i < 4; i++) if (!write(chunk)) break;
      }, 5);
    },
    stop: () => clearInterval(timer),
  };
}
