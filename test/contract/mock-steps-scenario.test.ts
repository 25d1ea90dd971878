// A scenario file's problems, each with its file, line and column (YAML and JSON), hostile files included.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Mock, ScriptError, startMock } from '../../src/mock.js';
import {
  readScenario,
  SCENARIO_MAX_PROBLEMS,
  ScenarioError,
  scenarioScriptError,
} from '../../src/mock/scripts/scenario.js';
import { SCENARIO_MAX_BYTES } from '../../src/mock/texts/files.js';
import { parseYaml } from '../../src/mock/texts/yaml.js';
import { DRIFT, useStepsMock } from '../support/steps-mock.js';

const { mock, refusal } = useStepsMock();

const scratch = await mkdtemp(join(tmpdir(), 'sms-mock-steps-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('scenario files: each problem with its file, line and column', () => {
  let n = 0;
  async function file(extension: string, text: string): Promise<string> {
    const path = join(scratch, `scenario-${++n}.${extension}`);
    await writeFile(path, text);
    return path;
  }
  /** What the bin says about a scenario: its read error, or the refusal of its steps by the mock. */
  async function told(path: string): Promise<string> {
    let scenario;
    try {
      scenario = readScenario(path);
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      return (error as Error).message;
    }
    const started = await startMock({ port: 0, scripts: scenario.scripts }).then(
      (m) => m,
      (error: unknown) => error,
    );
    if (started instanceof Error && !(started instanceof ScriptError)) throw started;
    if (!(started instanceof ScriptError)) {
      await (started as Mock).close();
      return 'accepted';
    }
    return scenarioScriptError(scenario, started);
  }

  it('a YAML flow mapping missing its } is a YAML syntax error at its line and column, not "body: null"', async () => {
    const open = await file('yaml', 'scripts:\n  /v3/sources/s1/command:\n    - body: {command_name: START\n');
    expect(await told(open)).toBe(
      `--scenario ${open}:4:1: not valid YAML: unexpected end of the stream within a flow collection (line 4, column 1: fix the file there)`,
    );
    const next = await file(
      'yml',
      'scripts:\n  /v3/sources/s1/command:\n    - body: {command_name: START\n    - status: 500\n',
    );
    expect(await told(next)).toBe(
      `--scenario ${next}:4:5: not valid YAML: missed comma between flow collection entries (line 4, column 5: fix the file there)`,
    );
    const list = await file('yaml', 'scripts:\n  /v3/sources/s1/command: [{body: {command_name: START}}\n');
    expect(await told(list)).toBe(
      `--scenario ${list}:3:1: not valid YAML: unexpected end of the stream within a flow collection (line 3, column 1: fix the file there)`,
    );
  });

  it('a YAML key YAML reads silently as another ({command_name START}, {command_name:START}) is an unlisted field, at its place', async () => {
    const spaced = await file('yaml', 'scripts:\n  /v3/sources/s1/command:\n    - body: {command_name START}\n');
    expect(await told(spaced)).toBe(
      `--scenario ${spaced}:3:14: scripts["/v3/sources/s1/command"] steps[0].body.command_name START: not a field of Command (the contract lists command_name, command_param); ${DRIFT}`,
    );
    const glued = await file(
      'yaml',
      'scripts:\n  /v3/sources/s1/command:\n    - status: 200\n      body: {command_name:START}\n',
    );
    expect(await told(glued)).toBe(
      `--scenario ${glued}:4:14: scripts["/v3/sources/s1/command"] steps[0].body.command_name:START: not a field of Command (the contract lists command_name, command_param); ${DRIFT}`,
    );
    const empty = await file('yaml', 'scripts:\n  /v3/sources/s1/command:\n    - status: 200\n      body:\n');
    expect(await told(empty)).toBe(
      `--scenario ${empty}:4:7: scripts["/v3/sources/s1/command"] steps[0].body: null, expected object (type object)`,
    );
  });

  it('a step that breaks the contract points at its key, in YAML and in JSON; one line per problem', async () => {
    const yaml = await file(
      'yaml',
      [
        'scripts:',
        '  /v3/sources/s1/command:',
        '    - body: { command_name: START }',
        '    - status: "503"',
        '      body:',
        '        command_nam: START',
        '        command_param: { task_id: t, "a.b": 1 }',
        '',
      ].join('\n'),
    );
    expect((await told(yaml)).split('\n')).toEqual([
      `--scenario ${yaml}:4:7: scripts["/v3/sources/s1/command"] steps[1].status: is the string "503": a status is a number, write 503 without quotes (an integer from 100 to 599) (type)`,
    ]);
    await writeFile(yaml, (await import('node:fs')).readFileSync(yaml, 'utf8').replace('"503"', '200'));
    expect((await told(yaml)).split('\n')).toEqual([
      `--scenario ${yaml}:6:9: scripts["/v3/sources/s1/command"] steps[1].body.command_nam: not a field of Command (the contract lists command_name, command_param) — a typo of command_name?; ${DRIFT}`,
      `--scenario ${yaml}:7:38: scripts["/v3/sources/s1/command"] steps[1].body.command_param.a.b: not a field of CommandParam (the contract lists task_id, bucket); ${DRIFT}`,
    ]);
    const json = await file(
      'json',
      JSON.stringify(
        {
          scripts: {
            '/v1/sms/sources/a/command': [{ body: { command_name: 'START' } }],
            '/v3/sources/s1/command': [{ times: 2 }, { body: { command_name: 'REBOOT' }, headers: { 'X-A': 'b\n' } }],
          },
        },
        null,
        2,
      ),
    );
    expect((await told(json)).split('\n')).toEqual([
      `--scenario ${json}:16:11: scripts["/v3/sources/s1/command"] steps[1].body.command_name: "REBOOT" is not a documented value ("START", "STOP", "SKIP", "PREMIGRATE", "TASK_NOT_STARTED", "TASK_HAS_STOPPED", "TASK_HAS_FINISHED", "DELETE", "SYNC") (enum)`,
      `--scenario ${json}:19:11: scripts["/v3/sources/s1/command"] steps[1].headers["X-A"]: must be a header value: no control character (CR, LF, NUL, ...) but tab, no character past U+00FF, no space or tab at either end (field-value)`,
    ]);
  });

  it('a script that is no list, a step through an alias, and a path the mock does not serve', async () => {
    const notList = await file('json', '{"scripts": {"/v3/sources/s1/command": {"status": 200}}}');
    expect(await told(notList)).toBe(
      `--scenario ${notList}:1:14: scripts["/v3/sources/s1/command"]: must be a non-empty array of steps (type)`,
    );
    const alias = await file(
      'yaml',
      'start: &start\n  body: { command_nam: START }\nscripts:\n  /v3/sources/s1/command: [*start]\n',
    );
    expect(await told(alias)).toBe(
      `--scenario ${alias}:2:11: scripts["/v3/sources/s1/command"] steps[0].body.command_nam: not a field of Command (the contract lists command_name, command_param) — a typo of command_name?; ${DRIFT}`,
    );
    // The mock names no script key for a path it does not serve: the message names the path itself.
    const path = await file('yaml', 'scripts:\n  /v2/sources/s1/command: [{}]\n');
    expect(await told(path)).toBe(
      `--scenario ${path}: path: /v2/sources/s1/command is not an API path of this mock (/v1/sms/sources/{source_id}/command, /v1/sms/sources/{source_id}/command_result, /v3/sources/{server_id}/command, /v3/sources/{server_id}/command_result) (path)`,
    );
    const good = await file('yaml', 'scripts:\n  /v3/sources/s1/command:\n    - body: {command_name: SKIP}\n');
    expect(await told(good)).toBe('accepted');
  });

  it(`hostile: a file of ${SCENARIO_MAX_BYTES / 4} bytes (100,000s of unlisted fields) lists the first ${SCENARIO_MAX_PROBLEMS} at their places and counts the rest`, async () => {
    const keys: string[] = [];
    let size = 0;
    for (let i = 0; size < SCENARIO_MAX_BYTES / 4; i++) {
      keys.push(`"k${i}":0`);
      size += keys.at(-1)!.length + 1;
    }
    const big = await file('json', `{"scripts":{"/v3/sources/s1/command":[{"body":{${keys.join(',')}}}]}}`);
    // The YAML reader's own duplicate check took minutes here; the time: bench/parsers.mjs.
    const lines = (await told(big)).split('\n');
    expect(lines).toHaveLength(SCENARIO_MAX_PROBLEMS + 1);
    expect(lines[0]).toBe(
      `--scenario ${big}:1:48: scripts["/v3/sources/s1/command"] steps[0].body.k0: not a field of Command (the contract lists command_name, command_param); ${DRIFT}`,
    );
    expect(lines[1]).toMatch(/:1:55: scripts\["\/v3\/sources\/s1\/command"\] steps\[0\]\.body\.k1: /);
    expect(lines.at(-1)).toBe(
      `--scenario ${big}: scripts["/v3/sources/s1/command"]: and ${keys.length - SCENARIO_MAX_PROBLEMS} more problems (only the first ${SCENARIO_MAX_PROBLEMS} are listed) (MAX_VIOLATIONS)`,
    );
  });

  it('hostile: a __proto__ key is a field like any other, refused as over HTTP at its place; a key twice in JSON is refused at the second, as in YAML', async () => {
    const step = await file(
      'yaml',
      'scripts:\n  /v3/sources/s1/command:\n    - __proto__: {status: 503}\n      body: {command_name: START}\n',
    );
    expect(await told(step)).toBe(
      `--scenario ${step}:3:7: scripts["/v3/sources/s1/command"] steps[0].__proto__: is not a step field (status, body, headers, delay_ms, times, fault, unchecked, until, note) (additionalProperties)`,
    );
    const body = await file(
      'yaml',
      'scripts:\n  /v3/sources/s2/command:\n    - body:\n        __proto__: {command_name: START}\n',
    );
    expect(await told(body)).toBe(
      `--scenario ${body}:4:9: scripts["/v3/sources/s2/command"] steps[0].body.__proto__: not a field of Command (the contract lists command_name, command_param); ${DRIFT}`,
    );
    const unchecked = await file(
      'yaml',
      'scripts:\n  /v3/sources/s3/command:\n    - __proto__: {unchecked: true, status: 299}\n      body: "<html>not json</html>"\n',
    );
    expect((await told(unchecked)).split('\n')).toEqual([
      `--scenario ${unchecked}:3:7: scripts["/v3/sources/s3/command"] steps[0].__proto__: is not a step field (status, body, headers, delay_ms, times, fault, unchecked, until, note) (additionalProperties)`,
      `--scenario ${unchecked}:4:7: scripts["/v3/sources/s3/command"] steps[0].body: string, expected object (type object)`,
    ]);
    for (const key of ['__proto__', 'constructor']) {
      const paths = await file('yaml', `scripts:\n  ${key}: {status: 503}\n  /v3/sources/s1/command: [{}]\n`);
      expect(await told(paths)).toBe(
        `--scenario ${paths}: path: ${key} is not an API path of this mock (/v1/sms/sources/{source_id}/command, /v1/sms/sources/{source_id}/command_result, /v3/sources/{server_id}/command, /v3/sources/{server_id}/command_result) (path)`,
      );
    }
    const twice = await file(
      'json',
      '{"scripts": {"/v3/sources/s1/command": [{"status": "oops"}], "/v3/sources/s1/command": [{"body": {"command_name": "START", "command_name": "STOP"}}]}}',
    );
    expect(await told(twice)).toBe(
      `--scenario ${twice}:1:62: not valid JSON: duplicate key (line 1, column 62: fix the file there)`,
    );
    const inBody = await file(
      'json',
      '{"scripts": {"/v3/sources/s1/command": [\n  {"body": {"command_name": "START", "command_name": "STOP"}}]}}',
    );
    expect(await told(inBody)).toBe(
      `--scenario ${inBody}:2:38: not valid JSON: duplicate key (line 2, column 38: fix the file there)`,
    );
  });

  // Linear time (a quadratic duplicate check took minutes): measured in bench/parsers.mjs.
  it('hostile: a YAML mapping of 300,000 keys is read, and a key twice is still refused at the second', () => {
    const lines = Array.from({ length: 300_000 }, (_, i) => `k${i}: 0`);
    expect(Object.keys(parseYaml(lines.join('\n')) as object)).toHaveLength(300_000);
    expect(() => parseYaml([...lines, 'k7: 1'].join('\n'))).toThrow('line 300001, column 1: duplicate key');
  });

  it('the file itself: missing, or not { scripts: {...} }', async () => {
    const none = join(scratch, 'none.yaml');
    expect(await told(none)).toBe(`--scenario ${none}: there is no such file`);
    const shape = await file('json', '[]');
    expect(await told(shape)).toBe(`--scenario ${shape}: expected { "scripts": { "<API path>": [steps] } }`);
  });
});
