// What a hostile or careless caller can throw at the mock's control API and at the readers of its
// scenario and spec files: every one is refused with a message naming the limit, and the mock keeps
// serving (listings included). Memory bombs run in the bin (test/package/mock-lifecycle.test.ts and
// mock-process.test.ts), never in this runner.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Mock, ScriptError, startMock } from '../../src/mock.js';
import { MAX_CONTROL_BODY } from '../../src/mock/admin/http-door.js';
import { parseJson } from '../../src/mock/texts/json.js';
import { MAX_BODY_DEPTH, MAX_SCRIPT_BYTES, MAX_SCRIPT_PATHS } from '../../src/mock/scripts/step-limits.js';
import { TextError } from '../../src/errors.js';
import { SCENARIO_MAX_BYTES } from '../../src/mock/texts/files.js';
import { readTextFile } from '../../src/files.js';
import { parseYaml, YAML_MAX_ALIAS_NODES } from '../../src/mock/texts/yaml.js';
import { controlOf } from '../support/control.js';
import { rawExchange, type RawExchangeOptions, statusesOf, endlessChunks } from '../support/raw-http.js';

let mock: Mock;
const scratch = await mkdtemp(join(tmpdir(), 'sms-mock-bounds-'));
beforeAll(async () => {
  mock = await startMock({ port: 0, auth: false });
});
afterAll(async () => {
  await mock.close();
  await rm(scratch, { recursive: true, force: true });
});
afterEach(() => mock.reset());

const control = controlOf(() => mock);

/** A raw exchange with the mock (test/support/raw-http.ts). */
const raw = (head: string, options?: RawExchangeOptions) => rawExchange(mock.port, head, options);
const jsonOf = (text: string) =>
  JSON.parse(text.slice(text.lastIndexOf('\r\n\r\n') + 4)) as { error: string; limit?: number };

