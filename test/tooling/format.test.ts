// The formatter settles style: every file Prettier covers (.prettierrc.json, .prettierignore) is as
// Prettier writes it. `npm run format` fixes what this finds.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';

const ignorePath = join(root, '.prettierignore');

describe('formatting (Prettier)', () => {
  it('every tracked file Prettier covers is formatted', async () => {
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    const unformatted: string[] = [];
    let checked = 0;
    for (const file of files) {
      const path = join(root, file);
      const info = await prettier.getFileInfo(path, { ignorePath });
      if (info.ignored || !info.inferredParser) continue;
      const options = { ...(await prettier.resolveConfig(path)), filepath: path };
      checked++;
      if (!(await prettier.check(await readFile(path, 'utf8'), options))) unformatted.push(file);
    }
    expect(checked).toBeGreaterThan(80);
    expect(unformatted, `run npm run format: ${unformatted.join(', ')}`).toEqual([]);
  });

  it('the check bites: a line over 120 characters, double quotes and a missing trailing comma are found', async () => {
    const options = {
      ...(await prettier.resolveConfig(join(root, 'src/v3.ts'))),
      filepath: join(root, 'src/example.ts'),
    };
    const bad = `export const x = call("a", ${Array.from({ length: 30 }, (_, i) => `argument${i}`).join(', ')});\n`;
    expect(await prettier.check(bad, options)).toBe(false);
    expect(await prettier.check(await prettier.format(bad, options), options)).toBe(true);
  });
});
