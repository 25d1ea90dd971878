// What `npm publish` would send: the built package (the package project's global setup built dist/),
// read from `npm publish --dry-run`. (The release script and its entries: test/tooling/release.test.ts.)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';

const run = promisify(execFile);

describe('release flow', () => {
  it('npm publish --dry-run: the package sends dist/ and the docs files, nothing of src/ or test/ (the tarball npm would send)', async () => {
    const { stdout } = await run('npm', ['publish', '--dry-run', '--ignore-scripts', '--json'], {
      cwd: root,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    // npm 11 keys the result by package name.
    const result = JSON.parse(stdout.slice(stdout.indexOf('{')))['sms-command-contract'];
    const files: string[] = result.files.map((f: { path: string }) => f.path);
    expect(result).toMatchObject({ name: 'sms-command-contract', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'dist/src/v3.js',
        'dist/src/mock/cli.js',
        'dist/src/verify/cli.js',
        'dist/sms-command.json',
      ]),
    );
    expect(files.filter((f) => /^(src|test|spec|scripts|bench)\//.test(f))).toEqual([]);
  });
});
