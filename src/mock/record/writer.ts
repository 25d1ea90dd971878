// The recording file: a scenario (`{ "scripts": { "<API path>": [steps] } }`) that `--scenario`
// replays, rewritten whole after each answer through a temporary file and a rename, so that a crash
// loses nothing and a reader never sees half a file. Each server's answers are one script in order; a
// repeated identical answer (the same poll again) adds to the last step's `times`. Before anything is
// written it is scanned for credentials, and its size held to SCENARIO_MAX_BYTES.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Route } from '../engine/contract.js';
import { SCENARIO_MAX_BYTES } from '../texts/files.js';
import type { RecordedStep } from './step.js';
import { describeHits, scanForSecrets } from './secrets.js';
import { RecordStartError } from './upstream.js';

/** What became of an answer handed to the recording. */
export type Written = { written: true } | { written: false; why: string };

/** The step without its X-Request-Id and times: two answers equal here are one step repeated. */
const sameAnswer = (step: RecordedStep) => {
  const { times: _times, headers = {}, ...rest } = step;
  const { 'X-Request-Id': _id, ...others } = headers;
  return JSON.stringify({ ...rest, headers: others });
};

/** `text` with every occurrence of each real id replaced by its alias. */
function aliased(value: unknown, aliases: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const [real, alias] of aliases) text = text.split(real).join(alias);
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => aliased(item, aliases));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [aliased(key, aliases), aliased(item, aliases)]),
    );
  return value;
}

export interface RecordingWriterOptions {
  file: string;
  /** Replace each server id with a stable alias (`server-1`, `server-2`, … in order of first use). */
  aliasIds: boolean;
  /** Secrets looked for by value before each write (the upstream's and the mock's own). */
  secrets: readonly string[];
}

export class RecordingWriter {
  readonly #scripts: Record<string, RecordedStep[]> = {};
  readonly #aliases = new Map<string, string>();
  readonly #options: RecordingWriterOptions;
  /** Why nothing more is recorded (the file reached SCENARIO_MAX_BYTES), once it is so. */
  full: string | undefined;

  constructor(options: RecordingWriterOptions) {
    this.#options = options;
  }

  /** Writes the empty recording; a RecordStartError naming `to` when the file cannot be written. */
  start(): void {
    try {
      this.#write(this.#text());
    } catch (error) {
      throw new RecordStartError('to', `${this.#options.file} cannot be written: ${(error as Error).message}`);
    }
  }

  /** The alias of a server id, made on first use (or the id itself without aliasIds). */
  #idFor(id: string): string {
    if (!this.#options.aliasIds) return id;
    let alias = this.#aliases.get(id);
    if (alias === undefined) this.#aliases.set(id, (alias = `server-${this.#aliases.size + 1}`));
    return alias;
  }

  /** Appends the answer to `route` for server `id`, then writes the file; or says why it did not. */
  add(route: Route, id: string, answer: RecordedStep): Written {
    if (this.full) return { written: false, why: this.full };
    const path = route.pathFor(this.#idFor(id));
    const step = this.#options.aliasIds ? (aliased(answer, this.#aliases) as RecordedStep) : answer;
    const steps = this.#scripts[path] ?? [];
    const last = steps.at(-1);
    const repeat = last !== undefined && sameAnswer(last) === sameAnswer(step);
    const field = `.scripts[${JSON.stringify(path)}][${repeat ? steps.length - 1 : steps.length}]`;
    const hits = scanForSecrets(step, this.#options.secrets, field);
    if (hits.length)
      return { written: false, why: describeHits(this.#options.file, hits, 'this answer is not recorded') };
    if (repeat) last.times = (last.times ?? 1) + 1;
    else steps.push(step);
    this.#scripts[path] = steps;
    const text = this.#text();
    const bytes = Buffer.byteLength(text);
    if (bytes > SCENARIO_MAX_BYTES) {
      if (repeat) last.times = last.times === 2 ? undefined : last.times! - 1;
      else steps.pop();
      if (steps.length === 0) delete this.#scripts[path];
      this.full = `the recording would be ${bytes} bytes, over the ${SCENARIO_MAX_BYTES} a scenario may be (SCENARIO_MAX_BYTES): it is closed at its last answer; start another recording (--record-to) for the rest`;
      return { written: false, why: this.full };
    }
    try {
      this.#write(text);
    } catch (error) {
      this.full = `${this.#options.file} could not be written (${(error as Error).message}): the recording stops here`;
      return { written: false, why: this.full };
    }
    return { written: true };
  }

  #text(): string {
    return `${JSON.stringify({ scripts: this.#scripts }, null, 2)}\n`;
  }

  /** The whole file through a temporary one and a rename: a reader sees the old or the new, never half. */
  #write(text: string): void {
    const temporary = `${this.#options.file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, text);
      renameSync(temporary, this.#options.file);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
}
