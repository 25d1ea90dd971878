// The release flow: changesets (.changeset/, `changeset version`) and what scripts/release.mjs adds
// (apiVersions and the CHANGELOG line naming them, the `check`, the workflow's `preflight`), run on
// a copy of the repository; and the release workflow's preconditions for npm provenance, each shown
// to fail on a mutation. (What `npm publish` would send: test/package/publish.test.ts.)
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { apiLine, githubRepository, preflight, specVersions } from '../../scripts/release.mjs';
import { root } from '../../scripts/root.mjs';

const run = promisify(execFile);
const scratch = await mkdtemp(join(tmpdir(), 'sms-release-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const PKG = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const WORKFLOW = YAML.parse(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8'));
const REPOSITORY = 'sms-command-contract/sms-command-contract';

/** A copy of what a release reads and writes, at version 0.3.1, with these changesets. */
async function project(name: string, changesets: Record<string, string>) {
  const dir = join(scratch, name);
  await mkdir(join(dir, '.changeset'), { recursive: true });
  await Promise.all([
    cp(join(root, 'spec'), join(dir, 'spec'), { recursive: true }),
    cp(join(root, 'scripts'), join(dir, 'scripts'), { recursive: true }),
    cp(join(root, 'CHANGELOG.md'), join(dir, 'CHANGELOG.md')),
    ...['config.json', 'README.md'].map((f) => cp(join(root, '.changeset', f), join(dir, '.changeset', f))),
    symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir'),
    writeFile(join(dir, 'package.json'), `${JSON.stringify({ ...PKG, version: '0.3.1' }, null, 2)}\n`),
  ]);
  for (const [file, text] of Object.entries(changesets)) await writeFile(join(dir, '.changeset', file), text);
  return dir;
}
const changeset = (bump: string, text: string) => `---\n'sms-command-contract': ${bump}\n---\n\n${text}\n`;
const exec = (file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  run(file, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false', ...env } }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout + error.stderr,
    }),
  );

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

/** A workflow's jobs and steps, as far as the checks below read them. */
type Step = { name?: string; run?: string; uses?: string; with?: Record<string, string> };
type Job = { 'runs-on': string; needs?: string | string[]; permissions?: Record<string, string>; steps: Step[] };
const PREFLIGHT = 'node scripts/release.mjs preflight';

/**
 * What stops npm publishing with provenance from this workflow, in words (none: it can). The publish
 * step is the one that runs `npm publish`; the preflight must run in its job before it, or in a job
 * its job needs.
 */
function provenanceProblems(workflow: { jobs: Record<string, Job> }, pkg: typeof PKG): string[] {
  const problems: string[] = [];
  if (!githubRepository(pkg.repository?.url))
    problems.push('package.json repository.url is not git+https://github.com/<owner>/<repo>.git');
  const [publishJob, job] =
    Object.entries(workflow.jobs).find(([, j]) => j.steps.some((s) => /\bnpm publish\b/.test(s.run ?? ''))) ?? [];
  if (!publishJob || !job) return [...problems, 'no step runs npm publish'];
  const at = job.steps.findIndex((s) => /\bnpm publish\b/.test(s.run ?? ''));
  if (pkg.publishConfig?.provenance !== true && !/--provenance\b/.test(job.steps[at]!.run!))
    problems.push('neither publishConfig.provenance nor --provenance');
  if (job.permissions?.['id-token'] !== 'write') problems.push(`job ${publishJob} lacks permissions id-token: write`);
  if (!/^ubuntu-/.test(job['runs-on']))
    problems.push(`job ${publishJob} runs on ${job['runs-on']}, not a GitHub-hosted ubuntu-* runner`);
  const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'];
  const [major = 0, minor = 0] = String(node ?? '')
    .split('.')
    .map(Number);
  // npm 9.5 (the first with --provenance) came with Node 18.16; every Node 20 and later has a newer npm.
  if (!(major > 18 || (major === 18 && minor >= 16)))
    problems.push(`job ${publishJob} sets up Node ${node}, whose npm has no --provenance (Node >= 18.16, npm >= 9.5)`);
  /** The steps of every job `name` needs, directly or not. */
  const needed = (name: string, seen: Set<string>): Step[] =>
    [workflow.jobs[name]?.needs ?? []].flat().flatMap((need) => {
      if (seen.has(need)) return [];
      seen.add(need);
      return [...needed(need, seen), ...(workflow.jobs[need]?.steps ?? [])];
    });
  const earlier = [...needed(publishJob, new Set()), ...job.steps.slice(0, at)];
  if (!earlier.some((s) => s.run?.trim() === PREFLIGHT)) problems.push(`no step runs ${PREFLIGHT} before npm publish`);
  return problems;
}

