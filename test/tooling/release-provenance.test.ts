// The release workflow's preconditions for npm provenance, each shown to fail on a mutation.
// (What `npm publish` would send: test/package/publish.test.ts.)
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { githubRepository, preflight, specVersions } from '../../scripts/release.mjs';
import { root } from '../../scripts/root.mjs';
import { PKG, changeset, exec, projectsIn } from '../support/release-project.js';

const scratch = await mkdtemp(join(tmpdir(), 'sms-release-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const project = projectsIn(scratch);

const WORKFLOW = YAML.parse(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8'));
const REPOSITORY = 'sms-command-contract/sms-command-contract';

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
