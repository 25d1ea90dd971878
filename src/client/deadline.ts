// The client's own deadline (`timeoutMs`) for each request, from sending to the body's last byte.

/** The reason our own deadline aborts with, told apart from whatever the caller's signal carries. */
export class ClientTimeout extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * Deadlines, swept by one shared interval rather than a timer per request: setTimeout and
 * clearTimeout per call were a measurable share of the client's CPU (bench row "showCommand CPU/call").
 * A request times out at most SWEEP_MS after its deadline.
 */
const SWEEP_MS = 25;
const deadlines = new Map<AbortController, [deadline: number, timeoutMs: number]>();
let sweeper: ReturnType<typeof setInterval> | undefined;

function sweep() {
  const now = Date.now();
  for (const [controller, [deadline, timeoutMs]] of deadlines) {
    if (deadline > now) continue;
    deadlines.delete(controller);
    controller.abort(new ClientTimeout(`no answer within ${timeoutMs} ms`));
  }
  if (!deadlines.size) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
}

/** Aborts `controller` with a ClientTimeout once `timeoutMs` have passed, unless `unwatch`ed first. */
export function watch(controller: AbortController, timeoutMs: number) {
  deadlines.set(controller, [Date.now() + timeoutMs, timeoutMs]);
  if (!sweeper) {
    sweeper = setInterval(sweep, SWEEP_MS);
    (sweeper as { unref?: () => void }).unref?.();
  }
}

/** The request is over: its deadline no longer applies. */
export function unwatch(controller: AbortController) {
  deadlines.delete(controller);
}
