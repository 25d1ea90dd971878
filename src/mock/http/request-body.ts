// Request bodies read bounded, and refused so that the client gets the refusal: the control API's
// PUT (MAX_CONTROL_BODY) and a report's POST (the spec's x-max-body-bytes) both read through here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * After refusing an oversized body, how long the mock goes on reading (and discarding) it before
 * closing the connection. Closing with the body unread makes the kernel reset the connection, which
 * can throw away the refusal before the client reads it.
 */
export const REFUSED_BODY_LINGER_MS = 2000;

/** The client went away before its body ended: not the mock's failure, and nobody to answer. */
export class ClientGone extends Error {}

/**
 * The body's bytes, or undefined once it is over `limit` (declared in Content-Length or as it
 * arrives); past the limit nothing more is kept. The caller then answers with `answerUnread`.
 * Rejects with ClientGone when the connection closes before the body's end.
 */
export function readBounded(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.off('data', onData);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    const gone = () => reject(new ClientGone(`the client went away after ${size} bytes of the body, before its end`));
    req.on('error', (error) => (req.complete ? reject(error) : gone()));
    req.on('close', () => req.complete || gone());
  });
}

/**
 * Prepares an answer to a request whose body is left unread (too large, or refused before it was
 * read) so that the client gets it even while it is still sending: `Connection: close`, and instead
 * of Node's `socket.destroySoon()` (which closes as soon as the answer is written, with the body
 * unread, so the kernel resets the connection and the client may never see the answer) the close
 * waits until the client closes its side or REFUSED_BODY_LINGER_MS pass, the rest of the body read
 * and dropped meanwhile: bounded, however long the client goes on sending. Call it, then send.
 */
export function lingerAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket as Socket & { destroySoon?: () => void };
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end();
    const timer = setTimeout(() => this.destroy(), REFUSED_BODY_LINGER_MS);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
  };
  req.resume(); // flowing with no listener: the rest is read and dropped
  res.setHeader('Connection', 'close');
}
