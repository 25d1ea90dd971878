// The sms-command-mock bin as other teams run it: its options, a scenario file, signals; and the
// compiled mock where Prism is not installed. Hostile scenario files: mock-process-scenario.test.ts.
// A parent that dies: mock-lifecycle.test.ts.
import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { PRISM_INSTALL } from '../../src/mock.js';
import { mockBinFile } from '../support/mock-bin.js';
import { HANG_GUARD_MS } from '../support/waits.js';

const { scratch, bin } = await mockBinFile('sms-mock-bin-');

describe('sms-command-mock', () => {
  it('a port in use: exit 1, saying how to choose another', async () => {
    const first = bin([]);
    const port = new URL(await first.url()).port;
    const second = bin(['--port', port]);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `port ${port} on 127.0.0.1 is already in use: stop what listens there, or choose another port (sms-command-mock --port N; --port 0 picks a free one)`,
    );
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
  });

  it('--scenario FILE (YAML) scripts the answers from the start', async () => {
    const file = join(scratch, 'scenario.yaml');
    await writeFile(
      file,
      'scripts:\n  /v3/sources/s1/command:\n    - body: { command_name: SKIP }\n    - status: 404\n',
    );
    const run = bin(['--scenario', file]);
    const base = await run.url();
    const get = () =>
      fetch(`${base}/v3/sources/s1/command`, { headers: { 'X-Auth-Token': 't' } }).then(
        async (r) => [r.status, (await r.json()) as { command_name?: string; error_code?: string }] as const,
      );
    expect(await get()).toEqual([200, { command_name: 'SKIP' }]);
    expect(await get()).toEqual([404, expect.objectContaining({ error_code: 'SMS.2252' })]);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('a scenario that breaks the contract, or is not there, exits 2 naming the file and the field', async () => {
    const file = join(scratch, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({ scripts: { '/v3/sources/s1/command': [{ body: { command_name: 'REBOOT' } }] } }),
    );
    const bad = bin(['--scenario', file]);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain(
      `--scenario ${file}:1:48: scripts["/v3/sources/s1/command"] steps[0].body.command_name: "REBOOT" is not a documented value`,
    );
    const missing = bin(['--scenario', join(scratch, 'none.yaml')]);
    expect(await missing.exited).toBe(2);
    // Not there: one line, the bin's name, the file, and the way to the options; no ENOENT, no stack.
    expect(missing.output()).toBe(
      `sms-command-mock: --scenario ${join(scratch, 'none.yaml')}: there is no such file; run sms-command-mock --help for the options\n`,
    );
    const shape = join(scratch, 'shape.json');
    await writeFile(shape, '[]');
    const wrong = bin(['--scenario', shape]);
    expect(await wrong.exited).toBe(2);
    expect(wrong.output()).toContain(`--scenario ${shape}: expected { "scripts": { "<API path>": [steps] } }`);
  });

  /** The bin holding a request it never answers (a `hang` step); resolves once its journal has the request. */
  async function holding() {
    const file = join(scratch, 'hang.json');
    await writeFile(file, JSON.stringify({ scripts: { '/v3/sources/h/command': [{ fault: 'hang' }] } }));
    const run = bin(['--scenario', file]);
    const base = await run.url();
    const hanging = fetch(`${base}/v3/sources/h/command`, { headers: { 'X-Auth-Token': 't' } }).catch(
      (e: unknown) => e,
    );
    const held = () =>
      fetch(`${base}/__mock/requests`)
        .then((r) => r.json() as Promise<{ requests: Array<{ id?: string; verdict: string }> }>)
        .then((j) => j.requests.some((r) => r.id === 'h' && r.verdict === 'fault'));
    await expect.poll(held, { timeout: HANG_GUARD_MS, interval: 20 }).toBe(true);
    return { run, hanging };
  }

  it('SIGTERM stops it while a client holds a hanging request (the hang never ends by itself)', async () => {
    const { run, hanging } = await holding();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(await hanging).toBeInstanceOf(TypeError);
  });

  it('one SIGINT stops it cleanly: exit 0', async () => {
    const run = bin([]);
    await run.url();
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('without Prism installed: the exact install command', async () => {
    // The compiled modules (with the package's own import map) and the package's own dependencies, as
    // an install without the optional peer leaves them: no Prism anywhere the mock can look.
    const dir = join(scratch, 'no-prism');
    await cp(join(root, 'dist/src'), join(dir, 'dist/src'), { recursive: true });
    await cp(join(root, 'dist/generated'), join(dir, 'dist/generated'), { recursive: true });
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      imports?: unknown;
      dependencies: Record<string, string>;
    };
    await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module', imports: pkg.imports }));
    await mkdir(join(dir, 'node_modules'));
    for (const name of Object.keys(pkg.dependencies))
      await symlink(join(root, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
    const script =
      "import('./dist/src/mock.js').then((m) => m.startMock()).catch((e) => { console.log(e.name + ': ' + e.message); })";
    const child = spawn(process.execPath, ['-e', script], { cwd: dir });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    await new Promise((resolve) => child.once('close', resolve)); // after the last output
    expect(out.trim()).toBe(
      `MockStartError: Prism is not installed; the mock needs it. Install it with:\n  ${PRISM_INSTALL}`,
    );
  });
});
