// The recording mock (src/mock/record/): a whole Agent loop through it against an upstream (a second
// mock on loopback with its own credentials and scripts: faults, a 429 with Retry-After, an
// undocumented field and status, a redirect, a timeout), recorded; the recording replayed in a fresh
// mock and the same loop run again: the same statuses, bodies and headers in the same order. The
// upstream saw only its own credentials; neither the recording nor the journal holds a credential.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, type Mock, MockStartError, startMock } from '../../src/mock.js';
import { checkScenarioFile } from '../../src/mock/record/check-scenario.js';
import { readScenario } from '../../src/mock/scripts/scenario.js';
import { freePort } from '../support/ports.js';
import {
  clientLoop,
  COMMAND_PATH,
  expectedReplay,
  SERVER,
  type Seen,
  UPSTREAM_CREDS,
  UPSTREAM_SCRIPT,
} from '../support/record-loop.js';

const scratch = await mkdtemp(join(tmpdir(), 'sms-mock-record-'));
const started: Mock[] = [];
afterAll(async () => {
  await Promise.all(started.map((mock) => mock.close()));
  await rm(scratch, { recursive: true, force: true });
});
const start = async (options: Parameters<typeof startMock>[0]) => {
  const mock = await startMock({ port: 0, ...options });
  started.push(mock);
  return mock;
};
const upstreamMock = () =>
  start({ auth: { credentials: [UPSTREAM_CREDS] }, scripts: { [COMMAND_PATH]: [...UPSTREAM_SCRIPT] as never } });

