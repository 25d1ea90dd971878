// What `npm start` says before it builds: the true reason (no build yet, an output missing, or the
// newest source newer than the build, by name), and nothing when dist/ is up to date.
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIfNeeded, buildReason, OUTPUTS } from '../../scripts/start.mjs';

const scratch = await mkdtemp(join(tmpdir(), 'sms-start-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const BUILT = new Date('2026-01-02T00:00:00Z');
const BEFORE = new Date('2026-01-01T00:00:00Z');
const AFTER = new Date('2026-01-03T00:00:00Z');

/** A checkout: sources written before the build, and the build's outputs (all, or those given). */
async function checkout(name: string, outputs: readonly string[] = OUTPUTS) {
  const dir = join(scratch, name);
  const put = async (file: string, time: Date) => {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), 'x');
    await utimes(join(dir, file), time, time);
  };
  for (const file of ['src/mock/cli.ts', 'src/index.ts', 'spec/v3/openapi.yaml', 'redocly.yaml'])
    await put(file, BEFORE);
  for (const folder of ['src/mock', 'src', 'spec/v3', 'spec']) await utimes(join(dir, folder), BEFORE, BEFORE);
  for (const file of outputs) await put(file, BUILT);
  return { dir, put };
}

describe('npm start: why it builds', () => {
  it('a fresh clone: there is no dist/ yet, not "sources changed"', async () => {
    const { dir } = await checkout('fresh', []);
    expect(await buildReason(dir)).toBe('the first build: there is no dist/ yet');
    await mkdir(join(dir, 'dist'));
    expect(await buildReason(dir)).toBe('the first build: dist/ holds none of its files yet');
  });

  it('an output missing is named', async () => {
    const { dir } = await checkout('partial', ['dist/.build-stamp', 'dist/sms-command.yaml']);
    expect(await buildReason(dir)).toBe('dist/src/mock/cli.js is missing');
  });

  it('up to date: no reason, no build', async () => {
    const { dir } = await checkout('fresh-build');
    expect(await buildReason(dir)).toBeUndefined();
  });

  it('a source newer than the build is named, the newest of them', async () => {
    const { dir, put } = await checkout('edited');
    await put('spec/v3/openapi.yaml', AFTER);
    await utimes(join(dir, 'spec/v3'), BEFORE, BEFORE);
    await put('src/mock/cli.ts', new Date(AFTER.getTime() + 1000));
    await utimes(join(dir, 'src/mock'), BEFORE, BEFORE);
    expect(await buildReason(dir)).toBe('src/mock/cli.ts changed since the last build');
  });

  it('a file removed since the build: its folder is named', async () => {
    const { dir } = await checkout('removed');
    await rm(join(dir, 'src/index.ts'));
    await utimes(join(dir, 'src'), AFTER, AFTER);
    expect(await buildReason(dir)).toBe('src/ changed since the last build: a file added, removed or renamed there');
  });

  it('the first build says it is building before it starts, and how long it took once done', async () => {
    const { dir } = await checkout('first', []);
    const said: string[] = [];
    await buildIfNeeded(
      dir,
      async () => {
        said.push('(building)');
      },
      (line) => said.push(line),
    );
    expect(said).toEqual([
      'Building dist/ (the first build: there is no dist/ yet); a first build takes a minute or so...',
      '(building)',
      expect.stringMatching(/^Built dist\/ in \d+\.\d s; starting the mock\.\.\.$/),
    ]);
    // Up to date: not a word, no build.
    const { dir: built } = await checkout('first-done');
    const quiet: string[] = [];
    await buildIfNeeded(
      built,
      () => Promise.reject(new Error('built when up to date')),
      (line) => quiet.push(line),
    );
    expect(quiet).toEqual([]);
  });
});
