// The release flow: changesets and what scripts/release.mjs adds (apiVersions, the CHANGELOG line), run on a copy of the repository.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiLine, specVersions } from '../../scripts/release.mjs';
import { root } from '../../scripts/root.mjs';
import { PKG, changeset, exec, projectsIn } from '../support/release-project.js';

const scratch = await mkdtemp(join(tmpdir(), 'sms-release-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const project = projectsIn(scratch);

describe('release flow', () => {
  it("package.json records each API's spec info.version", async () => {
    expect(PKG.apiVersions).toEqual(await specVersions(root));
    expect(PKG.apiVersions).toEqual({ v1: '1.1.0', v3: '3.1.0' });
  });

  it('npm run release:version: changesets writes the version and the section, our step names the API specs', async () => {
    const dir = await project('version', {
      'a.md': changeset('minor', 'v3: a new optional field.'),
      'b.md': changeset('patch', 'A fix.'),
    });
    const first = await exec('npm', ['run', '-s', 'release:version'], dir);
    expect(first, first.stdout).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('sms-command-contract 0.4.0: the API specs named in its CHANGELOG section\n');
    // apiVersions and the CHANGELOG line come from the specs' info.version, whatever they are today.
    const specs = await specVersions(root);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(pkg).toEqual({ ...PKG, version: '0.4.0', apiVersions: specs });
    const changelog = await readFile(join(dir, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(
      new RegExp(
        `^# Changelog\\n\\n## 0\\.4\\.0\\n\\nAPI specs: v1 ${specs.v1}, v3 ${specs.v3}\\.\\n\\n### Minor Changes\\n\\n- v3: a new optional field\\.\\n\\n### Patch Changes\\n\\n- A fix\\.\\n\\n## 0\\.1\\.0 \\(never released\\)\\n`,
      ),
    );
    expect(await readdir(join(dir, '.changeset'))).toEqual(['README.md', 'config.json']);
    // Again with no changeset: nothing changes.
    const again = await exec('npm', ['run', '-s', 'release:version'], dir);
    expect(again.stdout).toContain('sms-command-contract 0.4.0: apiVersions were already recorded');
    expect(await readFile(join(dir, 'CHANGELOG.md'), 'utf8')).toBe(changelog);
  });

  it('a release of spec changes: the new info.version lands in apiVersions and the section', async () => {
    const dir = await project('spec-bump', { 'c.md': changeset('minor', 'v3: 3.2.0.') });
    const spec = join(dir, 'spec/v3/openapi.yaml');
    await writeFile(spec, (await readFile(spec, 'utf8')).replace(/^(\s+version:\s*)['"]?3\.1\.0['"]?$/m, '$1 3.2.0'));
    expect((await specVersions(dir)).v3).toBe('3.2.0');
    const check = await exec(process.execPath, ['scripts/release.mjs', 'check'], dir);
    expect(check).toEqual({
      code: 1,
      stdout: `package.json apiVersions {"v1":"1.1.0","v3":"3.1.0"} do not match the specs {"v1":"1.1.0","v3":"3.2.0"} (each spec's info.version): run npm run api-versions\n`,
    });
    // The fix the check names, in the pull request itself: apiVersions only, the changeset left for the release.
    expect(await exec('npm', ['run', '-s', 'api-versions'], dir)).toEqual({
      code: 0,
      stdout: 'package.json apiVersions set to the specs: API specs: v1 1.1.0, v3 3.2.0.\n',
    });
    expect(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))).toMatchObject({ version: '0.3.1' });
    expect(await readdir(join(dir, '.changeset'))).toContain('c.md');
    expect((await exec(process.execPath, ['scripts/release.mjs', 'check'], dir)).code).toBe(0);
    const release = await exec('npm', ['run', '-s', 'release:version'], dir);
    expect(release.stdout).toContain('sms-command-contract 0.4.0: the API specs named in its CHANGELOG section\n');
    expect(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).apiVersions).toEqual({
      v1: '1.1.0',
      v3: '3.2.0',
    });
    expect(await readFile(join(dir, 'CHANGELOG.md'), 'utf8')).toContain(
      `## 0.4.0\n\n${apiLine({ v1: '1.1.0', v3: '3.2.0' })}\n`,
    );
    expect(await exec(process.execPath, ['scripts/release.mjs', 'check'], dir)).toEqual({
      code: 0,
      stdout: '0 changesets waiting; apiVersions match the specs\n',
    });
  });

  it('npm run release:version with nothing to release: no section written, and it says so', async () => {
    const dir = await project('nothing', {});
    const before = await readFile(join(dir, 'CHANGELOG.md'), 'utf8');
    const result = await exec('npm', ['run', '-s', 'release:version'], dir);
    expect(result.stdout).toContain(
      'sms-command-contract 0.3.1: apiVersions were already recorded (no CHANGELOG section for it: changeset version had no changeset to release)\n',
    );
    expect(await readFile(join(dir, 'CHANGELOG.md'), 'utf8')).toBe(before);
  });

  it("a malformed changeset stops npm run release:version before anything is written, in changesets' words", async () => {
    const dir = await project('bad', { 'bad.md': changeset('huge', 'text') });
    const before = await Promise.all(['package.json', 'CHANGELOG.md'].map((f) => readFile(join(dir, f), 'utf8')));
    const result = await exec('npm', ['run', '-s', 'release:version'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'could not parse changeset - invalid version type "huge" for package "sms-command-contract"',
    );
    expect(result.stdout).not.toContain('apiVersions');
    expect(await Promise.all(['package.json', 'CHANGELOG.md'].map((f) => readFile(join(dir, f), 'utf8')))).toEqual(
      before,
    );
  });

  it("the repository's changesets release together: each for this package, each text in the section", async () => {
    const files = (await readdir(join(root, '.changeset'))).filter((f) => f.endsWith('.md') && f !== 'README.md');
    const texts = await Promise.all(files.map((f) => readFile(join(root, '.changeset', f), 'utf8')));
    const dir = await project('pending', Object.fromEntries(files.map((f, i) => [f, texts[i]!])));
    const result = await exec('npm', ['run', '-s', 'release:version'], dir);
    expect(result, result.stdout).toMatchObject({ code: 0 });
    expect(await readdir(join(dir, '.changeset'))).toEqual(['README.md', 'config.json']);
    const changelog = await readFile(join(dir, 'CHANGELOG.md'), 'utf8');
    for (const [i, text] of texts.entries()) {
      const [, bump, body] = /^---\n'sms-command-contract': (major|minor|patch)\n---\n\n([\s\S]+)$/.exec(text) ?? [];
      expect(bump, files[i]).toBeDefined();
      expect(changelog, files[i]).toContain(`- ${body!.trim().split('\n')[0]}`);
    }
  });
});
