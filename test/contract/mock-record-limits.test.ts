// The recording mock at its limits (issue 27, "Bad input and limits"): a recording that would pass
// SCENARIO_MAX_BYTES is closed at its last answer and nothing more is forwarded (503 naming the
// limit); an upstream answer that holds a credential is answered but never recorded, and said so
// without the value; an upstream that sends an endless body gets the Agent a 502 naming the limit.
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Mock, RECORD_MAX_ANSWER_BYTES, SCENARIO_MAX_BYTES, startMock } from '../../src/mock.js';
import { readScenario } from '../../src/mock/scripts/scenario.js';
import { COMMAND_PATH, UPSTREAM_CREDS } from '../support/record-loop.js';

const scratch = await mkdtemp(join(tmpdir(), 'sms-mock-record-limits-'));
const started: Mock[] = [];
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(started.map((mock) => mock.close()));
  for (const server of servers) (server.closeAllConnections(), server.close());
  await rm(scratch, { recursive: true, force: true });
});
const start = async (options: Parameters<typeof startMock>[0]) => {
  const mock = await startMock({ port: 0, ...options });
  started.push(mock);
  return mock;
};
const poll = (mock: Mock) => fetch(`${mock.url}${COMMAND_PATH}`, { headers: { 'X-Auth-Token': 'agent-token' } });

describe('the recording mock at its limits', () => {
  it('a recording that would pass SCENARIO_MAX_BYTES: closed at its last answer, then 503 naming the limit, the upstream asked no more', async () => {
    // Words, not one run of a letter: a run of 256 base64 characters is a security token's shape to the scan.
    const big = (letter: string) => ({ status: 200, body: `${letter} `.repeat(550_000), unchecked: true });
    const upstream = await start({
      auth: { credentials: [UPSTREAM_CREDS] },
      scripts: { [COMMAND_PATH]: [big('a'), big('b'), big('c'), big('d'), big('e')] as never },
    });
    const to = join(scratch, 'full.json');
    const lines: string[] = [];
    const recorder = await start({
      record: { upstream: upstream.url, to, auth: UPSTREAM_CREDS },
      log: (l) => lines.push(l),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await poll(recorder)).status);
    const refused = await (await poll(recorder)).json();
    expect(statuses).toEqual([200, 200, 200, 200, 503]);
    expect(refused.error_msg).toMatch(
      /^the recording mock stopped forwarding: the recording would be \d+ bytes, over the 4194304 a scenario may be \(SCENARIO_MAX_BYTES\)/,
    );
    expect((await upstream.requests()).length).toBe(4); // the 4th answer did not fit; nothing asked after it
    expect((await stat(to)).size).toBeLessThanOrEqual(SCENARIO_MAX_BYTES);
    const { scripts } = readScenario(to); // still a scenario that loads: the first three answers
    expect((scripts[COMMAND_PATH] as Array<{ body: string }>).map((s) => s.body[0])).toEqual(['a', 'b', 'c']);
    expect(lines.some((l) => l.includes('(SCENARIO_MAX_BYTES)'))).toBe(true);
  });

  it("an upstream answer holding the upstream's SK: answered, not recorded, said so without the value", async () => {
    const upstream = await start({
      auth: { credentials: [UPSTREAM_CREDS] },
      scripts: { [COMMAND_PATH]: [{ status: 200, body: { leaked: UPSTREAM_CREDS.sk }, unchecked: true }] as never },
    });
    const to = join(scratch, 'secret.json');
    const lines: string[] = [];
    const recorder = await start({
      record: { upstream: upstream.url, to, auth: UPSTREAM_CREDS },
      log: (l) => lines.push(l),
    });
    expect((await poll(recorder)).status).toBe(200);
    const [entry] = await recorder.requests();
    expect(entry!.reason).toBe('not recorded');
    expect(await readFile(to, 'utf8')).toBe('{\n  "scripts": {}\n}\n');
    expect(lines.join('\n')).toContain('.leaked');
    for (const text of [lines.join('\n'), JSON.stringify(await recorder.journal())])
      expect(text).not.toContain(UPSTREAM_CREDS.sk);
  });

  it('an upstream that sends an endless body: the Agent gets 502 naming RECORD_MAX_ANSWER_BYTES, and the recording notes it', async () => {
    const endless = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const more = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', more);
      };
      more();
    });
    servers.push(endless);
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    const { port } = endless.address() as { port: number };
    const to = join(scratch, 'endless.json');
    const recorder = await start({
      record: { upstream: `http://127.0.0.1:${port}`, to, auth: { token: 'upstream-token-0001' } },
    });
    const answer = await poll(recorder);
    const body = await answer.json();
    expect(answer.status).toBe(502);
    expect(body.error_code).toBe('MOCK.0502');
    expect(body.error_msg).toContain(`${RECORD_MAX_ANSWER_BYTES}`);
    const { scripts } = readScenario(to);
    const [step] = scripts[COMMAND_PATH] as Array<{ status: number; note?: string }>;
    expect(step).toMatchObject({ status: 502 });
    expect(step!.note).toContain(`${RECORD_MAX_ANSWER_BYTES}`);
  });
});
