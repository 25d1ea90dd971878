// What the journal keeps and what its listings cost the mock, against hostile loopback clients: free
// text cut at MAX_JOURNAL_TEXT, the whole journal within MAX_JOURNAL_BYTES whatever journalLimit says,
// and listings (`GET /__mock/requests`, `GET /__mock/scripts`) written as the client reads them, so
// sockets that ask for a large one and never read hold no copy of it.
import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JOURNAL_ENTRY_BYTES,
  MAX_JOURNAL_BYTES,
  MAX_JOURNAL_TEXT,
  type JournalEntry,
  type Mock,
  startMock,
} from '../../src/mock.js';
import { Journal } from '../../src/mock/journal/journal.js';
import { rawRequest } from '../support/raw-http.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const TOKEN = 'bounds-token';
const cut = (text: string) => `${text.slice(0, MAX_JOURNAL_TEXT)}…(${text.length - MAX_JOURNAL_TEXT} more characters)`;

describe('what the journal keeps of an entry', () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMock({ port: 0 });
  });
  afterAll(() => mock.close());

  it(`an AK of 15,000 characters is kept as its first ${MAX_JOURNAL_TEXT} and a count, in auth.ak and in reason`, async () => {
    const ak = 'A'.repeat(15_000);
    const answer = await rawRequest(mock.port, 'GET', '/v3/sources/s1/command', {
      Authorization: `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=host;x-sdk-date, Signature=00`,
    });
    expect(answer.status).toBe(401);
    const [entry] = mock.journal({ path: '/v3/sources/s1/command' }).requests;
    expect(entry!.auth).toEqual({ scheme: 'aksk', ak: `${'A'.repeat(MAX_JOURNAL_TEXT)}…(13976 more characters)` });
    expect(entry!.reason).toBe(
      cut(`Incorrect IAM authentication information: Get secretKey failed,ak:${ak},err:ak not exist`),
    );
    // Over HTTP the same, and small.
    const listing = await fetch(`${mock.url}/__mock/requests?path=/v3/sources/s1/command`);
    const text = await listing.text();
    expect(text.length).toBeLessThan(3 * MAX_JOURNAL_TEXT + 1000);
    expect(JSON.parse(text).requests).toEqual([entry]);
  });

  it('a path and an id of thousands of characters are cut the same way; a pair of surrogates is never split', async () => {
    const id = 'x'.repeat(3000);
    const path = `/v3/sources/${id}/command`;
    expect((await rawRequest(mock.port, 'GET', path, { 'X-Auth-Token': TOKEN })).status).toBe(400);
    const entry = mock.journal().requests.at(-1)!;
    expect([entry.path, entry.id]).toEqual([cut(path), cut(id)]);
    // An id whose MAX_JOURNAL_TEXT-th code unit is the first half of an emoji keeps the emoji whole or not at all.
    const emoji = `${'y'.repeat(MAX_JOURNAL_TEXT - 1)}😀${'z'.repeat(100)}`;
    const encoded = `/v3/sources/${encodeURIComponent(emoji)}/command`;
    expect((await rawRequest(mock.port, 'GET', encoded, { 'X-Auth-Token': TOKEN })).status).toBe(400);
    expect(mock.journal().requests.at(-1)!.id).toBe(`${'y'.repeat(MAX_JOURNAL_TEXT - 1)}…(102 more characters)`);
  });

  it('what is short is kept as it was, and a filter matches what is kept', async () => {
    expect((await rawRequest(mock.port, 'GET', '/v3/sources/plain/command', { 'X-Auth-Token': TOKEN })).status).toBe(
      200,
    );
    const [entry] = mock.journal({ id: 'plain' }).requests;
    expect(entry).toMatchObject({ path: '/v3/sources/plain/command', id: 'plain', auth: { scheme: 'token' } });
    expect(entry).not.toHaveProperty('reason');
    expect(mock.journal({ id: cut('x'.repeat(3000)) }).requests).toHaveLength(1);
  });
});

describe(`MAX_JOURNAL_BYTES (${MAX_JOURNAL_BYTES})`, () => {
  const report = (seq: number, detail: string): JournalEntry => ({
    seq,
    time: new Date(0).toISOString(),
    method: 'POST',
    path: '/v3/sources/r/command_result',
    auth: { scheme: 'token' },
    verdict: 'answered',
    status: 200,
    violations: [],
    requestId: '0'.repeat(32),
    report: { command_name: 'START', result: 'success', result_detail: { msg: detail } },
  });

  it('drops the oldest entries past it, whatever the entry limit, and counts them in dropped', () => {
    const journal = new Journal(10_000_000);
    const detail = 'd'.repeat(10_000);
    const each = JOURNAL_ENTRY_BYTES + report(0, '').path.length + JSON.stringify(report(0, detail).report).length;
    const fits = Math.floor(MAX_JOURNAL_BYTES / each);
    for (let seq = 1; seq <= fits + 500; seq++) journal.add(report(seq, detail));
    expect([journal.size, journal.dropped, journal.bytes]).toEqual([fits, 500, fits * each]);
    expect(journal.list()[0]!.seq).toBe(501);
    expect(journal.list().at(-1)!.seq).toBe(fits + 500);
    // A clear starts the count again.
    journal.clear();
    expect([journal.size, journal.dropped, journal.bytes]).toEqual([0, 0, 0]);
  });

  it('keeps the newest entry even when it alone is over the budget', () => {
    const journal = new Journal();
    journal.add(report(1, 'small'));
    journal.add(report(2, 'h'.repeat(MAX_JOURNAL_BYTES)));
    expect(journal.list().map((entry) => entry.seq)).toEqual([2]);
    expect(journal.dropped).toBe(1);
  });

  it("counts a signing trace's texts and each signed header's name, and keeps a copy of the list", () => {
    const journal = new Journal();
    const signedHeaders = ['host', 'x-sdk-date'];
    const signing = { canonicalRequest: 'c'.repeat(300), stringToSign: 's'.repeat(100), signedHeaders };
    const { report: _none, ...entry } = report(1, '');
    const refused: JournalEntry = { ...entry, verdict: 'refused', signing };
    journal.add(refused);
    expect(journal.bytes).toBe(
      JOURNAL_ENTRY_BYTES + refused.path.length + 300 + 100 + 'host'.length + 'x-sdk-date'.length,
    );
    signedHeaders.push('x-added-later');
    expect(journal.list()[0]!.signing!.signedHeaders).toEqual(['host', 'x-sdk-date']);
  });
});