describe('hostile: control API, storage', () => {
  it('scripts are bounded in total bytes: past MAX_SCRIPT_BYTES a PUT is 409 naming it, and the listing is still served', async () => {
    const big = 'x'.repeat(MAX_CONTROL_BODY - 200); // one step's body, just under the body limit
    let refused: { status: number; body?: { error?: string } } | undefined;
    let stored = 0;
    for (let i = 0; i < Math.ceil(MAX_SCRIPT_BYTES / big.length) + 2 && !refused; i++) {
      const put = await control('PUT', `/v3/sources/big-${i}/command`, [{ status: 502, body: big, unchecked: true }]);
      if (put.status === 200) stored += 1;
      else refused = put;
    }
    expect(refused?.status).toBe(409);
    expect(refused?.body?.error).toMatch(
      new RegExp(
        `^steps: \\d+ bytes of steps would bring the scripts to \\d+ bytes \\(as JSON\\), over the ${MAX_SCRIPT_BYTES} the mock keeps: delete some \\(DELETE /__mock/<API path>, or all with DELETE /__mock/scripts\\) first \\(MAX_SCRIPT_BYTES\\)$`,
      ),
    );
    // Measured as the JSON of what is stored: the step with its defaults filled in.
    const perScript = JSON.stringify([
      { status: 502, body: big, headers: {}, delay_ms: 0, times: 1, unchecked: true },
    ]).length;
    expect(stored).toBe(Math.floor(MAX_SCRIPT_BYTES / perScript));
    const listing = await fetch(`${mock.url}/__mock/scripts`);
    expect(listing.status).toBe(200);
    const text = await listing.text();
    expect(text.length).toBeLessThan(MAX_SCRIPT_BYTES + 100_000);
    expect((JSON.parse(text) as { scripts: unknown[] }).scripts).toHaveLength(stored);
    // Replacing a script frees what it held; deleting makes room again.
    expect(
      (await control('PUT', '/v3/sources/big-0/command', [{ status: 502, body: big, unchecked: true }])).status,
    ).toBe(200);
    expect((await control('DELETE', '/v3/sources/big-1/command', undefined, {})).status).toBe(204);
    expect(
      (await control('PUT', '/v3/sources/big-new/command', [{ status: 502, body: big, unchecked: true }])).status,
    ).toBe(200);
  });

  it('scripts are bounded in paths: past MAX_SCRIPT_PATHS a new path is refused (409 over HTTP, ScriptError from Node)', async () => {
    for (let i = 0; i < MAX_SCRIPT_PATHS; i++) mock.script(`/v3/sources/p${i}/command`, [{}]);
    const put = await control('PUT', '/v3/sources/one-more/command', [{}]);
    expect(put).toEqual({
      status: 409,
      body: {
        error: `steps: ${MAX_SCRIPT_PATHS} API paths already have a script, the most the mock keeps: delete some (DELETE /__mock/<API path>, or all with DELETE /__mock/scripts) first (MAX_SCRIPT_PATHS)`,
        violations: [expect.objectContaining({ rule: 'MAX_SCRIPT_PATHS' })],
      },
    });
    const error = (() => {
      try {
        mock.script('/v3/sources/one-more/command', [{}]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ScriptError);
    expect(error).toMatchObject({ status: 409 });
    // A path that has one already can still be changed.
    expect((await control('PUT', '/v3/sources/p0/command', [{ status: 404 }])).status).toBe(200);
  });

  it(`a body nested deeper than ${MAX_BODY_DEPTH} is refused at PUT, unchecked or not, naming the field; the listing stays servable`, async () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const put = await control(
      'PUT',
      '/v3/sources/deep/command',
      `[{"status":502,"unchecked":true,"body":${deep(100_000)}}]`,
    );
    expect(put.status).toBe(400);
    expect(put.body?.error).toBe(
      `steps[0].body: nests deeper than ${MAX_BODY_DEPTH} levels of objects and arrays (MAX_BODY_DEPTH), at steps[0].body${'[0]'.repeat(MAX_BODY_DEPTH)} (depth)`,
    );
    // Exactly at the limit is fine; one more is not, checked steps too.
    expect(
      (
        await control(
          'PUT',
          '/v3/sources/deep/command',
          `[{"status":502,"unchecked":true,"body":${deep(MAX_BODY_DEPTH)}}]`,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await control(
          'PUT',
          '/v3/sources/deep2/command',
          `[{"body":{"command_name":"START","command_param":${deep(MAX_BODY_DEPTH)}}}]`,
        )
      ).body?.error,
    ).toMatch(/^steps\[0\]\.body: nests deeper than 64 levels/);
    expect(() =>
      mock.script('/v3/sources/deep3/command', [{ unchecked: true, status: 502, body: JSON.parse(deep(1000)) }]),
    ).toThrow('steps[0].body: nests deeper than 64');
    const listing = await fetch(`${mock.url}/__mock/scripts`);
    expect(listing.status).toBe(200);
    expect(((await listing.json()) as { scripts: Array<{ path: string }> }).scripts.map((s) => s.path)).toEqual([
      '/v3/sources/deep/command',
    ]);
    // JSON nested past what the parser takes is a 400 too, never a reset.
    const deeper = await control('PUT', '/v3/sources/deep/command', deep(500_000));
    expect(deeper.status).toBe(400);
  });

  it('a body that is not JSON is 400 with the line and column', async () => {
    expect(await control('PUT', '/v3/sources/j/command', '[{"status": 200,\n  "body": }]')).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^the body is not JSON: line 2, column 11: Unexpected token/) },
    });
    expect(await control('PUT', '/v3/sources/j/command', '[{')).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^the body is not JSON: line 1, column 3: /) },
    });
    // A key twice: JSON.parse keeps the last; the mock refuses it, as in a scenario file.
    expect(await control('PUT', '/v3/sources/j/command', '[{"status": 200, "status": 503}]')).toMatchObject({
      status: 400,
      body: {
        error:
          'the body gives a key twice in one object (line 1, column 18): JSON.parse would keep the last silently; give each key once',
      },
    });
    expect((await control('GET', '/v3/sources/j/command')).status).toBe(404); // nothing stored
  });
});

