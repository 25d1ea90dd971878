// sms-command-contract/mock: startMock as consumers use it — ports, clean shutdown, clear failures,
// dynamic data that the clients read, and --errors.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../scripts/root.mjs';
import { MockStartError, PRISM_INSTALL, startMock } from '../src/mock.js';
import * as v1 from '../src/v1.js';
import * as v3 from '../src/v3.js';

const SPEC = join(root, 'dist/sms-command.yaml');
const scratch = await mkdtemp(join(tmpdir(), 'sms-mock-lib-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A copy of the bundled spec with every `find` replaced (which must be there), in the scratch dir. */
async function specWith(name: string, find: string, replacement: string): Promise<string> {
  const text = await readFile(SPEC, 'utf8');
  expect(text).toContain(find);
  const path = join(scratch, name);
  await writeFile(path, text.replaceAll(find, replacement));
  return path;
}

async function commands(url: string, count: number) {
  const c3 = v3.createSmsClient({ endpoint: url, auth: { token: 't' } });
  const c1 = v1.createSmsClient({ endpoint: url, auth: { token: 't' } });
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) out.push(await (i % 2 ? v1.showCommand(c1, `s${i}`) : v3.showCommand(c3, `s${i}`)));
  return out;
}

describe('startMock', () => {
  it('dynamic: hundreds of generated answers all read through showCommand; a seed makes them repeatable', async () => {
    // The unseeded mock's v3 task_id asks Prism for faker data: faker, which the mock defers until
    // first use (src/prism-child.ts), must still load and answer.
    const v3TaskId = '          maxLength: 255\n          description: The migration task ID.\n';
    const fakerSpec = await specWith('faker.yaml', v3TaskId, `${v3TaskId}          x-faker: datatype.uuid\n`);
    const [random, seeded, again] = await Promise.all([
      startMock({ port: 0, spec: fakerSpec, dynamic: true }),
      startMock({ port: 0, spec: SPEC, dynamic: true, seed: 7 }),
      startMock({ port: 0, spec: SPEC, dynamic: true, seed: 7 }),
    ]);
    try {
      const many = await commands(random.url, 300);
      expect(many).toHaveLength(300);
      // Generated from the schemas, not the named examples: many different bodies.
      expect(new Set(many.map((c) => JSON.stringify(c))).size).toBeGreaterThan(100);
      const taskIds = many.filter((_, i) => i % 2 === 0).map((c) => (c as v3.Command).param?.task_id);
      expect(taskIds.length).toBe(150);
      for (const id of taskIds) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const first = await commands(seeded.url, 4);
      expect(await commands(again.url, 4)).toEqual(first);
      expect(first).not.toEqual(many.slice(0, 4));
    } finally {
      await Promise.all([random.close(), seeded.close(), again.close()]);
    }
  });

  it('errors: a response that violates the spec becomes a 500; port 0 and close() as consumers use them', async () => {
    const spec = await specWith('violating.yaml', 'command_name: STOP', 'command_name: 42');
    const mock = await startMock({ port: 0, spec, errors: true });
    try {
      // Port 0: a free port on 127.0.0.1, resolved once it answers.
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(mock.url).not.toBe('http://127.0.0.1:0');
      const client = v3.createSmsClient({ endpoint: mock.url, auth: { token: 't' }, headers: { Prefer: 'example=stop' } });
      await expect(v3.showCommand(client, 'x')).rejects.toMatchObject({ code: 'HTTP', status: 500 });
      await expect(v3.showCommand(v3.createSmsClient({ endpoint: mock.url, auth: { token: 't' } }), 'x')).resolves.toMatchObject({ name: 'START' });
    } finally {
      await mock.close();
    }
    // close() leaves no process behind, and may be called again.
    expect(alive(mock.pid)).toBe(false);
    await mock.close();
  });

  it('a port in use: a clear MockStartError, at once', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const started = Date.now();
      const error = await startMock({ port, spec: SPEC }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MockStartError);
      expect((error as Error).message).toBe(`port ${port} on 127.0.0.1 is already in use: stop what listens there, or choose another port`);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      blocker.close();
    }
  });

  it('a Prism that dies at start: a MockStartError with what Prism said', async () => {
    const spec = join(scratch, 'not-openapi.yaml');
    await writeFile(spec, 'foo: bar\n');
    const error = await startMock({ port: 0, spec }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toMatch(/Prism exited \(1\) before answering on http:\/\/127\.0\.0\.1:\d+:\n[\s\S]*Unsupported document format/);
  });

  it('a Prism that does not answer in time: a MockStartError, and the process is stopped', async () => {
    const error = await startMock({ port: 0, spec: SPEC, startTimeoutMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toMatch(/did not answer on http:\/\/127\.0\.0\.1:\d+ within 1 ms/);
  });

  it('a missing document and a bad port are refused before spawning', async () => {
    await expect(startMock({ spec: join(scratch, 'nope.yaml') })).rejects.toThrow(/does not exist/);
    await expect(startMock({ port: 70000, spec: SPEC })).rejects.toThrow(/invalid port: 70000/);
  });

  it('without Prism installed: the exact install command', async () => {
    // The compiled module alone, where no node_modules can be found.
    const dir = join(scratch, 'no-prism');
    await cp(join(root, 'dist/src/mock.js'), join(dir, 'mock.js'));
    await writeFile(join(dir, 'package.json'), '{"type":"module"}');
    const script = "import('./mock.js').then((m) => m.startMock()).catch((e) => { console.log(e.name + ': ' + e.message); })";
    const child = spawn(process.execPath, ['-e', script], { cwd: dir });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(out.trim()).toBe(`MockStartError: Prism is not installed; the mock needs it. Install it with:\n  ${PRISM_INSTALL}`);
  });
});
