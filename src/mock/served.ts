// What the mock last served to each server: the command of its last 200 with a `command_name`, per
// version and id. A report (UpdateCommandResult) of another command is what the service refuses with
// SMS.2009, "The command sent by the client is inconsistent with that on the SMS service" (the v1-era
// error list; our reading, written in both specs: the command SMS last sent to that server).
import type { Version } from './contract.js';

/** Servers (version and id) whose last command the mock remembers; the least recently served is forgotten first. */
export const MAX_SERVED_SERVERS = 10_000;

export class Served {
  readonly #last = new Map<string, string>();
  readonly limit: number;

  constructor(limit = MAX_SERVED_SERVERS) {
    this.limit = limit;
  }

  /** Records that `command` was just served to the server `id` of `version`. */
  record(version: Version, id: string, command: string): void {
    const key = `${version} ${id}`;
    this.#last.delete(key); // re-inserted last: the Map's order is the order served
    this.#last.set(key, command);
    if (this.#last.size > this.limit) this.#last.delete(this.#last.keys().next().value!);
  }

  /** The command last served to that server, or undefined when none was (or it was forgotten). */
  last(version: Version, id: string): string | undefined {
    return this.#last.get(`${version} ${id}`);
  }

  clear(): void {
    this.#last.clear();
  }
}