describe('hostile: control API, oversized bodies get their 413', () => {
  const head = (extra: string) =>
    `PUT /__mock/v3/sources/big/command HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${extra}\r\n`;
  const expect413 = (text: string) => {
    expect(statusesOf(text).at(-1)).toBe(413);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(jsonOf(text)).toEqual({
      error: `the body is over ${MAX_CONTROL_BODY} bytes (MAX_CONTROL_BODY), the largest control request the mock reads: send fewer or smaller steps`,
      limit: MAX_CONTROL_BODY,
    });
  };

  it('a declared Content-Length over the limit, body sent at once: 413, then the connection closes', async () => {
    const size = MAX_CONTROL_BODY + 1;
    const reply = await raw(head(`Content-Length: ${size}\r\n`), { body: Buffer.alloc(size, 0x20) });
    expect413(reply.text);
    expect(reply.closed).toBe(true);
  });

  it('with Expect: 100-continue: 413 (no body read), then the connection closes', async () => {
    const size = 8 * MAX_CONTROL_BODY;
    const socketReply = await raw(head(`Content-Length: ${size}\r\nExpect: 100-continue\r\n`), {
      // A client that sends the body anyway once the server answers (100 Continue), as curl does.
      body: (write, firstData) =>
        void firstData.then(() => {
          for (let i = 0; i < 8; i++) write(Buffer.alloc(MAX_CONTROL_BODY, 0x20));
        }),
    });
    expect413(socketReply.text);
    expect(socketReply.closed).toBe(true);
  });

  it('a chunked body that never ends: 413 once past the limit, and the mock closes the connection within its linger time', async () => {
    const endless = endlessChunks(64 * 1024);
    // The body never ends: only the mock can close the connection (closed, not given up by the helper).
    const reply = await raw(head('Transfer-Encoding: chunked\r\n'), { body: endless.body });
    endless.stop();
    expect413(reply.text);
    expect(reply.closed).toBe(true);
    // The mock is still there.
    expect((await control('GET', '/scripts', undefined, {})).status).toBe(200);
  });
});

