// A child process that runs the mock's bin (directly, through npm start or npx), as the package tests
// watch it: its output so far, its exit, and a wait for a line of output that resolves on the output
// itself (no polling), or fails at once when the process ends first.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { HANG_GUARD_MS, NPM_GUARD_MS } from './waits.js';

export interface WatchedProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved as they came. */
  output(): string;
  /** The exit code (null after a signal). */
  exited: Promise<number | null>;
  /** The first match of `pattern` in the output, now or once it is written; rejects when the process ends without it or `timeoutMs` pass. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

export function watchProcess(child: ChildProcess): WatchedProcess {
  let out = '';
  const readers = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk;
    for (const read of readers) read();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // 'close' comes after the last output: nothing more can match then.
  const closed = new Promise<void>((done) => child.once('close', () => done()));
  const waitFor = (pattern: RegExp, timeoutMs = NPM_GUARD_MS) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const read = () => {
        const match = pattern.exec(out);
        if (!match) return;
        finish();
        resolve(match);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${out}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        readers.delete(read);
      };
      readers.add(read);
      void closed.then(() => {
        if (!readers.has(read)) return;
        finish();
        reject(
          new Error(
            `the process ended (exit ${child.exitCode ?? child.signalCode}) without ${pattern} in its output:\n${out}`,
          ),
        );
      });
      read();
    });
  return { child, output: () => out, exited, waitFor };
}

/**
 * A test file's scratch folder and its record of the processes it starts: each pid given to `track`
 * is killed, and the folder removed, after the file's tests, even when they fail.
 */
export async function processFile(prefix: string) {
  const scratch = await mkdtemp(join(tmpdir(), prefix));
  const started: number[] = [];
  afterAll(async () => {
    for (const pid of started)
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    await rm(scratch, { recursive: true, force: true });
  });
  return { scratch, track: (...pids: number[]) => void started.push(...pids) };
}

/** The built bin, as the package tests run it. */
export const MOCK_BIN = join(root, 'dist/src/mock/cli.js');

export interface BinOptions {
  /** Arguments for node before the bin's, such as a heap cap. */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  /** Add `--port 0` unless the arguments name a port (default true; false for `--check-scenario`). */
  freePort?: boolean;
}

/**
 * processFile's scratch folder, and its way to run the built bin, each run killed after the file's
 * tests. A run's `ended()` resolves to its exit code and output once it exits, or to `running` (the
 * process then killed) when it still runs after `guardMs`: a bin that was meant to refuse and started.
 */
export async function mockBinFile(prefix: string) {
  const { scratch, track } = await processFile(prefix);
  const bin = (args: string[], { nodeArgs = [], env = process.env, freePort = true }: BinOptions = {}) => {
    const port = freePort && !args.includes('--port') ? ['--port', '0'] : [];
    const run = watchProcess(
      spawn(process.execPath, [...nodeArgs, MOCK_BIN, ...port, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env }),
    );
    track(run.child.pid!);
    const url = async () => (await run.waitFor(/answering on (http:\/\/\S+)/))[1]!;
    const ended = async (guardMs = HANG_GUARD_MS) => {
      const code = await Promise.race([
        run.exited,
        new Promise<'running'>((done) => setTimeout(() => done('running'), guardMs).unref()),
      ]);
      if (code === 'running') run.child.kill('SIGKILL');
      return { code, output: run.output() };
    };
    return { ...run, url, ended };
  };
  return { scratch, bin };
}