describe('record a whole Agent loop through the recording mock, then replay it', () => {
  it('our client: the replay answers as the upstream did, in order; credentials stay where they belong', async () => {
    const upstream = await upstreamMock();
    const to = join(scratch, 'client.json');
    const recorder = await start({ record: { upstream: upstream.url, to, auth: UPSTREAM_CREDS, timeoutMs: 1000 } });
    // Written as each answer arrives: after every answer the file is whole and holds every answer so far.
    const counts: number[] = [];
    const recorded = await clientLoop(recorder.url, DEMO_CREDENTIALS, 12, (seen) => {
      const { scripts } = readScenario(to);
      const steps = Object.values(scripts).flat() as Array<{ times?: number }>;
      counts.push(steps.reduce((sum, step) => sum + (step.times ?? 1), 0) - seen.length);
    });
    expect(counts.every((missing) => missing === 0)).toBe(true);
    expect(recorded.map((s) => `${s.method} ${s.status}`)).toEqual([
      'GET 503',
      'GET 429',
      'GET 200',
      'POST 200',
      'GET 200',
      'POST 200',
      'GET 200',
      'POST 200',
      'GET 418',
      'GET 502',
      'GET 502',
      'GET 504',
      'GET 200',
    ]);
    expect(recorded[1]!.headers['retry-after']).toBe('1');
    expect(JSON.parse(recorded[9]!.body)).toMatchObject({
      error_code: 'MOCK.0502',
      error_msg: expect.stringMatching(/^the upstream http:\/\/127\.0\.0\.1:\d+ failed \(NETWORK\)/),
    });
    expect(JSON.parse(recorded[10]!.body).error_msg).toMatch(/failed \(REDIRECT\)/);
    expect(JSON.parse(recorded[11]!.body)).toMatchObject({ error_code: 'MOCK.0504' });

    // The recording: each server's answers one script, the repeated poll one step with times, the
    // drift kept unchecked with verify's words.
    const text = await readFile(to, 'utf8');
    const scripts = JSON.parse(text).scripts as Record<string, Array<Record<string, unknown>>>;
    expect(Object.keys(scripts)).toEqual([COMMAND_PATH, `${COMMAND_PATH}_result`]);
    const polls = scripts[COMMAND_PATH]!;
    expect(polls.map((s) => [s.status, s.times ?? 1, s.unchecked ?? false])).toEqual([
      [503, 1, false],
      [429, 1, false],
      [200, 2, false],
      [200, 1, true],
      [418, 1, true],
      [502, 1, false],
      [502, 1, false],
      [504, 1, false],
      [200, 1, false],
    ]);
    expect(polls[1]!.headers).toEqual({
      'Retry-After': '1',
      'X-Request-Id': recorded[1]!.headers['x-request-id'],
      'Content-Type': 'application/json',
    });
    expect(polls[3]!.note).toBe('drift $.sync_round [properties] the field "sync_round" is not in the spec');
    expect(polls[4]!.note).toMatch(/^drift \$ \[status\] 418 is not a documented status \(200, /);
    expect(polls[5]!.note).toMatch(/^the upstream http:\/\/127\.0\.0\.1:\d+ failed \(NETWORK\)/);
    expect(checkScenarioFile(to)).toMatchObject({ code: 0 });

    // The upstream saw its own credentials only; the recording and both journals hold none.
    const upstreamJournal = upstream.journal().requests;
    expect(upstreamJournal).toHaveLength(13);
    for (const entry of upstreamJournal) expect(entry.auth).toEqual({ scheme: 'aksk', ak: UPSTREAM_CREDS.ak });
    const journal = JSON.stringify(recorder.journal());
    for (const secret of [UPSTREAM_CREDS.sk, DEMO_CREDENTIALS.sk, 'Signature=', 'SDK-HMAC'])
      for (const kept of [text, journal, JSON.stringify(upstreamJournal)]) expect(kept).not.toContain(secret);
    expect(journal).not.toContain(UPSTREAM_CREDS.ak); // the upstream's AK: only the upstream saw it
    expect(JSON.stringify(upstreamJournal)).not.toContain(DEMO_CREDENTIALS.ak); // the Agent's: never forwarded
    expect(text).not.toContain(DEMO_CREDENTIALS.ak);
    expect(text).not.toMatch(/authorization|x-auth-token|x-sdk-date/i);

    // The replay: a fresh mock with the recording as its scenario, the same loop.
    const replay = await start({ scripts: readScenario(to).scripts });
    const replayed = await clientLoop(replay.url, DEMO_CREDENTIALS, 12);
    expect(replayed).toEqual(expectedReplay(recorded));
    // The repeats, one step each with `times`, replayed with the first one's X-Request-Id: the second
    // START poll, and the second and third report answers.
    const differ = replayed.flatMap((s, i) =>
      s.headers['x-request-id'] !== recorded[i]!.headers['x-request-id'] ? [i] : [],
    );
    expect(differ).toEqual([4, 5, 7]);
  });
});

describe('recording: bad input and limits', () => {
  const to = () => join(scratch, `bad-${Math.random().toString(36).slice(2)}.json`);
  const refusal = (record: unknown) =>
    startMock({ port: 0, record: record as never }).then(
      async (mock) => {
        await mock.close();
        return 'started';
      },
      (error: unknown) => (error instanceof MockStartError ? error.message : String(error)),
    );

  it('an upstream that is not http(s), carries userinfo or cannot be reached; a recording that is no .json; no credentials', async () => {
    const closed = await freePort();
    const file = to();
    expect(await refusal({ upstream: 'ftp://example.com', to: file, auth: UPSTREAM_CREDS })).toBe(
      'record.upstream is refused: endpoint must be http(s), not ftp:',
    );
    expect(await refusal({ upstream: 'http://user:pw@127.0.0.1:1', to: file, auth: UPSTREAM_CREDS })).toMatch(
      /^record\.upstream is refused: endpoint must not carry credentials/,
    );
    expect(await refusal({ upstream: `http://127.0.0.1:${closed}`, to: file, auth: UPSTREAM_CREDS })).toBe(
      `record.upstream http://127.0.0.1:${closed} cannot be reached: ECONNREFUSED`,
    );
    expect(existsSync(file)).toBe(false);
    const upstream = await upstreamMock();
    expect(await refusal({ upstream: upstream.url, to: join(scratch, 'rec.yaml'), auth: UPSTREAM_CREDS })).toMatch(
      /^record\.to must name a \.json file/,
    );
    expect(
      await refusal({ upstream: upstream.url, to: join(scratch, 'no-dir', 'rec.json'), auth: UPSTREAM_CREDS }),
    ).toMatch(/^record\.to .*no-dir\/rec\.json cannot be written: ENOENT/);
    const env = { ...process.env };
    try {
      for (const name of Object.keys(process.env))
        if (/^HUAWEICLOUD_SDK_|^SMS_UPSTREAM_TOKEN$/.test(name)) delete process.env[name];
      expect(await refusal({ upstream: upstream.url, to: file })).toMatch(
        /^record\.auth \(or the upstream's environment variables\) missing: no credentials for the upstream: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK/,
      );
      process.env.HUAWEICLOUD_SDK_AK = UPSTREAM_CREDS.ak;
      expect(await refusal({ upstream: upstream.url, to: file })).toMatch(
        /HUAWEICLOUD_SDK_SK is not set: an AK\/SK pair needs both$/,
      );
    } finally {
      process.env = env;
    }
  });

  it('ids aliased: the recording names server-1, never the real id, and replays under the alias', async () => {
    const upstream = await upstreamMock();
    const file = to();
    const recorder = await start({
      record: { upstream: upstream.url, to: file, auth: UPSTREAM_CREDS, aliasIds: true, timeoutMs: 1000 },
    });
    await clientLoop(recorder.url, DEMO_CREDENTIALS, 3);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(SERVER);
    expect(Object.keys(JSON.parse(text).scripts)).toEqual([
      '/v3/sources/server-1/command',
      '/v3/sources/server-1/command_result',
    ]);
  });
});
