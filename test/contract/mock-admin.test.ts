// The mock's admin service through both its doors — the JS `Mock` and the HTTP control API — with the
// same tests and the same expectations (WireMock tests its Admin through its Java client and its HTTP
// API alike): health, scripts, the journal's listing, reset. Its filters and waits, through both doors
// too: mock-admin-journal.test.ts. What only one door has (content types, body limits, statuses,
// disconnects, a predicate) is in mock-control.test.ts and mock-control-waits.test.ts.
import { describe, expect, it, beforeAll } from 'vitest';
import { isScriptError } from '../../src/errors.js';
import { isSmsError } from '../../src/index.js';
import { readFileSync } from 'node:fs';
import { packageVersion } from '../../src/package-version.js';
import { LOCKED, MAX_PENDING_WAITS, MAX_SCRIPT_PATHS, ScriptError } from '../../src/mock.js';
import { CREDS, refusal, useAdminMock } from '../support/admin-fixture.js';
import { skipThen404State } from '../support/steps-mock.js';
import { ADMIN_DOORS, type AdminDoor } from '../support/mock-admin-http.js';

const { mock, get, signedGet } = useAdminMock();

describe.each(ADMIN_DOORS)('the admin service through its %s door', (_door, open) => {
  let admin: AdminDoor;
  beforeAll(() => {
    admin = open(mock);
  });

  it('script stores the steps under the canonical path and returns the state that scriptState, scripts and the answers then show', async () => {
    const state = await admin.script('/v3/sources/%61b/command', [{ body: { command_name: 'SKIP' } }, { status: 404 }]);
    expect(state).toEqual(skipThen404State('/v3/sources/ab/command'));
    expect(await admin.scriptState('/v3/sources/ab/command')).toEqual(state);
    expect(await admin.scripts()).toEqual([state]);
    expect(await get('ab')).toEqual([200, { command_name: 'SKIP' }]);
    expect(await admin.scriptState('/v3/sources/ab/command')).toMatchObject({
      served: 1,
      repeatsLast: true,
      remaining: [{ status: 404 }],
    });
    expect(await admin.scriptState('/v3/sources/none/command')).toBeUndefined();
  });

  it('clearScripts clears one path (false when it had none) or all of them', async () => {
    await admin.script('/v3/sources/c1/command', [{}]);
    await admin.script('/v1/sms/sources/c2/command', [{}]);
    expect(await admin.clearScripts('/v3/sources/c1/command')).toBe(true);
    expect(await admin.clearScripts('/v3/sources/c1/command')).toBe(false);
    expect(await admin.scriptState('/v3/sources/c1/command')).toBeUndefined();
    expect((await admin.scripts()).map((s) => s.path)).toEqual(['/v1/sms/sources/c2/command']);
    expect(await admin.clearScripts()).toBe(true);
    expect(await admin.scripts()).toEqual([]);
  });

  it('a step that breaks the contract is a ScriptError (400) naming the field and the rule; no room is a ScriptError (409)', async () => {
    // @ts-expect-error: REBOOT is no documented command_name (a compile error too)
    const wrong = await refusal(() => admin.script('/v3/sources/w/command', [{ body: { command_name: 'REBOOT' } }]));
    expect(wrong).toBeInstanceOf(ScriptError);
    expect([isSmsError(wrong), isScriptError(wrong)]).toEqual([true, true]); // the package's error family, code SCRIPT
    expect(wrong).toMatchObject({ status: 400, violations: [{ field: 'steps[0].body.command_name', rule: 'enum' }] });
    expect((wrong as Error).message).toMatch(/^steps\[0\]\.body\.command_name: "REBOOT" is not a documented value/);
    expect(await admin.scriptState('/v3/sources/w/command')).toBeUndefined();
    for (let i = 0; i < MAX_SCRIPT_PATHS; i++) mock.script(`/v3/sources/p${i}/command`, [{}]);
    expect(await refusal(() => admin.script('/v3/sources/one-more/command', [{}]))).toMatchObject({
      name: 'ScriptError',
      status: 409,
      violations: [{ rule: 'MAX_SCRIPT_PATHS' }],
    });
  });

  it('health says the mock is ready: the package version, the API versions it serves, its uptime, its waits', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const health = await admin.health();
    expect(health).toEqual({
      status: 'ok',
      version: packageVersion(), // what --version prints
      apiVersions: pkg.apiVersions, // { v1: '1.1.0', v3: '3.1.0' }: the served document's info.x-versions
      uptimeMs: expect.any(Number),
      waits: { pending: 0, limit: MAX_PENDING_WAITS },
    });
    expect(health.version).toBe(pkg.version);
    expect(health.uptimeMs).toBeGreaterThan(0);
    expect(Number.isInteger(health.uptimeMs)).toBe(true);
  });

  it('requests and journal list what the API answered (dropped beyond the limit); clearRequests empties it', async () => {
    for (const id of ['j1', 'j2', 'j3', 'j4']) await get(id);
    expect((await admin.requests()).map((r) => r.id)).toEqual(['j2', 'j3', 'j4']);
    const lastSeq = (await admin.requests()).at(-1)!.seq;
    expect(await admin.journal()).toMatchObject({
      requests: [{ id: 'j2' }, { id: 'j3' }, { id: 'j4' }],
      dropped: 1,
      limit: 3,
      lastSeq,
    });
    await admin.clearRequests();
    expect(await admin.requests()).toEqual([]);
    // lastSeq survives a clear: `since` it is "what comes next".
    expect(await admin.journal()).toEqual({ requests: [], dropped: 0, limit: 3, lastSeq });
  });

  it('reset clears the scripts, the journal and every AK lock', async () => {
    await admin.script('/v3/sources/r/command', [{ body: { command_name: 'STOP' } }]);
    const wrong = 'wrong-secret-key-00000000000000000000001';
    // Two failures in a row lock the AK (lockout.failures: 1): then the right SK is refused too.
    expect([await signedGet(wrong), await signedGet(wrong), await signedGet(CREDS.sk)]).toEqual([401, 401, 401]);
    expect((await admin.requests()).at(-1)).toMatchObject({
      reason: expect.stringMatching(
        new RegExp(
          `^Incorrect IAM authentication information: ${LOCKED} \\(rule: the AK is locked until .*POST /__mock/reset`,
        ),
      ),
    });
    await admin.reset();
    expect(await admin.scripts()).toEqual([]);
    expect(await admin.requests()).toEqual([]);
    expect(await signedGet(CREDS.sk)).toBe(200);
  });
});
