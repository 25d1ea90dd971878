// The secret scan (src/mock/record/secrets.ts): each credential shape on its own and inside a
// recording, found by field and never quoted; and nothing the contract's own examples hold is taken
// for a credential (a recording of the mock's default answers loads).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { describeHits, scanForSecrets } from '../../src/mock/record/secrets.js';

const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
const PLANTED: Array<[string, string, string]> = [
  ['an AK', 'QTWAOYTTINDUT2QVKYUC', 'an AK (20 upper-case letters and digits)'],
  ['an SK', SK, 'an SK (40 letters and digits)'],
  ['an IAM token', `MIIEhwYJKoZIhvcNAQcCoIIEeDCCBHQCAQ${'x'.repeat(40)}`, 'an IAM token (MII…)'],
  ['a signature', 'Access=AK1, SignedHeaders=host, Signature=abc123', 'a signature (SDK-HMAC-SHA256 / Signature=)'],
  ['an Authorization value', 'SDK-HMAC-SHA256 Access=x', 'a signature (SDK-HMAC-SHA256 / Signature=)'],
  ['a Bearer value', 'Bearer eyJhbGciOiJIUzI1NiJ9', 'an Authorization value (Bearer / Basic)'],
  ['a security token', 'gQpjbi1ub3J0aC00'.repeat(20), 'a security token (a base64 run of 256 characters or more)'],
];

describe('the secret scan', () => {
  it.each(PLANTED)('finds %s by itself, and inside a recording at its field, never quoting it', (_, value, shape) => {
    expect(scanForSecrets(value)).toEqual([{ field: '(the whole value)', shape }]);
    const recording = {
      scripts: { '/v3/sources/s1/command': [{ body: { command_name: 'START' } }, { body: { note: `x ${value} y` } }] },
    };
    const hits = scanForSecrets(recording);
    expect(hits).toEqual([{ field: '.scripts["/v3/sources/s1/command"][1].body.note', shape }]);
    const message = describeHits('rec.json', hits, 'not loaded');
    expect(message).toContain(`rec.json: .scripts["/v3/sources/s1/command"][1].body.note holds ${shape}`);
    expect(message).not.toContain(value);
  });

  it('a credential header is refused by its name, whatever its value; a configured secret by its value', () => {
    const step = { headers: { 'X-Auth-Token': 'short', Authorization: 'x' }, body: { detail: 'uses hunter22-pass' } };
    expect(scanForSecrets(step, ['hunter22-pass', 'any'])).toEqual([
      { field: '.headers.X-Auth-Token', shape: 'a credential field (X-Auth-Token)' },
      { field: '.headers.Authorization', shape: 'a credential field (Authorization)' },
      { field: '.body.detail', shape: 'a configured secret (by value)' },
    ]);
    // A configured secret shorter than MIN_SECRET_LENGTH is not looked for: `any` is in ordinary words.
    expect(scanForSecrets({ msg: 'any command' }, ['any'])).toEqual([]);
  });

  it("what an answer ordinarily holds is no credential: ids, request ids, command names, the contract's examples", () => {
    const ordinary = {
      id: 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f',
      request_id: 'b8a1c3e2f0d94c1a9e7b6d5c4b3a2910',
      command_name: 'TASK_HAS_FINISHED',
      code: 'SMS.2009',
      big: 12345678901234567890,
    };
    expect(scanForSecrets(ordinary)).toEqual([]);
    const spec = JSON.parse(readFileSync(join(root, 'dist/sms-command.json'), 'utf8')) as unknown;
    const examples: unknown[] = [];
    JSON.stringify(spec, (key, value: unknown) => {
      if (key === 'example' || key === 'value' || key === 'examples') examples.push(value);
      return value;
    });
    expect(examples.length).toBeGreaterThan(10);
    expect(scanForSecrets(examples)).toEqual([]);
  });

  it('a refusal lists at most MAX_SECRET_HITS and counts the rest', () => {
    const hits = scanForSecrets(Array.from({ length: 25 }, () => SK));
    expect(hits).toHaveLength(25);
    const lines = describeHits('f', hits, 'not written').split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[20]).toBe('f: and 5 more (MAX_SECRET_HITS, 20)');
  });
});
