// `npm start` as a newcomer runs it: prints the base URL, the demo AK/SK and curl examples once it
// answers, honours PORT and --port, and leaves nothing behind on Ctrl-C or when npm gets SIGTERM.
import { execFile, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { alive } from '../support/processes.js';
import { DEMO_CREDENTIALS } from '../../src/mock.js';
import { watchProcess } from '../support/mock-bin.js';
import { freePort } from '../support/ports.js';
import { HANG_GUARD_MS } from '../support/waits.js';

function launch(args: string[], env: Record<string, string> = {}) {
  const run = watchProcess(
    spawn(process.execPath, [join(root, 'scripts/start.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  return { ...run, banner: async () => (await run.waitFor(/Ctrl-C stops it/), run.output()) };
}

describe('npm start', () => {
  it('serves both versions on PORT, prints the URL, the demo AK/SK and curl commands, and stops cleanly on SIGINT', async () => {
    const port = await freePort();
    const run = launch([], { PORT: String(port) });
    const banner = await run.banner();
    const base = `http://127.0.0.1:${port}`;
    expect(banner).toContain(`answering on ${base}`);
    expect(banner).toContain(`Demo AK/SK (verified signatures): AK ${DEMO_CREDENTIALS.ak}  SK ${DEMO_CREDENTIALS.sk}`);
    const curls = banner.split('\n').filter((line) => line.trim().startsWith('curl '));
    expect(curls).toHaveLength(3);
    expect(curls.join('\n')).toContain(`${base}/v3/sources/`);
    expect(curls.join('\n')).toContain(`${base}/__mock/requests`);
    const mockPid = Number(/\(pid (\d+)\)/.exec(banner)?.[1]);
    try {
      expect(mockPid).toBe(run.child.pid);
      for (const path of ['/v3/sources/x/command', '/v1/sms/sources/x/command']) {
        expect((await fetch(base + path, { headers: { 'X-Auth-Token': 't' } })).status).toBe(200);
      }
      // The banner's PUT works as printed (the control API wants a JSON content type).
      const put = curls.find((line) => line.includes('-X PUT'))!;
      const { stdout } = await promisify(execFile)('sh', ['-c', `${put.trim()} -sS`]);
      expect(JSON.parse(stdout)).toMatchObject({ served: 0, remaining: [{ body: { command_name: 'STOP' } }] });
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
    expect(alive(mockPid)).toBe(false);
  });

  it('leaves nothing behind when npm itself is sent SIGTERM', async () => {
    const port = await freePort();
    const {
      child: npm,
      exited,
      waitFor,
      output,
    } = watchProcess(
      spawn('npm', ['start', '--silent', '--', '--port', String(port)], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, npm_config_update_notifier: 'false' },
      }),
    );
    try {
      await waitFor(/Ctrl-C stops it/);
      const mockPid = Number(/\(pid (\d+)\)/.exec(output())?.[1]);
      expect(alive(mockPid)).toBe(true);
      npm.kill('SIGTERM');
      await exited;
      await expect.poll(() => alive(mockPid), { timeout: HANG_GUARD_MS, interval: 50 }).toBe(false);
      await expect
        .poll(
          () =>
            fetch(`http://127.0.0.1:${port}/v3/sources/x/command`).then(
              () => 'answering',
              () => 'gone',
            ),
          { timeout: HANG_GUARD_MS },
        )
        .toBe('gone');
    } finally {
      npm.kill('SIGKILL');
    }
  });

  it('a port taken: the hint names npm start, the command that was run, with PORT or --port as given', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const taken = `port ${port} on 127.0.0.1 is already in use: stop what listens there, or choose another port`;
    try {
      const byEnv = launch([], { PORT: String(port) });
      expect(await byEnv.exited).toBe(1);
      expect(byEnv.output()).toContain(`${taken} (PORT=N npm start; PORT=0 picks a free one)\n`);
      const byOption = launch(['--port', String(port)]);
      expect(await byOption.exited).toBe(1);
      expect(byOption.output()).toContain(`${taken} (npm start -- --port N; --port 0 picks a free one)\n`);
      expect(byEnv.output() + byOption.output()).not.toContain('sms-command-mock --port');
    } finally {
      blocker.close();
    }
  });

  it('rejects a port that is not a number (exit 2: a usage error)', async () => {
    const run = launch(['--port', 'eighty']);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain(
      'sms-command-mock: --port "eighty" is not a whole number from 0 to 65535\nRun sms-command-mock --help for the options.',
    );
  });
});