describe('hostile: control API, scripted headers', () => {
  const refused = async (headers: Record<string, string>) =>
    (await control('PUT', '/v3/sources/h/command', [{ status: 503, headers }])).body?.error;

  it.each([
    ['Content-Length', '5', 'the mock frames the body itself: another length desynchronises the connection'],
    ['transfer-encoding', 'chunked', 'the mock frames the body itself: another framing desynchronises the connection'],
    ['Connection', 'close', 'a hop-by-hop header: the mock manages the connection (keep-alive or close)'],
    ['Keep-Alive', 'timeout=1', 'a hop-by-hop header: the mock manages the connection'],
    ['Upgrade', 'h2c', 'a hop-by-hop header: the mock never switches protocols'],
    ['TE', 'trailers', 'a request header and hop-by-hop: it means nothing in an answer'],
    ['Trailer', 'X-A', 'the mock sends no trailers'],
    [
      'Content-Encoding',
      'gzip',
      'the body is sent uncompressed as written: a client would try to decompress it and fail',
    ],
  ])('%s is refused at PUT, saying why', async (name, value, why) => {
    expect(await refused({ [name]: value })).toBe(
      `steps[0].headers[${JSON.stringify(name)}]: cannot be scripted: ${why} (header)`,
    );
  });

  it('a value with NUL, CR, LF, another control character or past U+00FF is refused (no "500 OK")', async () => {
    for (const value of ['a\u0000b', 'a\rb', 'a\nb', 'a\u007fb', 'a\u0100b', ' padded']) {
      expect(await refused({ 'X-Bad': value })).toBe(
        'steps[0].headers["X-Bad"]: must be a header value: no control character (CR, LF, NUL, ...) but tab, no character past U+00FF, no space or tab at either end (field-value)',
      );
    }
    expect(await refused({ 'Bad Name': 'x' })).toMatch(/^steps\[0\]\.headers\["Bad Name"\]: is not a header name/);
    expect(await refused({ 'X-Num': 1 as never })).toBe('steps[0].headers["X-Num"]: must be a string (type)');
  });

  it('a scripted header reaches the client, and the keep-alive connection serves the next request cleanly', async () => {
    expect(
      (
        await control('PUT', '/v3/sources/ka/command', [
          { status: 429, headers: { 'Retry-After': '2', 'X-Note': 'tab\tinside' } },
          { body: { command_name: 'STOP' } },
        ])
      ).status,
    ).toBe(200);
    const get = 'GET /v3/sources/ka/command HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: t\r\n\r\n';
    const reply = await raw(get + get, { until: (text) => text.endsWith('"STOP"}') }); // both on one connection, pipelined
    expect(statusesOf(reply.text), reply.text).toEqual([429, 200]);
    expect(reply.text).toContain('\r\nRetry-After: 2\r\n');
    expect(reply.text).toContain('\r\nX-Note: tab\tinside\r\n');
    expect(reply.text).toMatch(/\{"command_name":"STOP"[^}]*\}$/);
  });

  it('1xx is refused (the client would wait for an answer that never comes); 204 goes without a Content-Length or body', async () => {
    expect((await control('PUT', '/v3/sources/i/command', [{ status: 101, unchecked: true }])).body?.error).toBe(
      'steps[0].status: 101 is an interim (1xx) status, not an answer: the client would wait for one that never comes; use { "fault": "hang" } for that (final status)',
    );
    expect(
      (
        await control('PUT', '/v3/sources/i/command', [
          { status: 204, unchecked: true, body: 'ignored' },
          { body: { command_name: 'STOP' } },
        ])
      ).status,
    ).toBe(200);
    const get = 'GET /v3/sources/i/command HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: t\r\n\r\n';
    const reply = await raw(get + get, { until: (text) => text.endsWith('"STOP"}') });
    expect(statusesOf(reply.text)).toEqual([204, 200]);
    expect(reply.text.split('HTTP/1.1 200')[0]).not.toMatch(/content-length|ignored/i);
  });
});

