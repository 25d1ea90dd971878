// "The bin exits when the process that started it dies (even by SIGKILL)", for each way a user starts
// it: the bin from another process, `npm start`, `npx sms-command-mock`. Killing the top process
// with SIGKILL must free the port within 2 s, although npm leaves a shell between it and the mock.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { STARTER_POLL_MS } from '../../src/mock/lifecycle.js';
import { watchProcess } from '../support/mock-bin.js';
import { freePort } from '../support/ports.js';
import { alive } from '../support/processes.js';

const BIN = join(root, 'dist/src/mock/cli.js');
const FREED_WITHIN_MS = 2000;
const started: number[] = [];
const cache = await mkdtemp(join(tmpdir(), 'sms-mock-npm-cache-'));
afterAll(async () => {
  for (const pid of started)
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  await rm(cache, { recursive: true, force: true });
});

/** Whether nothing listens on the port any more (a connection is refused). */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

/** The parent pid of a process, from /proc (these tests run on Linux). */
const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);

/**
 * Starts `command args` (which must start the mock on `port`), waits for the mock's banner, kills
 * the top process with SIGKILL and resolves with how long the port stayed taken. Every process on
 * the way (the top, a shell, the mock) is recorded for afterAll to kill by pid.
 */
async function killTop(command: string, args: string[], port: number): Promise<number> {
  const run = watchProcess(
    spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // npm without the network: no update check, no registry (npx finds this repository's own bin).
      env: {
        ...process.env,
        npm_config_update_notifier: 'false',
        npm_config_offline: 'true',
        npm_config_cache: cache,
        npm_config_audit: 'false',
        npm_config_fund: 'false',
      },
    }),
  );
  const top = run.child;
  started.push(top.pid!);
  const mockPid = Number((await run.waitFor(/answering on .*\(pid (\d+)\)/, 25_000))[1]);
  expect(mockPid, run.output()).toBeGreaterThan(0);
  started.push(mockPid);
  for (let pid = parentOf(mockPid); pid !== top.pid && pid > 1; pid = parentOf(pid)) started.push(pid); // the shells between
  expect(await refused(port)).toBe(false);
  const t0 = Date.now();
  top.kill('SIGKILL');
  await expect.poll(() => refused(port), { timeout: 5000, interval: 20 }).toBe(true);
  const took = Date.now() - t0;
  await expect.poll(() => alive(mockPid), { timeout: 3000, interval: 20 }).toBe(false);
  return took;
}

describe('hostile: lifecycle, SIGKILL of what started the mock frees the port', () => {
  it('the bin, started by another process', async () => {
    const port = await freePort();
    // A parent that starts the bin and then waits forever.
    const parent = `require('node:child_process').spawn(process.execPath, [${JSON.stringify(BIN)}, '--port', '${port}'], { stdio: 'inherit' }); setInterval(() => {}, 1000);`;
    expect(await killTop(process.execPath, ['-e', parent], port)).toBeLessThan(FREED_WITHIN_MS);
  });

  it('npm start (npm runs a shell, which runs scripts/start.mjs)', async () => {
    const port = await freePort();
    expect(await killTop('npm', ['start', '--silent', '--', '--port', String(port)], port)).toBeLessThan(
      FREED_WITHIN_MS,
    );
  });

  it("npx sms-command-mock (this repository's own bin, through npm exec)", async () => {
    const port = await freePort();
    expect(await killTop('npx', ['--offline', 'sms-command-mock', '--port', String(port)], port)).toBeLessThan(
      FREED_WITHIN_MS,
    );
  });

  it('--stay keeps it running after npm is killed', async () => {
    const port = await freePort();
    const run = watchProcess(
      spawn('npm', ['start', '--silent', '--', '--port', String(port), '--stay'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, npm_config_update_notifier: 'false' },
      }),
    );
    started.push(run.child.pid!);
    const mockPid = Number((await run.waitFor(/\(pid (\d+)\)/, 25_000))[1]);
    started.push(mockPid, parentOf(mockPid));
    run.child.kill('SIGKILL');
    await run.exited;
    // Proving a negative: from npm's death, four of the mock's checks (STARTER_POLL_MS) pass without it exiting.
    await new Promise((resolve) => setTimeout(resolve, 4 * STARTER_POLL_MS));
    expect(alive(mockPid)).toBe(true);
    expect(await refused(port)).toBe(false);
    process.kill(mockPid, 'SIGTERM');
    await expect.poll(() => refused(port), { timeout: 5000, interval: 20 }).toBe(true);
  });
});
