// The waits pending on the journal (`mock.waitForRequest`, `GET /__mock/requests/wait`): each is
// offered every entry added until one matches, its timeout passes, its signal aborts or the mock
// closes; whichever comes first frees its place at once.
import { JournalError } from '../../errors/journal-error.js';

/** The most waits (`waitForRequest`, `GET /__mock/requests/wait`) pending at once; the next is refused (429). */
export const MAX_PENDING_WAITS = 64;

interface Waiter<T> {
  offer: (item: T) => void;
  end: (error: JournalError) => void;
}

/** Pending waits for an item of type T (the journal's kept entries). */
export class Waits<T> {
  readonly #waiters = new Set<Waiter<T>>();

  /** How many waits are pending. */
  get pending(): number {
    return this.#waiters.size;
  }

  /** Offers `item` to every pending wait. */
  offer(item: T): void {
    for (const waiter of this.#waiters) waiter.offer(item);
  }

  /**
   * The first item offered that `take` turns into a result (undefined: not this one). Rejects with
   * `timedOut(offered)` after `timeoutMs`, a JournalError 429 when MAX_PENDING_WAITS are pending,
   * what `take` throws (it ends its own wait, not the caller of `offer`), `signal`'s reason when it
   * aborts, or the error given to `endAll`.
   */
  wait<R>(
    take: (item: T) => R | undefined,
    timeoutMs: number,
    timedOut: (offered: number) => JournalError,
    signal?: AbortSignal,
  ): Promise<R> {
    if (this.#waiters.size >= MAX_PENDING_WAITS)
      return Promise.reject(
        new JournalError(
          429,
          `${MAX_PENDING_WAITS} waits are already pending (MAX_PENDING_WAITS), the most the mock keeps: let some end first`,
          { limit: MAX_PENDING_WAITS },
        ),
      );
    return new Promise((resolve, reject) => {
      let offered = 0;
      const waiter: Waiter<T> = {
        offer: (item) => {
          offered++;
          let result: R | undefined;
          try {
            result = take(item);
          } catch (error) {
            done();
            return reject(error);
          }
          if (result === undefined) return;
          done();
          resolve(result);
        },
        end: (error) => {
          done();
          reject(error);
        },
      };
      const aborted = () => waiter.end(signal!.reason);
      const timer = setTimeout(() => waiter.end(timedOut(offered)), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', aborted);
        this.#waiters.delete(waiter);
      };
      signal?.addEventListener('abort', aborted, { once: true });
      this.#waiters.add(waiter);
    });
  }

  /** Ends every pending wait with `error` (the mock is closing). */
  endAll(error: JournalError): void {
    for (const waiter of [...this.#waiters]) waiter.end(error);
  }
}
