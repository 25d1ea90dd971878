// The control API's storage bounds: script bytes, script paths, body depth, and bodies that are not JSON.
import { describe, expect, it } from 'vitest';
import { ScriptError } from '../../src/mock.js';
import { MAX_CONTROL_BODY } from '../../src/mock/admin/http-door.js';
import { MAX_BODY_DEPTH, MAX_SCRIPT_BYTES, MAX_SCRIPT_PATHS } from '../../src/mock/scripts/step-limits.js';
import { controlOf } from '../support/control.js';
import { useMock } from '../support/mock-fixture.js';

const mock = useMock({ port: 0, auth: false });
const control = controlOf(() => mock);
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
