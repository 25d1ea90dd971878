// What the mock last served to each server: the command of its last 200 with a `command_name`, per
// version and id. A report (UpdateCommandResult) of another command is what the service refuses with
// SMS.2009, "The command sent by the client is inconsistent with that on the SMS service" (the v1-era
// error list; our reading, written in both specs: the command SMS last sent to that server).
//
// Which server is forgotten past MAX_SERVED_SERVERS: first the one whose report came back longest
// ago, and only when every server remembered still has its report pending, the least recently
// served. A server whose report is pending is the one an Agent is about to need (forgetting it turns
// its report into SMS.2009); one already reported needs it only for a retry of the same report. We do
// not refuse to remember new servers when all are pending: a long run with more than 10,000
// servers that never report would then fail every new Agent, which is worse than forgetting the
// oldest. A flood of GETs is no longer a web page's to send (cors.ts refuses foreign pages), and a
// local client can clear this memory with POST /__mock/reset anyway: no order defends against it.
import type { Version } from '../engine/contract.js';

/** Servers (version and id) whose last command the mock remembers; the reported ones are forgotten first. */
export const MAX_SERVED_SERVERS = 10_000;

export class Served {
  /** Servers whose last command has no 2xx report yet, least recently served first (a Map keeps insertion order). */
  readonly #pending = new Map<string, string>();
  /** Servers whose last command was reported (2xx), least recently reported first. */
  readonly #reported = new Map<string, string>();
  readonly limit: number;

  constructor(limit = MAX_SERVED_SERVERS) {
    this.limit = limit;
  }

  /** Records that `command` was just served to the server `id` of `version`: its report is pending. */
  record(version: Version, id: string, command: string): void {
    const key = `${version} ${id}`;
    this.#reported.delete(key);
    this.#pending.delete(key); // re-inserted last: the Map's order is the order served
    this.#pending.set(key, command);
    while (this.#pending.size + this.#reported.size > this.limit) {
      const oldest = this.#reported.size ? this.#reported : this.#pending;
      oldest.delete(oldest.keys().next().value!);
    }
  }

  /** A report of `command` by that server was accepted (2xx): when it is the command last served, it is no longer pending. */
  reported(version: Version, id: string, command: string): void {
    const key = `${version} ${id}`;
    if (this.last(version, id) !== command) return;
    this.#pending.delete(key);
    this.#reported.delete(key); // re-inserted last: the Map's order is the order reported
    this.#reported.set(key, command);
  }

  /** The command last served to that server, or undefined when none was (or it was forgotten). */
  last(version: Version, id: string): string | undefined {
    const key = `${version} ${id}`;
    return this.#pending.get(key) ?? this.#reported.get(key);
  }

  clear(): void {
    this.#pending.clear();
    this.#reported.clear();
  }
}
