// docs/signing.md's shell recipe (examples/sign.sh: openssl and curl) run against the mock as a user
// runs it; the `$(…)` newline pitfall the page warns of, refused; and its "Debugging a signature"
// commands: the journal one-liner, and the reset that lifts the lockout a broken signer causes.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { type Mock, startMock } from '../../src/mock.js';
import { HANG_GUARD_MS } from '../support/waits.js';

const SCRIPT = join(root, 'examples/sign.sh');
const page = readFileSync(join(root, 'docs/signing.md'), 'utf8');
/** The ```sh blocks of a page's section, from its heading to the next `## `. */
function shBlocks(heading: string): string[] {
  const start = page.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const end = page.indexOf('\n## ', start + 1);
  return [...page.slice(start, end < 0 ? undefined : end).matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}
const RESET = /`(curl -X POST \$B\/__mock\/reset [^`]*)`/.exec(page)?.[1];
const ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';
const ACCEPTED = '"Reporting command execution results to SMS succeeded"';
const FAIL =
  '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: verify aksk signature fail"';

let mock: Mock;
const scratch = await mkdtemp(join(tmpdir(), 'sms-sign-sh-'));
beforeAll(async () => {
  mock = await startMock({ port: 0, log: () => {} });
});
afterAll(async () => {
  await mock.close();
  await rm(scratch, { recursive: true, force: true });
});
afterEach(() => mock.reset());

/** Runs bash with `args`, B pointing at the mock; resolves to its exit code and output. */
const bash = (args: string[]) =>
  promisify(execFile)('bash', args, { env: { ...process.env, B: mock.url }, timeout: HANG_GUARD_MS }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
/** sign.sh with the newline fix taken out, as a reader who missed it would write it. */
async function withoutTheFix(): Promise<string> {
  const text = readFileSync(SCRIPT, 'utf8');
  const broken = text.replaceAll('; echo .)', ')');
  expect(broken).not.toBe(text);
  const path = join(scratch, 'sign-broken.sh');
  await writeFile(path, broken);
  return path;
}

describe('docs/signing.md, in shell', () => {
  it('shows examples/sign.sh as it is', () => {
    expect(shBlocks('## In shell: openssl and curl')).toEqual([readFileSync(SCRIPT, 'utf8')]);
  });

  it('sign.sh polls and reports, both signed by openssl, and the mock accepts both', async () => {
    const result = await bash([SCRIPT]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const [answer, report] = result.stdout.trim().split('\n');
    expect(JSON.parse(answer!)).toMatchObject({ command_name: 'START' });
    expect(report).toBe(ACCEPTED);
    const entries = await mock.requests();
    expect(entries.map((e) => [e.method, e.id, e.status, e.verdict, e.auth])).toEqual([
      ['GET', ID, 200, 'answered', { scheme: 'aksk', ak: 'SMSMOCKDEMOAK0000001' }],
      ['POST', ID, 200, 'answered', { scheme: 'aksk', ak: 'SMSMOCKDEMOAK0000001' }],
    ]);
    expect(entries[1]!.report).toEqual({ command_name: 'START', result: 'success', result_detail: { msg: 'done' } });
  });

  it("without the fix, $(…) drops the canonical headers' last newline: refused; the journal one-liner shows what the mock computed", async () => {
    const result = await bash([await withoutTheFix()]);
    expect(result.stdout).toContain(FAIL);
    const [oneLiner] = shBlocks('## Debugging a signature');
    const shown = await bash(['-c', oneLiner!]);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    const lines = shown.stdout.split('\n');
    expect(lines[0]).toMatch(/^Incorrect IAM authentication information: verify aksk signature fail \(rule: /);
    // the last refused request is the report (the poll was refused too, so it reported no command)
    expect(lines.slice(1, 4)).toEqual(['POST', `/v3/sources/${ID}/command_result/`, '']);
    expect(lines.at(-2)).toBe('content-type;host;x-sdk-date'); // signedHeaders (a list), printed joined by ';' last
    // the empty line after the canonical headers, which the broken script's canonical request lost
    expect(shown.stdout).toMatch(/\nx-sdk-date:\d{8}T\d{6}Z\n\ncontent-type;host;x-sdk-date\n[0-9a-f]{64}\n/);
  });

  it('a broken signer locks the AK, the fixed one too; the reset the page gives lifts the lock', async () => {
    for (let run = 0; run < 3; run++) await bash([await withoutTheFix()]); // 6 bad signatures
    const locked = await bash([SCRIPT]);
    expect(locked.stdout).toContain('AK access failed to reach the limit,forbidden');
    expect(RESET).toBe("curl -X POST $B/__mock/reset -H 'Content-Type: application/json'");
    expect(await bash(['-c', RESET!])).toMatchObject({ code: 0, stdout: '' });
    expect((await bash([SCRIPT])).stdout.trim().split('\n')[1]).toBe(ACCEPTED);
  });
});
