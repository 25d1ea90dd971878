// The control API's long poll, `GET /__mock/requests/wait`: the admin's wait with the journal's filter
// and a `timeout_ms`. A client that leaves frees its place among MAX_PENDING_WAITS at once: the wait
// listens on the connection, not on its own response, which a pipelined request (queued behind
// another on the same connection) does not have yet.
import { setMaxListeners } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { send } from '../http/answers.js';
import { journalFilter, waitTimeout } from '../journal/filter.js';
import { MAX_PENDING_WAITS } from '../journal/waits.js';
import { DEFAULT_WAIT_MS, type MockAdmin } from './service.js';

/** Aborted when a connection closes, one per connection: every wait on it (pipelined requests included) listens. */
const connectionsGone = new WeakMap<Socket, AbortSignal>();
function goneSignal(socket: Socket): AbortSignal {
  let signal = connectionsGone.get(socket);
  if (!signal) {
    const gone = new AbortController();
    setMaxListeners(MAX_PENDING_WAITS + 1, gone.signal); // each pending wait on the connection adds one
    socket.once('close', () => gone.abort(new Error('the client closed the connection')));
    signal = gone.signal;
    connectionsGone.set(socket, signal);
  }
  return signal;
}

/** Answers the first matching entry (200); a refusal or a timeout is the admin's JournalError, thrown. */
export async function answerWait(
  admin: MockAdmin,
  req: IncomingMessage,
  res: ServerResponse,
  query: Record<string, unknown>,
): Promise<void> {
  const { timeout_ms: timeout, ...rest } = query;
  const filter = journalFilter(rest, ['timeout_ms']);
  const timeoutMs = timeout === undefined ? DEFAULT_WAIT_MS : waitTimeout(timeout, 'timeout_ms');
  if (req.socket.destroyed) return; // already gone: nobody to wait for
  const signal = goneSignal(req.socket);
  try {
    send(res, { status: 200, body: await admin.waitForRequest(filter, { timeoutMs, signal }) });
  } catch (error) {
    if (signal.aborted && error === signal.reason) return;
    throw error;
  }
}
