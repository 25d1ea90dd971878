// The sms-command-mock bin as other teams run it: a scenario file, signals, and a parent that dies;
// and the compiled mock where Prism is not installed.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { PRISM_INSTALL } from '../../src/mock.js';
import { alive } from '../support/processes.js';

const BIN = join(root, 'dist/src/mock/cli.js');
const scratch = await mkdtemp(join(tmpdir(), 'sms-mock-bin-'));
const started: number[] = [];
afterAll(async () => {
  for (const pid of started) try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  await rm(scratch, { recursive: true, force: true });
});


function bin(args: string[]) {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child.pid!);
  let out = '';
  child.stdout.on('data', (c) => { out += c; });
  child.stderr.on('data', (c) => { out += c; });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = async () => {
    await expect.poll(() => /answering on (http:\/\/\S+)/.exec(out)?.[1] ?? (child.exitCode !== null ? 'exited' : undefined), { timeout: 15_000, interval: 25 }).toBeDefined();
    const found = /answering on (http:\/\/\S+)/.exec(out)?.[1];
    if (!found) throw new Error(`no URL:\n${out}`);
    return found;
  };
  return { child, exited, url, output: () => out };
}

describe('sms-command-mock', () => {
  it('--scenario FILE (YAML) scripts the answers from the start', async () => {
    const file = join(scratch, 'scenario.yaml');
    await writeFile(file, 'scripts:\n  /v3/sources/s1/command:\n    - body: { command_name: SKIP }\n    - status: 404\n');
    const run = bin(['--scenario', file]);
    const base = await run.url();
    const get = () => fetch(`${base}/v3/sources/s1/command`, { headers: { 'X-Auth-Token': 't' } }).then(async (r) => [r.status, (await r.json()) as { command_name?: string; error_code?: string }] as const);
    expect(await get()).toEqual([200, { command_name: 'SKIP' }]);
    expect(await get()).toEqual([404, expect.objectContaining({ error_code: 'SMS.2252' })]);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('a scenario that breaks the contract, or is not there, exits 2 naming the file and the field', async () => {
    const file = join(scratch, 'bad.json');
    await writeFile(file, JSON.stringify({ scripts: { '/v3/sources/s1/command': [{ body: { command_name: 'REBOOT' } }] } }));
    const bad = bin(['--scenario', file]);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain(`--scenario ${file}: scripts["/v3/sources/s1/command"][0].body.command_name: "REBOOT" is not a documented value`);
    const missing = bin(['--scenario', join(scratch, 'none.yaml')]);
    expect(await missing.exited).toBe(2);
    expect(missing.output()).toContain(`--scenario ${join(scratch, 'none.yaml')}: ENOENT`);
    const shape = join(scratch, 'shape.json');
    await writeFile(shape, '[]');
    const wrong = bin(['--scenario', shape]);
    expect(await wrong.exited).toBe(2);
    expect(wrong.output()).toContain(`--scenario ${shape}: expected { "scripts": { "<API path>": [steps] } }`);
  });

  it('SIGTERM stops it promptly while a client holds a hanging request', async () => {
    const file = join(scratch, 'hang.json');
    await writeFile(file, JSON.stringify({ scripts: { '/v3/sources/h/command': [{ fault: 'hang' }] } }));
    const run = bin(['--scenario', file]);
    const base = await run.url();
    const hanging = fetch(`${base}/v3/sources/h/command`, { headers: { 'X-Auth-Token': 't' } }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const t0 = Date.now();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(await hanging).toBeInstanceOf(TypeError);
  });

  it('a second SIGINT ends it at once', async () => {
    const run = bin([]);
    await run.url();
    run.child.kill('SIGINT');
    run.child.kill('SIGINT');
    expect([0, 130]).toContain(await run.exited);
  });

  it('exits when the process that started it is killed with SIGKILL', async () => {
    // A parent that starts the bin, reports its pid, then waits forever.
    const script = `const c = require('node:child_process').spawn(process.execPath, [${JSON.stringify(BIN)}, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
c.stdout.on('data', (d) => { if (String(d).includes('answering on')) console.log('CHILD ' + c.pid); });
setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    started.push(parent.pid!);
    let out = '';
    parent.stdout.on('data', (c) => { out += c; });
    await expect.poll(() => /CHILD (\d+)/.test(out), { timeout: 15_000, interval: 25 }).toBe(true);
    const childPid = Number(/CHILD (\d+)/.exec(out)![1]);
    started.push(childPid);
    expect(alive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    await expect.poll(() => alive(childPid), { timeout: 5000, interval: 50 }).toBe(false);
  });

  it('without Prism installed: the exact install command', async () => {
    // The compiled modules alone, where no node_modules can be found.
    const dir = join(scratch, 'no-prism');
    await cp(join(root, 'dist/src'), join(dir, 'src'), { recursive: true });
    await writeFile(join(dir, 'package.json'), '{"type":"module"}');
    const script = "import('./src/mock.js').then((m) => m.startMock()).catch((e) => { console.log(e.name + ': ' + e.message); })";
    const child = spawn(process.execPath, ['-e', script], { cwd: dir });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(out.trim()).toBe(`MockStartError: Prism is not installed; the mock needs it. Install it with:\n  ${PRISM_INSTALL}`);
  });
});
