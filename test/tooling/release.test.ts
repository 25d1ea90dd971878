// The release flow: change entries into a version and a CHANGELOG section (scripts/release.mjs) and
// the spec versions recorded in package.json. (What `npm publish` would send needs the built package:
// test/package/publish.test.ts.)
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nextVersion, readEntries, release, specVersions } from '../../scripts/release.mjs';
import { root } from '../../scripts/root.mjs';

const scratch = await mkdtemp(join(tmpdir(), 'sms-release-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A copy of what the release script reads: package.json, CHANGELOG.md, spec/, and these entries. */
async function project(name: string, entries: Record<string, string>) {
  const dir = join(scratch, name);
  await mkdir(join(dir, '.changes'), { recursive: true });
  await cp(join(root, 'spec'), join(dir, 'spec'), { recursive: true });
  for (const file of ['package.json', 'CHANGELOG.md']) await cp(join(root, file), join(dir, file));
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ ...JSON.parse(await readFile(join(root, 'package.json'), 'utf8')), version: '0.3.1' }, null, 2),
  );
  for (const [file, text] of Object.entries(entries)) await writeFile(join(dir, '.changes', file), text);
  await writeFile(join(dir, '.changes', 'README.md'), '# not an entry\n');
  return dir;
}

describe('release flow', () => {
  it("package.json records each API's spec info.version", async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    expect(pkg.apiVersions).toEqual(await specVersions(root));
    expect(pkg.apiVersions).toEqual({ v1: '1.1.0', v3: '3.1.0' });
  });

  it('the largest bump wins', () => {
    expect(nextVersion('0.3.1', ['patch'])).toBe('0.3.2');
    expect(nextVersion('0.3.1', ['patch', 'minor'])).toBe('0.4.0');
    expect(nextVersion('0.3.1', ['minor', 'major', 'patch'])).toBe('1.0.0');
  });

  it('entries become the version, a CHANGELOG section grouped by kind, and are deleted', async () => {
    const dir = await project('ok', {
      'a.md': '---\nbump: minor\n---\nv3: a new optional field.\n',
      'b.md': '---\nbump: patch\n---\nA fix.\n',
    });
    expect(await release(dir, new Date('2027-01-02T00:00:00Z'))).toBe('0.4.0');
    // apiVersions and the CHANGELOG line come from the specs' info.version, whatever they are today.
    const specs = await specVersions(root);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ version: '0.4.0', apiVersions: specs });
    const changelog = await readFile(join(dir, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(
      `## 0.4.0 — 2027-01-02\n\nAPI specs: v1 ${specs.v1}, v3 ${specs.v3}.\n\n### Features\n\n- v3: a new optional field.\n\n### Fixes\n\n- A fix.\n`,
    );
    expect(changelog.indexOf('## 0.4.0')).toBeLessThan(changelog.indexOf('## 0.1.0'));
    expect(await readdir(join(dir, '.changes'))).toEqual(['README.md']);
    expect(await release(dir)).toBeUndefined();
  });

  it('a malformed entry is refused, naming the file', async () => {
    await expect(readEntries(await project('bad-bump', { 'x.md': '---\nbump: huge\n---\ntext\n' }))).rejects.toThrow(
      '.changes/x.md: bump must be major, minor or patch, not "huge"',
    );
    await expect(readEntries(await project('no-front', { 'y.md': 'just text\n' }))).rejects.toThrow(
      '.changes/y.md: expected a front matter block',
    );
  });
});
