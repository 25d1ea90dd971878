// "The bin exits when the process that started it dies (even by SIGKILL)", for each way a user starts
// it: the bin from another process, `npm start`, `npx sms-command-mock`. Killing the top process
// with SIGKILL frees the port, although npm leaves a shell between it and the mock. (How soon is the
// mock's STARTER_POLL_MS; the tests wait for the event, whatever the machine's load.)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { MOCK_BIN, processFile, watchProcess } from '../support/mock-bin.js';
import { QUIET_NPM_ENV } from '../support/npm-env.js';
import { freePort } from '../support/ports.js';
import { alive } from '../support/processes.js';
import { HANG_GUARD_MS } from '../support/waits.js';

const { scratch: cache, track } = await processFile('sms-mock-npm-cache-');

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

/** `command args` (which must start the mock on `port`) running, once the mock's banner is out: the top process and the mock's pid. */
async function startTop(command: string, args: string[], port: number) {
  const run = watchProcess(
    spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // npm without the network: no update check, no registry (npx finds this repository's own bin).
      env: { ...QUIET_NPM_ENV, npm_config_offline: 'true', npm_config_cache: cache },
    }),
  );
  const top = run.child;
  track(top.pid!);
  const mockPid = Number((await run.waitFor(/answering on .*\(pid (\d+)\)/))[1]);
  expect(mockPid, run.output()).toBeGreaterThan(0);
  track(mockPid);
  for (let pid = parentOf(mockPid); pid !== top.pid && pid > 1; pid = parentOf(pid)) track(pid); // the shells between
  expect(await refused(port)).toBe(false);
  return { top, mockPid };
}

/** The mock is gone: its port refuses connections and its process has exited. */
async function gone(port: number, mockPid: number) {
  await expect.poll(() => refused(port), { timeout: HANG_GUARD_MS, interval: 20 }).toBe(true);
  await expect.poll(() => alive(mockPid), { timeout: HANG_GUARD_MS, interval: 20 }).toBe(false);
}

/**
 * Starts `command args` (which must start the mock on `port`), waits for the mock's banner, kills
 * the top process with SIGKILL and resolves once the mock is gone. Every process on the way (the
 * top, a shell, the mock) is recorded for afterAll to kill by pid.
 */
async function killTop(command: string, args: string[], port: number): Promise<void> {
  const { top, mockPid } = await startTop(command, args, port);
  top.kill('SIGKILL');
  await gone(port, mockPid);
}

describe('hostile: lifecycle, SIGKILL of what started the mock frees the port', () => {
  it('the bin, started by another process', async () => {
    const port = await freePort();
    // A parent that starts the bin and then waits forever.
    const parent = `require('node:child_process').spawn(process.execPath, [${JSON.stringify(MOCK_BIN)}, '--port', '${port}'], { stdio: 'inherit' }); setInterval(() => {}, 1000);`;
    await killTop(process.execPath, ['-e', parent], port);
  });

  it('npm start (npm runs a shell, which runs scripts/start.mjs)', async () => {
    const port = await freePort();
    await killTop('npm', ['start', '--silent', '--', '--port', String(port)], port);
  });

  it("npx sms-command-mock (this repository's own bin, through npm exec)", async () => {
    const port = await freePort();
    await killTop('npx', ['--offline', 'sms-command-mock', '--port', String(port)], port);
  });

  it('--stay keeps it running after npm is killed', async () => {
    const [port, otherPort] = [await freePort(), await freePort()];
    const [stay, other] = await Promise.all([
      startTop('npm', ['start', '--silent', '--', '--port', String(port), '--stay'], port),
      startTop('npm', ['start', '--silent', '--', '--port', String(otherPort)], otherPort),
    ]);
    stay.top.kill('SIGKILL');
    other.top.kill('SIGKILL');
    // Proving a negative by an event, not a sleep: the same mock without --stay, orphaned at the same
    // moment and checking on the same STARTER_POLL_MS, has noticed and exited; this one runs on.
    await gone(otherPort, other.mockPid);
    expect(alive(stay.mockPid)).toBe(true);
    expect(await refused(port)).toBe(false);
    process.kill(stay.mockPid, 'SIGTERM');
    await gone(port, stay.mockPid);
  });
});
