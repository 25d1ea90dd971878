// verifyEndpoint against hostile servers: tokens as field names, prototype names, terminal text, all-404 runs.
import { describe, expect, it } from 'vitest';
import { formatReport, verifyEndpoint } from '../../src/verify.js';
import { TOKEN, TERMINAL, UNPRINTABLE, useVerifyServer } from '../support/verify-server.js';

const { server, verify } = useVerifyServer();

describe('hostile: verify', () => {
  it("a 200 body with the token as a field name: redacted in the finding's path as in its message, in the report and in --json", async () => {
    const report = await verify(['token-as-field']);
    expect(report.results[0]!.findings).toEqual([
      { kind: 'drift', path: '$.[REDACTED]', rule: 'properties', message: 'the field "[REDACTED]" is not in the spec' },
      {
        kind: 'drift',
        path: '$.command_param.k-[REDACTED]',
        rule: 'properties',
        message: 'the field "k-[REDACTED]" is not in the spec',
      },
    ]);
    for (const text of [JSON.stringify(report), formatReport(report)]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(TOKEN.slice(4, 12));
    }
  });

  it('fields named constructor, toString, __proto__, hasOwnProperty, valueOf are not in the spec: drift, not "conforms"', async () => {
    const report = await verify(['prototype-names']);
    expect(report.results[0]).toMatchObject({ outcome: 'drift' });
    expect(report.results[0]!.findings.map((f) => [f.path, f.rule, f.message])).toEqual([
      ['$.constructor', 'properties', 'the field "constructor" is not in the spec'],
      ['$.toString', 'properties', 'the field "toString" is not in the spec'],
      ['$.__proto__', 'properties', 'the field "__proto__" is not in the spec'],
      ['$.command_param.hasOwnProperty', 'properties', 'the field "hasOwnProperty" is not in the spec'],
      ['$.command_param.valueOf', 'properties', 'the field "valueOf" is not in the spec'],
      ['$.command_param.__proto__', 'properties', 'the field "__proto__" is not in the spec'],
    ]);
    expect(report.exitCode).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('every server answered a documented 404: no command was checked, so not green: exit 3 and a line that says so', async () => {
    const report = await verify(['no-task', 'no-task']);
    expect(report.results.map((r) => [r.status, r.outcome])).toEqual([
      [404, 'conforms'],
      [404, 'conforms'],
    ]);
    expect(report).toMatchObject({
      commandsChecked: 0,
      exitCode: 3,
      summary: { conforms: 2, drift: 0, violations: 0, unchecked: 0 },
    });
    expect(formatReport(report).split('\n').slice(-2)).toEqual([
      'no command was checked: the service answered 404, which says the server has no migration task: give --server-id of a server with a migration task',
      '2 conform, 0 drift, 0 with violations, 0 could not be checked: exit 3',
    ]);
  });

  it('one command checked makes a conforming run green again; drift and could-not-check keep their codes', async () => {
    expect(await verify(['no-task', 'conforms'])).toMatchObject({ commandsChecked: 1, exitCode: 0 });
    expect(await verify(['no-task', 'new-command'])).toMatchObject({ commandsChecked: 1, exitCode: 1 });
    expect(await verify(['no-task', 'long-error'])).toMatchObject({ commandsChecked: 0, exitCode: 1 });
    expect(await verify(['no-task', 'hang'])).toMatchObject({ commandsChecked: 0, exitCode: 2 });
  });

  it('a value over a documented maxLength is counted in code points, as the rule is: 1025 emoji are 1025 characters, not 2050', async () => {
    const report = await verify(['emoji-error']);
    expect(report.results[0]!.findings).toEqual([
      {
        kind: 'drift',
        path: '$.error_msg',
        rule: 'maxLength 1024',
        message: '1025 characters, over the documented 1024',
      },
    ]);
  });

  it('an endpoint with credentials is refused, naming no password', async () => {
    const endpoint = server.url.replace('http://', 'http://agent:hunter2-password@');
    const error = await verifyEndpoint({
      endpoint,
      auth: { token: TOKEN },
      serverIds: ['conforms'],
      versions: ['v3'],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'endpoint must not carry credentials (user:password@ before the host); give them as auth, which is never printed',
    });
    expect(JSON.stringify(error) + String(error)).not.toContain('hunter2');
    expect(server.requests.some((r) => r.headers.authorization !== undefined)).toBe(false);
  });

  it('server text that drives the terminal (in a value, a field name) and a hostile server id are escaped in the text report', async () => {
    const report = await verify(['terminal-text']);
    report.results.push({ ...report.results[0]!, serverId: `id${TERMINAL}` });
    const text = formatReport(report);
    for (const line of text.split('\n')) expect(line).not.toMatch(UNPRINTABLE);
    expect(text).toContain('drift     $.field\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{d}ok\\u{202e}  [properties]');
    expect(text).toContain('v3 id\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{d}ok\\u{202e}: HTTP 200, DRIFT');
    expect(report.results[0]!.findings[0]!.message).toContain('\u202e'); // the report object keeps what was received
  });
});
