// Hostile scenario and spec files: over the limit, /dev/zero, a FIFO, YAML alias bombs, syntax errors with line and column.
// Memory bombs run in the bin (test/package/mock-lifecycle.test.ts, mock-process-scenario.test.ts), never in this runner.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJson } from '../../src/mock/texts/json.js';
import { TextError } from '../../src/errors.js';
import { SCENARIO_MAX_BYTES } from '../../src/mock/texts/files.js';
import { readTextFile } from '../../src/files.js';
import { parseYaml, YAML_MAX_ALIAS_NODES } from '../../src/mock/texts/yaml.js';

const scratch = await mkdtemp(join(tmpdir(), 'sms-mock-bounds-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('hostile: scenario and spec files', () => {
  it('a file over the limit, /dev/zero, a FIFO or a directory is refused before reading it all (or at all)', async () => {
    const big = join(scratch, 'big.yaml');
    await writeFile(big, Buffer.alloc(SCENARIO_MAX_BYTES + 1, 0x20));
    const over = `is over the 4 MiB limit (SCENARIO_MAX_BYTES, ${SCENARIO_MAX_BYTES} bytes): use a smaller file`;
    expect(() => readTextFile(big, SCENARIO_MAX_BYTES, 'SCENARIO_MAX_BYTES')).toThrow(over);
    expect(() => readTextFile('/dev/zero', SCENARIO_MAX_BYTES, 'SCENARIO_MAX_BYTES')).toThrow(
      'is a character device, not a regular file: give the path of a file',
    );
    expect(() => readTextFile(scratch, SCENARIO_MAX_BYTES, 'SCENARIO_MAX_BYTES')).toThrow(
      'is a directory, not a regular file: give the path of a file',
    );
    const { execFileSync } = await import('node:child_process');
    const fifo = join(scratch, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(() => readTextFile(fifo, SCENARIO_MAX_BYTES, 'SCENARIO_MAX_BYTES')).toThrow(
      'is a FIFO (named pipe), not a regular file: give the path of a file',
    );
    await writeFile(big, 'scripts: {}\n');
    expect(readTextFile(big, SCENARIO_MAX_BYTES, 'SCENARIO_MAX_BYTES')).toBe('scripts: {}\n');
  });

  it(`YAML aliases that would expand past ${YAML_MAX_ALIAS_NODES} nodes are refused before expanding, with the alias's line and column`, () => {
    const laughs = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
    ].join('\n');
    // Expanded, it would take minutes and gigabytes (the test's hang guard); the time: bench/parsers.mjs.
    const error = (() => {
      try {
        parseYaml(laughs);
      } catch (e) {
        return e as TextError;
      }
    })();
    expect(error).toBeInstanceOf(TextError);
    expect(error!.message).toMatch(
      new RegExp(
        `^line 9, column \\d+: its aliases would expand the document by \\d+ nodes \\(this alias alone by \\d+\\), over the limit of ${YAML_MAX_ALIAS_NODES} \\(YAML_MAX_ALIAS_NODES\\): nested aliases multiply \\("billion laughs"\\); write the repeated parts out or nest fewer aliases$`,
      ),
    );
    // Ordinary reuse still works.
    expect(parseYaml('base: &s { status: 503 }\nsteps: [*s, *s, { times: 2 }]\n')).toEqual({
      base: { status: 503 },
      steps: [{ status: 503 }, { status: 503 }, { times: 2 }],
    });
  });

  it('syntax errors and duplicate keys give line and column (YAML and JSON); deep nesting is an error, not a crash', () => {
    const at = (parse: (t: string) => unknown, text: string) => {
      try {
        parse(text);
      } catch (e) {
        return (e as Error).message;
      }
      return 'parsed';
    };
    expect(at(parseYaml, 'scripts:\n  /v3/sources/s1/command: [\n    { status: 200 }\n    { status: 404 }\n')).toMatch(
      /^line 4, column 5: /,
    );
    expect(at(parseYaml, 'scripts: {}\nscripts: {}\n')).toBe('line 2, column 1: duplicate key');
    expect(at(parseJson, '{\n  "scripts": {\n    "a": [1,]\n  }\n}')).toMatch(/^line 3, column 13: /);
    expect(at(parseJson, '{"scripts": }')).toMatch(/^line 1, column 13: Unexpected token/);
    expect(at(parseJson, '{"scripts": {}')).toMatch(/^line 1, column 15: /);
    expect(at(parseYaml, '['.repeat(200_000))).toMatch(/^(nested too deeply to read|line \d+, column \d+: )/);
  });
});
