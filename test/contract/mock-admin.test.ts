// The mock's admin service through both its doors — the JS `Mock` and the HTTP control API — with the
// same tests and the same expectations (WireMock tests its Admin through its Java client and its HTTP
// API alike). What only one door has (content types, body limits, waitForRequest) is tested elsewhere.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isScriptError } from '../../src/errors.js';
import { isSmsError, signRequest } from '../../src/index.js';
import { LOCKED, MAX_SCRIPT_PATHS, type Mock, ScriptError, startMock } from '../../src/mock.js';
import { ADMIN_DOORS, type AdminDoor } from '../support/mock-admin-http.js';

const CREDS = { ak: 'ADMINDOORAK000000001', sk: 'admin-door-secret-key-000000000000000001' };
const TOKEN = { 'X-Auth-Token': 'admin-door-token' };
let mock: Mock;
beforeAll(async () => {
  mock = await startMock({
    port: 0,
    auth: { credentials: [CREDS], lockout: { failures: 1, lockMs: 60_000 } },
    journalLimit: 3,
  });
});
afterAll(() => mock.close());
afterEach(() => mock.reset());

const get = (id: string) =>
  fetch(`${mock.url}/v3/sources/${id}/command`, { headers: TOKEN }).then(async (r) => [r.status, await r.json()]);
const signedGet = async (sk: string) => {
  const url = `${mock.url}/v3/sources/locked/command`;
  return (await fetch(url, { headers: await signRequest({ method: 'GET', url }, { ak: CREDS.ak, sk }) })).status;
};
const refusal = async (attempt: () => unknown) => {
  try {
    await attempt();
  } catch (error) {
    return error;
  }
  throw new Error('accepted');
};

describe.each(ADMIN_DOORS)('the admin service through its %s door', (_door, open) => {
  let admin: AdminDoor;
  beforeAll(() => {
    admin = open(mock);
  });

  it('script stores the steps under the canonical path and returns the state that scriptState, scripts and the answers then show', async () => {
    const state = await admin.script('/v3/sources/%61b/command', [{ body: { command_name: 'SKIP' } }, { status: 404 }]);
    expect(state).toEqual({
      path: '/v3/sources/ab/command',
      served: 0,
      repeatsLast: false,
      remaining: [
        { status: 200, body: { command_name: 'SKIP' }, headers: {}, delay_ms: 0, times: 1, unchecked: false },
        {
          status: 404,
          body: expect.objectContaining({ error_code: 'SMS.2252' }),
          headers: {},
          delay_ms: 0,
          times: 1,
          unchecked: false,
        },
      ],
    });
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

  it('requests and journal list what the API answered (dropped beyond the limit); clearRequests empties it', async () => {
    for (const id of ['j1', 'j2', 'j3', 'j4']) await get(id);
    expect((await admin.requests()).map((r) => r.id)).toEqual(['j2', 'j3', 'j4']);
    expect(await admin.journal()).toMatchObject({
      requests: [{ id: 'j2' }, { id: 'j3' }, { id: 'j4' }],
      dropped: 1,
      limit: 3,
    });
    await admin.clearRequests();
    expect(await admin.requests()).toEqual([]);
    expect(await admin.journal()).toEqual({ requests: [], dropped: 0, limit: 3 });
  });

  it('reset clears the scripts, the journal and every AK lock', async () => {
    await admin.script('/v3/sources/r/command', [{ body: { command_name: 'STOP' } }]);
    const wrong = 'wrong-secret-key-00000000000000000000001';
    // Two failures in a row lock the AK (lockout.failures: 1): then the right SK is refused too.
    expect([await signedGet(wrong), await signedGet(wrong), await signedGet(CREDS.sk)]).toEqual([401, 401, 401]);
    expect((await admin.requests()).at(-1)).toMatchObject({
      reason: `Incorrect IAM authentication information: ${LOCKED}`,
    });
    await admin.reset();
    expect(await admin.scripts()).toEqual([]);
    expect(await admin.requests()).toEqual([]);
    expect(await signedGet(CREDS.sk)).toBe(200);
  });
});
