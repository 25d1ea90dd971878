// The sms-command-verify bin (dist) run once with only PATH and the given environment: its exit code and output.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from '../../scripts/root.mjs';

export const VERIFY_BIN_PATH = join(root, 'dist/src/verify/cli.js');

export const runVerify = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, [VERIFY_BIN_PATH, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
