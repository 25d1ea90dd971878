// The built sms-command-mock bin with a scenario that is not what its author meant: the problems are
// told with the file, line and column (src/mock/scenario.ts; every message is held in
// test/contract/mock-steps.test.ts), the bin exits 2 and leaves nothing listening.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { watchProcess } from '../support/mock-bin.js';

const BIN = join(root, 'dist/src/mock/cli.js');
const scratch = await mkdtemp(join(tmpdir(), 'sms-mock-scenario-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The bin with `--scenario` a file of `text`: its exit code and output. */
async function run(name: string, text: string) {
  const file = join(scratch, name);
  await writeFile(file, text);
  const child = watchProcess(
    spawn(process.execPath, [BIN, '--port', '0', '--scenario', file], { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  const code = await Promise.race([
    child.exited,
    new Promise<'running'>((done) => setTimeout(() => done('running'), 20_000).unref()),
  ]);
  if (code === 'running') child.child.kill('SIGKILL');
  return { file, code, output: child.output() };
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
});
