// The built sms-command-mock bin with a scenario that is not what its author meant: the problems are
// told with the file, line and column (src/mock/scripts/scenario.ts; every message is held in
// test/contract/mock-steps-scenario.test.ts), the bin exits 2 and leaves nothing listening.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockBinFile } from '../support/mock-bin.js';

const { scratch, bin } = await mockBinFile('sms-mock-scenario-');

/** The bin with `--scenario` a file of `text` (none when undefined): its exit code and output. */
async function run(name: string, text: string | undefined) {
  const file = join(scratch, name);
  if (text !== undefined) await writeFile(file, text);
  return { file, ...(await bin(['--scenario', file]).ended()) };
}

describe('sms-command-mock --scenario FILE with a mistake in it', () => {
  it('a typo of a field is told at its line and column, and a YAML flow mapping missing its } as a YAML error', async () => {
    const typo = await run('typo.yaml', 'scripts:\n  /v3/sources/s1/command:\n    - body: { command_nam: START }\n');
    expect([typo.code, typo.output]).toEqual([
      2,
      `--scenario ${typo.file}:3:15: scripts["/v3/sources/s1/command"] steps[0].body.command_nam: not a field of Command (the contract lists command_name, command_param) — a typo of command_name?; sms-command-verify reports a field the contract does not list as drift: set "unchecked": true to send it anyway (properties)\n`,
    ]);
    const open = await run('open.yaml', 'scripts:\n  /v3/sources/s1/command:\n    - body: {command_name: START\n');
    expect([open.code, open.output]).toEqual([
      2,
      `--scenario ${open.file}:4:1: not valid YAML: unexpected end of the stream within a flow collection (line 4, column 1: fix the file there)\n`,
    ]);
    const quoted = await run('quoted.json', '{"scripts": {"/v1/sms/sources/a/command": [\n  {"status": "404"}\n]}}');
    expect([quoted.code, quoted.output]).toEqual([
      2,
      `--scenario ${quoted.file}:2:4: scripts["/v1/sms/sources/a/command"] steps[0].status: is the string "404": a status is a number, write 404 without quotes (an integer from 100 to 599) (type)\n`,
    ]);
  });

  it('hostile: terminal escapes and bidi controls from the file name or its content are printed as visible escapes', async () => {
    const RAW = /[\u001b\u0007\u202e]/;
    const none = await run('no\u001b[31msuch\u202e.yaml', undefined);
    expect([none.code, RAW.test(none.output)]).toEqual([2, false]);
    expect(none.output).toBe(
      `sms-command-mock: --scenario ${scratch}/no\\u{1b}[31msuch\\u{202e}.yaml: there is no such file; run sms-command-mock --help for the options\n`,
    );
    const value = await run(
      'esc1.yaml',
      'scripts:\n  "/v3/sources/s1/command":\n    - body: {command_name: "\\e]0;PWNED\\a\\e[2J\\u202eSTART"}\n',
    );
    expect([value.code, RAW.test(value.output)]).toEqual([2, false]);
    expect(value.output).toMatch(
      /steps\[0\]\.body\.command_name: "\\u001b\]0;PWNED\\u0007\\u001b\[2J\\u\{202e\}START" is not/,
    );
    const path = await run('esc2.yaml', 'scripts:\n  "/v3/sources/s1\\e[31m/command":\n    - {}\n');
    expect([path.code, path.output]).toEqual([
      2,
      `--scenario ${path.file}: path: /v3/sources/s1\\u{1b}[31m/command is not an API path of this mock (/v1/sms/sources/{source_id}/command, /v1/sms/sources/{source_id}/command_result, /v3/sources/{server_id}/command, /v3/sources/{server_id}/command_result) (path)\n`,
    ]);
    const field = await run('esc4.yaml', 'scripts:\n  "/v3/sources/s1/command":\n    - {"\\e[31mfoo": 1}\n');
    expect([field.code, field.output]).toEqual([
      2,
      `--scenario ${field.file}:3:8: scripts["/v3/sources/s1/command"] steps[0].\\u{1b}[31mfoo: is not a step field (status, body, headers, delay_ms, times, fault, unchecked, until, note) (additionalProperties)\n`,
    ]);
    const syntax = await run('esc3.json', '{"scripts": {"/v3/sources/s1/command": [{"body": \u001b[31m}]}}');
    expect([syntax.code, RAW.test(syntax.output)]).toEqual([2, false]);
    expect(syntax.output).toMatch(/^--scenario .*esc3\.json:1:50: not valid JSON: Unexpected token '\\u\{1b\}'/);
  });
});
