// What sms-command-verify says when no command was checked, by cause: a 401 is the credentials, a
// refused connection is nothing listening, a 404 a server with no migration task; and a mistyped
// option gets the nearest one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mock, startMock } from '../../src/mock.js';
import { freePort } from '../support/ports.js';
import { runVerify } from '../support/verify-bin.js';

const NO_TASK = 'give --server-id of a server with a migration task';
const run = runVerify;
const hints = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('no command was checked'));

describe('sms-command-verify: why no command was checked', () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMock({ port: 0 });
  });
  afterAll(() => mock.close());

  it('no credentials, answered 401: the credentials, not the server id', async () => {
    const out = await run(['--endpoint', mock.url, '--server-id', 's1', '--version', 'v3']);
    expect(out.code).toBe(2);
    expect(hints(out.stdout)).toEqual([
      "no command was checked: the service refused the credentials (HTTP 401): set SMS_TOKEN or --token-file, or CLOUD_SDK_AK and CLOUD_SDK_SK (with CLOUD_SDK_DOMAIN_ID or --domain-id), for this endpoint's account",
    ]);
    expect(out.stdout).not.toContain(NO_TASK);
  });

  it('nothing listening (ECONNREFUSED): the endpoint, not the server id', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const out = await run(['--endpoint', endpoint, '--server-id', 's1', '--version', 'v3'], { SMS_TOKEN: 't' });
    expect(out.code).toBe(2);
    expect(hints(out.stdout)).toEqual([
      `no command was checked: nothing is listening at ${endpoint} (ECONNREFUSED): check --endpoint and that the service is running`,
    ]);
  });

  it('a 404: the server has no migration task; give another --server-id', async () => {
    mock.script('/v3/sources/no-task-here/command', [{ status: 404 }]);
    const out = await run(['--endpoint', mock.url, '--server-id', 'no-task-here', '--version', 'v3'], {
      SMS_TOKEN: 't',
    });
    expect(out.code).toBe(3);
    expect(hints(out.stdout)).toEqual([
      `no command was checked: the service answered 404, which says the server has no migration task: ${NO_TASK}`,
    ]);
  });

  it('a mistyped option: the nearest one', async () => {
    expect(await run(['--endpiont', mock.url])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "sms-command-verify: Unknown option '--endpiont': did you mean --endpoint?\nRun sms-command-verify --help for the options.\n",
    });
  });
});
