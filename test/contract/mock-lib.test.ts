// sms-command-contract/mock as a library: ports, a bounded close, clear failures at start, dynamic
// data that the clients read, and --errors.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { isMockStartError } from '../../src/errors.js';
import { MockStartError, startMock } from '../../src/mock.js';
import * as v1 from '../../src/v1.js';
import * as v3 from '../../src/v3.js';
import { HANG_GUARD_MS } from '../support/waits.js';

const SPEC = join(root, 'dist/sms-command.yaml');
const scratch = await mkdtemp(join(tmpdir(), 'sms-mock-lib-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A copy of the bundled spec with every `find` replaced (which must be there), in the scratch dir. */
async function specWith(name: string, find: string, replacement: string): Promise<string> {
  const text = await readFile(SPEC, 'utf8');
  expect(text).toContain(find);
  const path = join(scratch, name);
  await writeFile(path, text.replaceAll(find, replacement));
  return path;
}

async function commands(url: string, count: number) {
  // The client's own 30 s timeout is no hang guard on a loaded machine (the first answer loads faker).
  const options = { endpoint: url, auth: { token: 't' }, timeoutMs: HANG_GUARD_MS };
  const c3 = v3.createSmsClient(options);
  const c1 = v1.createSmsClient(options);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) out.push(await (i % 2 ? v1.showCommand(c1, `s${i}`) : v3.showCommand(c3, `s${i}`)));
  return out;
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

describe('startMock', () => {
  it('dynamic: hundreds of generated answers all read through showCommand; a seed makes them repeatable', async () => {
    // The unseeded mock's v3 task_id asks Prism for faker data: faker, which the engine defers until
    // first use (src/mock/engine/prism.ts), must still load and answer.
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
      expect(new Set(many.map((c) => JSON.stringify(c))).size).toBeGreaterThan(100);
      const taskIds = many.filter((_, i) => i % 2 === 0).map((c) => (c as v3.Command).param?.task_id);
      expect(taskIds.length).toBe(150);
      for (const id of taskIds)
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const first = await commands(seeded.url, 4);
      expect(await commands(again.url, 4)).toEqual(first);
      expect(first).not.toEqual(many.slice(0, 4));
    } finally {
      await Promise.all([random.close(), seeded.close(), again.close()]);
    }
  });

  it('errors: an answer that violates the spec becomes a 500 naming the violation', async () => {
    const spec = await specWith('violating.yaml', 'command_name: STOP', 'command_name: 42');
    const mock = await startMock({ port: 0, spec, errors: true });
    try {
      const client = v3.createSmsClient({
        endpoint: mock.url,
        auth: { token: 't' },
        headers: { Prefer: 'example=stop' },
      });
      await expect(v3.showCommand(client, 'x')).rejects.toMatchObject({
        code: 'HTTP',
        status: 500,
        errorCode: 'MOCK.0500',
        errorMsg: expect.stringMatching(/^the answer Prism chose violates the spec: .*command_name/),
      });
      await expect(
        v3.showCommand(v3.createSmsClient({ endpoint: mock.url, auth: { token: 't' } }), 'x'),
      ).resolves.toMatchObject({ name: 'START' });
    } finally {
      await mock.close();
    }
  });

  it('port 0: the mock binds the port itself and reports it; 20 concurrent starts all get one, and close() frees it', async () => {
    const mocks = await Promise.all(Array.from({ length: 20 }, () => startMock({ port: 0, spec: SPEC })));
    try {
      expect(new Set(mocks.map((m) => m.port)).size).toBe(20);
      for (const mock of mocks) {
        expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
        expect((await fetch(`${mock.url}/v3/sources/x/command`, { headers: { 'X-Auth-Token': 't' } })).status).toBe(
          200,
        );
      }
    } finally {
      await Promise.all(mocks.map((m) => m.close()));
    }
    for (const mock of mocks) expect(await portIsFree(mock.port)).toBe(true);
    await mocks[0]!.close(); // a second close is harmless
  });

  it('close() ends whatever clients hold: an idle keep-alive, a half-sent request, a hanging answer', async () => {
    const mock = await startMock({ port: 0, spec: SPEC, scripts: { '/v3/sources/hang/command': [{ fault: 'hang' }] } });
    const idle = new Promise<Socket>((resolve) => {
      httpRequest(
        `${mock.url}/v3/sources/x/command`,
        { headers: { 'X-Auth-Token': 't' }, agent: new Agent({ keepAlive: true }) },
        (res) => {
          const { socket } = res; // the agent keeps it once the answer has ended
          res.resume();
          res.on('end', () => resolve(socket));
        },
      ).end();
    });
    const kept = await idle;
    const half = connect(mock.port, '127.0.0.1');
    await new Promise((resolve) => half.once('connect', resolve));
    // Neither client closes its side: each 'close' is the mock's doing (without it, the test hangs).
    const closes = [kept, half].map((socket) => new Promise((done) => socket.once('close', done)));
    half.write('GET /v3/sources/x/command HTTP/1.1\r\nHost: x\r\nX-Auth-');
    const hanging = fetch(`${mock.url}/v3/sources/hang/command`, { headers: { 'X-Auth-Token': 't' } }).catch(
      (e: unknown) => e,
    );
    await mock.waitForRequest((r) => r.id === 'hang');
    await mock.close();
    await Promise.all(closes);
    expect(await hanging).toBeInstanceOf(TypeError);
  });

  it('a port in use: a clear MockStartError, at once', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const error = await startMock({ port, spec: SPEC }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MockStartError);
      expect(isMockStartError(error)).toBe(true); // the package's error family, code MOCK_START
      expect((error as Error).message).toBe(
        `port ${port} on 127.0.0.1 is already in use: stop what listens there, or choose another port`,
      );
      // The system's code, for callers to branch on (the bin does) instead of matching the words.
      expect((error as MockStartError).cause).toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      blocker.close();
    }
  });

  it('a document Prism cannot read: a MockStartError with what Prism said', async () => {
    const spec = join(scratch, 'not-openapi.yaml');
    await writeFile(spec, 'foo: bar\n');
    const error = await startMock({ port: 0, spec }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toBe(
      `Prism could not read the OpenAPI document ${spec}: Unsupported document format`,
    );
  });

  it('a missing document, a bad port and an invalid script are refused before listening', async () => {
    await expect(startMock({ spec: join(scratch, 'nope.yaml') })).rejects.toThrow(/nope\.yaml does not exist/);
    await expect(startMock({ port: 70000, spec: SPEC })).rejects.toThrow('invalid port: 70000');
    await expect(
      // @ts-expect-error: an undocumented status does not compile either
      startMock({ port: 0, spec: SPEC, scripts: { '/v3/sources/a/command': [{ status: 418 }] } }),
    ).rejects.toThrow('scripts["/v3/sources/a/command"][0].status: 418 is not a documented status');
  });
});
