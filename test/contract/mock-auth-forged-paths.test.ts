// The mock's gate against forged paths, sent through a raw socket (fetch would normalise them).
import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../src/canonical.js';
import { rawRequest } from '../support/raw-http.js';
import { CREDS, TOKEN, useAuthMock } from '../support/auth-mock.js';

const { mock, signatureFor, lastEntry } = useAuthMock();

describe('hostile: forged paths, sent through a raw socket with a signature made for another path', () => {
  // [what, the path the signature was made for, the target sent, why it is refused]
  const cases: Array<[string, string, string, RegExp]> = [
    [
      'a backslash path resolving to the signed one',
      '/v3/sources/a/command',
      '/v3/sources/x\\..\\a/command',
      /contains "\\", which URL parsers read as "\/"/,
    ],
    [
      'a v1 signature on a v3 path',
      '/v1/sms/sources/a/command',
      '/v3/sources/..\\..\\v1\\sms\\sources\\a/command',
      /contains "\\"/,
    ],
    [
      '%2e%2e as the id, signed for /v3/command',
      '/v3/command',
      '/v3/sources/%2e%2e/command',
      /the dot segment "%2e%2e", which URL parsers resolve away/,
    ],
    ['.%2E as the id', '/v3/command', '/v3/sources/.%2E/command', /the dot segment ".%2E"/],
    ['%2E. as the id', '/v3/command', '/v3/sources/%2E./command', /the dot segment "%2E."/],
    ['a plain .. as the id', '/v3/command', '/v3/sources/../command', /the dot segment ".."/],
    ['a single . as the id', '/v3/sources/command', '/v3/sources/./command', /the dot segment "."/],
    ['%2e as the id', '/v3/sources/command', '/v3/sources/%2e/command', /the dot segment "%2e"/],
    [
      'a fragment, signed for the path before it',
      '/v3/sources/b',
      '/v3/sources/b#/command',
      /contains "#": URL parsers drop the fragment/,
    ],
    [
      'a malformed escape',
      '/v3/sources/a/command',
      '/v3/sources/%ff/command',
      /the segment "%ff" has a malformed percent-escape/,
    ],
  ];

  it.each(cases)(
    '%s: 400 naming why, before any script is used; journaled as refused with the AK',
    async (_what, signedPath, target, why) => {
      mock.script('/v3/sources/a/command', [{ body: { command_name: 'STOP' } }]);
      mock.script('/v3/sources/b/command', [{ body: { command_name: 'STOP' } }]);
      const answer = await rawRequest(mock.port, 'GET', target, await signatureFor(signedPath));
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({
        error_code: 'MOCK.0400',
        error_msg: expect.stringMatching(/^the path is refused before routing: /),
      });
      expect(answer.json.error_msg).toMatch(why);
      expect(mock.scriptState('/v3/sources/a/command')).toMatchObject({ served: 0 });
      expect(mock.scriptState('/v3/sources/b/command')).toMatchObject({ served: 0 });
      expect(await lastEntry()).toMatchObject({
        path: target,
        verdict: 'refused',
        status: 400,
        auth: { scheme: 'aksk', ak: CREDS.ak },
        reason: answer.json.error_msg,
      });
    },
  );

  it('a raw byte outside ASCII in the path is refused: it would be read as Latin-1 here and as UTF-8 by the signer', async () => {
    mock.script('/v3/sources/%C3%A9/command', [{ body: { command_name: 'STOP' } }]);
    // Node's own parser refuses it first (a bare 400); parseTarget refuses it as well, should a lenient parser pass it.
    const answer = await rawRequest(mock.port, 'GET', '/v3/sources/\u00e9/command', { 'X-Auth-Token': TOKEN });
    expect(answer.status).toBe(400);
    expect(mock.scriptState('/v3/sources/%C3%A9/command')).toMatchObject({ served: 0 });
    expect(parseTarget('/v3/sources/\u00c3\u00a9/command')).toEqual({
      path: '/v3/sources/\u00c3\u00a9/command',
      problem: 'it has a raw character outside printable ASCII: percent-encode it (UTF-8)',
    });
  });

  it('an absolute-form target is not a path the mock serves', async () => {
    const answer = await rawRequest(mock.port, 'GET', `http://127.0.0.1:${mock.port}/v3/sources/a/command`, {
      'X-Auth-Token': TOKEN,
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error_msg).toBe(
      'the path is refused before routing: the request target is not a path starting with "/"',
    );
  });

  it('the same forgery with a token is refused the same way: the path is judged before the credentials', async () => {
    const answer = await rawRequest(mock.port, 'GET', '/v3/sources/x\\..\\a/command', { 'X-Auth-Token': TOKEN });
    expect(answer).toMatchObject({ status: 400, json: { error_code: 'MOCK.0400' } });
  });
});
