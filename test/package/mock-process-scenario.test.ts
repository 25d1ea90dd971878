// The sms-command-mock bin given hostile scenario files: a YAML bomb, a 200 MB file, /dev/zero, a FIFO,
// a directory, syntax errors; each refused at once, in words, naming the file (and the line and column).
import { execFileSync } from 'node:child_process';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_MAX_BYTES, YAML_MAX_ALIAS_NODES } from '../../src/mock.js';
import { mockBinFile } from '../support/mock-bin.js';
import { HANG_GUARD_MS } from '../support/waits.js';

const { scratch, bin } = await mockBinFile('sms-mock-bin-scenario-');

describe('hostile: scenario files', () => {
  // Each runs the bin with a 256 MB heap: before the limits, a bomb crashed it there rather than
  // taking the machine's memory; now each is refused. A run still going after HANG_GUARD_MS is killed.
  const refusedScenario = async (file: string) => {
    const run = bin(['--scenario', file], { nodeArgs: ['--max-old-space-size=256'] });
    const timer = setTimeout(() => run.child.kill('SIGKILL'), HANG_GUARD_MS);
    const code = await run.exited;
    clearTimeout(timer);
    expect(run.output()).not.toContain('answering on');
    return { code, output: run.output().trim() };
  };

  it('a "billion laughs" YAML file is refused before it expands (YAML_MAX_ALIAS_NODES), naming the line and column', async () => {
    const file = join(scratch, 'laughs.yaml');
    const rows = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      'scripts: { "/v3/sources/s1/command": [*i] }',
    ];
    await writeFile(file, `${rows.join('\n')}\n`);
    const { code, output } = await refusedScenario(file);
    expect(code).toBe(2);
    expect(output).toMatch(
      new RegExp(
        `^--scenario ${file}:\\d+:\\d+: not valid YAML: its aliases would expand the document by \\d+ nodes .*over the limit of ${YAML_MAX_ALIAS_NODES} \\(YAML_MAX_ALIAS_NODES\\).*\\(line \\d+, column \\d+: fix the file there\\)$`,
      ),
    );
  });

  it('a 200 MB file, /dev/zero, a FIFO and a directory are refused at once, in one line (SCENARIO_MAX_BYTES, regular files only)', async () => {
    const one = (said: string) => `sms-command-mock: --scenario ${said}; run sms-command-mock --help for the options`;
    const huge = join(scratch, 'huge.yaml');
    await writeFile(huge, 'scripts: {}\n');
    await truncate(huge, 200 * 1024 * 1024); // sparse: no 200 MB written
    expect(await refusedScenario(huge)).toEqual({
      code: 2,
      output: one(
        `${huge}: is over the 4 MiB limit (SCENARIO_MAX_BYTES, ${SCENARIO_MAX_BYTES} bytes): use a smaller file`,
      ),
    });
    expect(await refusedScenario('/dev/zero')).toEqual({
      code: 2,
      output: one('/dev/zero: is a character device, not a regular file: give the path of a file'),
    });
    const fifo = join(scratch, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(await refusedScenario(fifo)).toEqual({
      code: 2,
      output: one(`${fifo}: is a FIFO (named pipe), not a regular file: give the path of a file`),
    });
    const dir = join(scratch, 'dir.yaml');
    await mkdir(dir);
    expect(await refusedScenario(dir)).toEqual({
      code: 2,
      output: one(`${dir}: is a directory, not a regular file: give the path of a file`),
    });
  });

  it('syntax errors name the file, line and column, YAML and JSON', async () => {
    const yaml = join(scratch, 'broken.yaml');
    await writeFile(yaml, 'scripts:\n  /v3/sources/s1/command: [\n    { status: 200 }\n    { status: 404 }\n');
    const y = await refusedScenario(yaml);
    expect(y.code).toBe(2);
    expect(y.output).toMatch(
      new RegExp(`^--scenario ${yaml}:4:5: not valid YAML: .+ \\(line 4, column 5: fix the file there\\)$`),
    );
    const json = join(scratch, 'broken.json');
    await writeFile(json, '{\n  "scripts": {\n    "/v3/sources/s1/command": [{ "status": 200, }]\n  }\n}\n');
    const j = await refusedScenario(json);
    expect(j.code).toBe(2);
    expect(j.output).toMatch(
      new RegExp(`^--scenario ${json}:3:49: not valid JSON: .+ \\(line 3, column 49: fix the file there\\)$`),
    );
  });
});
