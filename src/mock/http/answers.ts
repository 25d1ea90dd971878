// How the mock writes an answer: JSON bodies, the X-Request-Id on everything, the refusals' shapes.
import type { ServerResponse } from 'node:http';
import { printableJson } from '../../text.js';

export interface MockAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON; a string is sent as it is (a scripted HTML page, say) unless `json` is set. */
  body?: unknown;
  /** Send a string body as JSON (a JSON string, such as v3's report answer), not as written. */
  json?: boolean;
}

/** Statuses that never carry a body (RFC 9110): no Content-Length either, which would tell a client to wait for one. */
const BODILESS = new Set([204, 304]);

export function send(res: ServerResponse, answer: MockAnswer): void {
  if (res.destroyed || res.headersSent) return;
  const bodiless = BODILESS.has(answer.status);
  const asJson = typeof answer.body !== 'string' || answer.json === true;
  const text =
    bodiless || answer.body === undefined
      ? ''
      : asJson
        ? printableJson(JSON.stringify(answer.body)) // an echoed AK's C1 or bidi bytes never reach a terminal raw
        : (answer.body as string);
  const headers: Record<string, string | number> = bodiless ? {} : { 'content-length': Buffer.byteLength(text) };
  if (!bodiless && answer.body !== undefined && asJson) headers['content-type'] = 'application/json';
  res.writeHead(answer.status, { ...headers, ...answer.headers });
  res.end(text);
}

/** How much JSON text `sendPieces` gathers before writing it to the socket. */
export const PIECES_CHUNK_CHARS = 16 * 1024;

/**
 * Sends `status` with a JSON body given as pieces of its text, gathered into writes of about
 * PIECES_CHUNK_CHARS and written only as the client reads: once the connection's buffers are full
 * it waits for 'drain' before taking the next piece, so a client that does not read holds about one
 * chunk and the socket's buffers, not the whole body. A body that fits in one chunk goes with a
 * Content-Length, a longer one chunked. Resolves once the body is written or the connection is
 * gone (close() destroys it).
 */
export function sendPieces(res: ServerResponse, status: number, pieces: Iterable<string>): Promise<void> {
  if (res.destroyed || res.headersSent) return Promise.resolve();
  const iterator = pieces[Symbol.iterator]();
  return new Promise((resolve) => {
    const finish = () => {
      res.off('drain', pump);
      res.off('close', finish);
      resolve();
    };
    function pump(): void {
      let chunk = '';
      try {
        for (;;) {
          if (res.destroyed) return finish();
          const next = iterator.next();
          if (next.done) {
            if (!res.headersSent)
              res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(chunk) });
            res.end(chunk);
            return finish();
          }
          chunk += next.value;
          if (chunk.length >= PIECES_CHUNK_CHARS) {
            if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' }); // chunked
            const room = res.write(chunk);
            chunk = '';
            if (!room) return; // 'drain' calls pump again
          }
        }
      } catch (error) {
        res.destroy(error as Error); // the status may be sent: a cut-off body is all that can say so
        finish();
      }
    }
    res.on('drain', pump);
    res.once('close', finish);
    pump();
  });
}

/** The gateway's 401, with its documented code and the reason after its documented prefix. */
export const unauthorized = (reason: string, requestId: string): MockAnswer => ({
  status: 401,
  body: {
    error_code: 'APIGW.0301',
    error_msg: `Incorrect IAM authentication information: ${reason}`,
    request_id: requestId,
  },
});

/**
 * The service's own refusals in the documented error body, with a code the pages give (SMS.2004,
 * SMS.2005, SMS.2006, SMS.2009: the v1-era error list).
 */
export const serviceError = (status: number, code: string, message: string, requestId: string): MockAnswer => ({
  status,
  body: { error_code: code, error_msg: message, request_id: requestId },
});

/**
 * The mock's own refusals, in the documented error body's shape. The pages name no code for a
 * malformed request or an unknown path, so the code says the answer is the mock's (`MOCK.<status>`).
 */
export const refusal = (status: number, message: string, requestId: string): MockAnswer => ({
  status,
  body: { error_code: `MOCK.${String(status).padStart(4, '0')}`, error_msg: message, request_id: requestId },
});
