// The drift gate: committed generated/ must equal what the specs generate, and the gate must bite.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { findDrift, regenerate } from '../../scripts/drift.mjs';

const scratch = await mkdtemp(join(tmpdir(), 'sms-drift-test-'));
// One regeneration serves the three comparisons (each costs a couple of seconds of CPU).
const fresh = await regenerate();
afterAll(() => Promise.all([rm(scratch, { recursive: true, force: true }), fresh.cleanup()]));

describe.concurrent('generated/ drift gate', () => {
  it('passes on the committed generated/', async () => {
    expect(await findDrift(undefined, fresh)).toEqual([]);
  });

  it('fails on a stale copy, naming the file', async () => {
    const stale = join(scratch, 'stale');
    await cp(join(root, 'generated'), stale, { recursive: true });
    const file = join(stale, 'v3.ts');
    // A stale copy: the types as they were before TASK_HAS_FINISHED was documented.
    const text = await readFile(file, 'utf8');
    expect(text).toContain(' | "TASK_HAS_FINISHED"');
    await writeFile(file, text.replace(' | "TASK_HAS_FINISHED"', ''));
    const problems = await findDrift(stale, fresh);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/stale\/v3\.ts differs/);
  });

  it('fails when a generated file is missing', async () => {
    const partial = join(scratch, 'partial');
    await cp(join(root, 'generated'), partial, { recursive: true });
    await rm(join(partial, 'v1.ts'));
    expect(await findDrift(partial, fresh)).toEqual([expect.stringMatching(/partial\/v1\.ts is missing/)]);
  });
});