describe('hostile: control API, state changes need a JSON content type', () => {
  it('POST /__mock/reset as text/plain (what a web page can send unasked) is 415 naming the fix, and resets nothing', async () => {
    mock.script('/v3/sources/keep/command', [{}]);
    for (const headers of [
      { 'Content-Type': 'text/plain' },
      {} as Record<string, string>,
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    ]) {
      const reset = await control('POST', '/reset', undefined, headers);
      expect(reset.status).toBe(415);
      expect(reset.body?.error).toMatch(
        /^POST \/__mock\/reset needs Content-Type: application\/json \((not "[^"]+"|none was sent)\), so that no web page can send it unasked: add -H 'Content-Type: application\/json' \(curl\), or set that header in your client$/,
      );
    }
    expect(mock.scriptState('/v3/sources/keep/command')).toBeDefined();
    expect(
      (await control('POST', '/reset', undefined, { 'Content-Type': 'application/json; charset=utf-8' })).status,
    ).toBe(204);
    expect(mock.scriptState('/v3/sources/keep/command')).toBeUndefined();
  });

  it('PUT without it is 415 and stores nothing; DELETE needs none (it always needs a preflight)', async () => {
    const put = await control('PUT', '/v3/sources/t/command', [{}], { 'Content-Type': 'text/plain;charset=UTF-8' });
    expect(put).toEqual({
      status: 415,
      body: {
        error: `PUT /__mock/v3/sources/t/command needs Content-Type: application/json (not "text/plain;charset=UTF-8"), so that no web page can send it unasked: add -H 'Content-Type: application/json' (curl), or set that header in your client`,
      },
    });
    expect(mock.scriptState('/v3/sources/t/command')).toBeUndefined();
    expect((await control('PUT', '/v3/sources/t/command', [{}], { 'content-type': 'Application/JSON' })).status).toBe(
      200,
    );
    expect((await control('DELETE', '/v3/sources/t/command', undefined, {})).status).toBe(204);
  });
});

describe('hostile: scenario and spec files', () => {
  it('a file over the limit, /dev/zero, a FIFO or a directory is refused before reading it all (or at all)', async () => {
    const big = join(scratch, 'big.yaml');
    await writeFile(big, Buffer.alloc(SCENARIO_MAX_BYTES + 1, 0x20));
    const over = `is over the 4 MiB limit (SCENARIO_MAX_BYTES, ${SCENARIO_MAX_BYTES} bytes): use a smaller file`;
    expect(() => readTextFile(big, SCENARIO_MAX_BYTES, 'SCENARIO_MAX_BYTES')).toThrow(over);
    expect(() => readTextFile('/dev/zero', SCENARIO_MAX_BYTES, 'SCENARIO_MAX_BYTES')).toThrow(
      'is a character device, not a regular file: give the path of a file',
    );
    expect(() => readTextFile(scratch, SCENARIO_MAX_BYTES, 'SCENARIO_MAX_BYTES')).toThrow(
      'is a directory, not a regular file: give the path of a file',
    );
    const { execFileSync } = await import('node:child_process');
    const fifo = join(scratch, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(() => readTextFile(fifo, SCENARIO_MAX_BYTES, 'SCENARIO_MAX_BYTES')).toThrow(
      'is a FIFO (named pipe), not a regular file: give the path of a file',
    );
    await writeFile(big, 'scripts: {}\n');
    expect(readTextFile(big, SCENARIO_MAX_BYTES, 'SCENARIO_MAX_BYTES')).toBe('scripts: {}\n');
  });

  it(`YAML aliases that would expand past ${YAML_MAX_ALIAS_NODES} nodes are refused before expanding, with the alias's line and column`, () => {
    const laughs = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
    ].join('\n');
    // Expanded, it would take minutes and gigabytes (the test's hang guard); the time: bench/parsers.mjs.
    const error = (() => {
      try {
        parseYaml(laughs);
      } catch (e) {
        return e as TextError;
      }
    })();
    expect(error).toBeInstanceOf(TextError);
    expect(error!.message).toMatch(
      new RegExp(
        `^line 9, column \\d+: its aliases would expand the document by \\d+ nodes \\(this alias alone by \\d+\\), over the limit of ${YAML_MAX_ALIAS_NODES} \\(YAML_MAX_ALIAS_NODES\\): nested aliases multiply \\("billion laughs"\\); write the repeated parts out or nest fewer aliases$`,
      ),
    );
    // Ordinary reuse still works.
    expect(parseYaml('base: &s { status: 503 }\nsteps: [*s, *s, { times: 2 }]\n')).toEqual({
      base: { status: 503 },
      steps: [{ status: 503 }, { status: 503 }, { times: 2 }],
    });
  });

  it('syntax errors and duplicate keys give line and column (YAML and JSON); deep nesting is an error, not a crash', () => {
    const at = (parse: (t: string) => unknown, text: string) => {
      try {
        parse(text);
      } catch (e) {
        return (e as Error).message;
      }
      return 'parsed';
    };
    expect(at(parseYaml, 'scripts:\n  /v3/sources/s1/command: [\n    { status: 200 }\n    { status: 404 }\n')).toMatch(
      /^line 4, column 5: /,
    );
    expect(at(parseYaml, 'scripts: {}\nscripts: {}\n')).toBe('line 2, column 1: duplicate key');
    expect(at(parseJson, '{\n  "scripts": {\n    "a": [1,]\n  }\n}')).toMatch(/^line 3, column 13: /);
    expect(at(parseJson, '{"scripts": }')).toMatch(/^line 1, column 13: Unexpected token/);
    expect(at(parseJson, '{"scripts": {}')).toMatch(/^line 1, column 15: /);
    expect(at(parseYaml, '['.repeat(200_000))).toMatch(/^(nested too deeply to read|line \d+, column \d+: )/);
  });
});