describe('release workflow: npm provenance preconditions', () => {
  it('hold for the repository as it is', () => {
    expect(githubRepository(PKG.repository.url)).toBe(REPOSITORY);
    expect(provenanceProblems(WORKFLOW, PKG)).toEqual([]);
  });

  it("package.json's repository is already in the form npm normalises to (npm pkg fix changes nothing)", async () => {
    const dir = join(scratch, 'pkg-fix');
    await mkdir(dir);
    await writeFile(join(dir, 'package.json'), JSON.stringify(PKG, null, 2));
    expect((await exec('npm', ['pkg', 'fix'], dir)).code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))).toMatchObject({
      repository: PKG.repository,
      homepage: `https://github.com/${REPOSITORY}#readme`,
      bugs: { url: `https://github.com/${REPOSITORY}/issues` },
    });
  });

  const publishJob = (w: { jobs: Record<string, Job> }) => w.jobs.publish!;
  const mutations: Array<[string, (w: { jobs: Record<string, Job> }, p: typeof PKG) => void, string]> = [
    [
      'repository.url without git+ and .git',
      (_w, p) => void (p.repository.url = `https://github.com/${REPOSITORY}`),
      'package.json repository.url is not git+https://github.com/<owner>/<repo>.git',
    ],
    [
      'repository as a shorthand',
      (_w, p) => void (p.repository = `github:${REPOSITORY}`),
      'package.json repository.url is not git+https://github.com/<owner>/<repo>.git',
    ],
    [
      'no provenance asked for',
      (w, p) => {
        delete p.publishConfig.provenance;
        for (const s of publishJob(w).steps) if (s.run) s.run = s.run.replace(' --provenance', '');
      },
      'neither publishConfig.provenance nor --provenance',
    ],
    [
      'no id-token: write',
      (w) => void delete publishJob(w).permissions!['id-token'],
      'job publish lacks permissions id-token: write',
    ],
    [
      'a self-hosted runner',
      (w) => void (publishJob(w)['runs-on'] = 'self-hosted'),
      'job publish runs on self-hosted, not a GitHub-hosted ubuntu-* runner',
    ],
    [
      'Node 18.12 (npm 8)',
      (w) =>
        void (publishJob(w).steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!.with!['node-version'] =
          '18.12'),
      'job publish sets up Node 18.12, whose npm has no --provenance (Node >= 18.16, npm >= 9.5)',
    ],
    [
      'no preflight',
      (w) => {
        for (const job of Object.values(w.jobs)) job.steps = job.steps.filter((s) => s.run?.trim() !== PREFLIGHT);
      },
      `no step runs ${PREFLIGHT} before npm publish`,
    ],
    [
      'the preflight only after publishing',
      (w) => {
        for (const job of Object.values(w.jobs)) job.steps = job.steps.filter((s) => s.run?.trim() !== PREFLIGHT);
        publishJob(w).steps.push({ run: PREFLIGHT });
      },
      `no step runs ${PREFLIGHT} before npm publish`,
    ],
  ];
  it.each(mutations)('fail for the right reason: %s', (_name, mutate, problem) => {
    const workflow = structuredClone(WORKFLOW);
    const pkg = structuredClone(PKG);
    mutate(workflow, pkg);
    expect(provenanceProblems(workflow, pkg)).toEqual([problem]);
  });

  it("the workflow's preflight step fails a fork's run early, in words; passes on the release it guards", async () => {
    const dir = await project('preflight', {});
    const step = WORKFLOW.jobs.test.steps.find((s: Step) => s.run?.trim() === PREFLIGHT);
    const fork = await exec('sh', ['-e', '-c', step.run], dir, {
      GITHUB_REPOSITORY: 'someone/sms-command-contract',
      GITHUB_REF_NAME: 'v0.3.1',
    });
    expect(fork).toEqual({
      code: 1,
      stdout: `::error::this workflow runs in someone/sms-command-contract, but package.json names ${REPOSITORY} (repository.url): npm would refuse the provenance (E422). Publish from ${REPOSITORY}, or change repository.url in package.json\n`,
    });
    expect(
      await exec('sh', ['-e', '-c', step.run], dir, { GITHUB_REPOSITORY: REPOSITORY, GITHUB_REF_NAME: 'v0.3.1' }),
    ).toEqual({
      code: 0,
      stdout: 'release preflight: repository, tag, changesets and apiVersions in order\n',
    });
  });

  it('preflight: a tag that is not the version, changesets left, stale apiVersions, each named', async () => {
    const dir = await project('preflight-all', { 'left.md': changeset('patch', 'x') });
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    await writeFile(join(dir, 'package.json'), JSON.stringify({ ...pkg, apiVersions: { v1: '1.0.0', v3: '3.1.0' } }));
    expect(await preflight(dir, { repository: REPOSITORY, ref: 'v0.3.0' })).toEqual([
      '::error::tag v0.3.0 is not v0.3.1 (package.json)',
      '::error::changesets are left in .changeset/ (left.md): run npm run release:version and commit before tagging',
      `::error::package.json apiVersions {"v1":"1.0.0","v3":"3.1.0"} do not match the specs ${JSON.stringify(await specVersions(root))} (each spec's info.version): run npm run api-versions`,
    ]);
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ ...pkg, repository: { type: 'git', url: `https://github.com/${REPOSITORY}` } }),
    );
    expect(await preflight(dir, { repository: REPOSITORY, ref: 'v0.3.1' })).toEqual([
      `::error::package.json repository.url "https://github.com/${REPOSITORY}" is not git+https://github.com/<owner>/<repo>.git: npm's provenance check compares it with the repository that runs the workflow`,
      '::error::changesets are left in .changeset/ (left.md): run npm run release:version and commit before tagging',
    ]);
  });
});