describe('listings written as the client reads them', () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, journalLimit: 10_000_000, reportCheck: false });
  });
  afterAll(() => mock.close());

  /** A socket that asks for `target` and never reads the answer. */
  /**
   * A socket that asks for `target` and reads nothing; resolves once the answer's first bytes are
   * waiting on it, so the mock has begun the listing (and made whatever it makes for it).
   */
  const stalled = (target: string): Promise<Socket> =>
    new Promise((resolve) => {
      const socket = connect(mock.port, '127.0.0.1', () => {
        socket.pause();
        socket.once('readable', () => resolve(socket)); // 'readable' tells; it reads nothing
        socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      });
      socket.on('error', () => {});
    });
  const memory = () => {
    gc();
    const { rss, heapUsed, external } = process.memoryUsage();
    return { rss, heapUsed, external };
  };

  it(`a journal of large reports stays within MAX_JOURNAL_BYTES; 40 sockets that never read its listing hold no copy of it; other requests are answered; close() ends them`, async () => {
    const body = JSON.stringify({
      command_name: 'START',
      result: 'success',
      result_detail: { msg: 'd'.repeat(10_000) },
    });
    const send = () =>
      fetch(`${mock.url}/v3/sources/big/command_result`, {
        method: 'POST',
        headers: { 'X-Auth-Token': TOKEN, 'Content-Type': 'application/json' },
        body,
      }).then((r) => r.status);
    for (let batch = 0; batch < 2000 / 25; batch++)
      expect(new Set(await Promise.all(Array.from({ length: 25 }, send)))).toEqual(new Set([200]));
    const { dropped, requests } = mock.journal();
    expect(dropped).toBeGreaterThan(0);
    expect(requests.length + dropped).toBe(2000);
    const listingChars = JSON.stringify(mock.journal()).length;
    expect(listingChars).toBeLessThan(MAX_JOURNAL_BYTES);
    expect(listingChars).toBeGreaterThan(MAX_JOURNAL_BYTES * 0.9);

    const before = memory();
    const sockets = await Promise.all(Array.from({ length: 40 }, () => stalled('/__mock/requests')));
    const held = memory();
    const grown = (key: keyof typeof held) => (held[key] - before[key]) / 2 ** 20;
    // 40 copies would be 40 × 16 MiB; what is held is a chunk per socket (the kernel's buffers aside).
    expect({ heapUsed: grown('heapUsed') < 32, external: grown('external') < 32, rss: grown('rss') < 160 }).toEqual({
      heapUsed: true,
      external: true,
      rss: true,
    });
    // The mock still answers, the journal's listing included.
    const health = await fetch(`${mock.url}/__mock/health`);
    expect(health.status).toBe(200);
    const full = await fetch(`${mock.url}/__mock/requests`).then((r) => r.json());
    expect(full).toEqual(JSON.parse(JSON.stringify(mock.journal())));
    // close() destroys the connections (the server's own close would wait for every one): each socket
    // ends, having received less than the listing.
    await mock.close();
    const ends = sockets.map(
      (socket) =>
        new Promise<number>((resolve) => {
          let bytes = 0;
          socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
          socket.once('close', () => resolve(bytes));
          socket.resume();
        }),
    );
    for (const bytes of await Promise.all(ends)) expect(bytes).toBeLessThan(listingChars);
  });
});

describe('GET /__mock/scripts and a script, written as the client reads them', () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMock({ port: 0 });
  });
  afterAll(() => mock.close());

  it('give the same JSON as the JS door, with a Content-Length when small and chunked when large', async () => {
    const step = { status: 502, body: { pad: 'p'.repeat(9000) }, unchecked: true as const };
    mock.script('/v3/sources/one/command', [{ body: { command_name: 'START' } }]);
    const small = await fetch(`${mock.url}/__mock/v3/sources/one/command`);
    expect(small.headers.get('content-length')).toBe(
      String(JSON.stringify(mock.scriptState('/v3/sources/one/command')).length),
    );
    expect(await small.json()).toEqual(mock.scriptState('/v3/sources/one/command'));
    for (let i = 0; i < 20; i++)
      mock.script(
        `/v3/sources/big-${i}/command`,
        Array.from({ length: 5 }, () => step),
      );
    const listing = await fetch(`${mock.url}/__mock/scripts`);
    expect([listing.headers.get('content-length'), listing.headers.get('transfer-encoding')]).toEqual([
      null,
      'chunked',
    ]);
    expect(await listing.json()).toEqual({ scripts: mock.scripts() });
    const one = await fetch(`${mock.url}/__mock/v3/sources/big-3/command`);
    expect(await one.json()).toEqual(mock.scriptState('/v3/sources/big-3/command'));
  });
});
