// Every workflow under .github/workflows validated against GitHub's workflow schema (offline, with
// @action-validator/cli), so a typo fails here rather than on the first pull request.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from '../scripts/root.mjs';

const validator = join(root, 'node_modules/@action-validator/cli/cli.mjs');
const validate = (file: string) =>
  promisify(execFile)(process.execPath, [validator, file]).then(
    () => ({ code: 0, output: '' }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );
const workflows = readdirSync(join(root, '.github/workflows')).filter((f) => /\.ya?ml$/.test(f));

describe('GitHub workflows', () => {
  it('there are the spec review and the contract drift watch', () => {
    expect(workflows).toEqual(expect.arrayContaining(['spec-review.yml', 'contract-drift.yml']));
  });

  it.each(workflows)('%s is valid against GitHub\'s workflow schema', async (file) => {
    expect(await validate(join(root, '.github/workflows', file))).toEqual({ code: 0, output: '' });
  });

  it('the check bites: a misspelt key fails, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'workflow-'));
    try {
      const bad = join(dir, 'bad.yml');
      await writeFile(bad, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n');
      const result = await validate(bad);
      expect(result.code).toBe(1);
      expect(result.output).toContain("Additional property 'stepz' is not allowed");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
