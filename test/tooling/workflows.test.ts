// Every workflow under .github/workflows validated against GitHub's workflow schema (offline, with
// @action-validator/cli), so a typo fails here rather than on the first pull request.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { root } from '../../scripts/root.mjs';

const validator = join(root, 'node_modules/@action-validator/cli/cli.mjs');
const validate = (file: string) =>
  promisify(execFile)(process.execPath, [validator, file]).then(
    () => ({ code: 0, output: '' }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );
const workflows = readdirSync(join(root, '.github/workflows')).filter((f) => /\.ya?ml$/.test(f));

describe('GitHub workflows', () => {
  it('there are the spec review, the contract drift watch and the release', () => {
    expect(workflows).toEqual(expect.arrayContaining(['spec-review.yml', 'contract-drift.yml', 'release.yml']));
  });

  it.each(workflows)("%s is valid against GitHub's workflow schema", async (file) => {
    expect(await validate(join(root, '.github/workflows', file))).toEqual({ code: 0, output: '' });
  });

  it('spec-review posts the breaking-change report as one comment, updated in place on the next push', async () => {
    const workflow = YAML.parse(readFileSync(join(root, '.github/workflows/spec-review.yml'), 'utf8'));
    const step = workflow.jobs.review.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/github-script'));
    expect(workflow.permissions['pull-requests']).toBe('write');
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
    const run = new AsyncFunction('github', 'context', 'require', step.with.script);
    const comments: Array<{ id: number; body: string; user: { type: string } }> = [
      { id: 1, body: "a person's comment", user: { type: 'User' } },
    ];
    const github = {
      paginate: async (_list: unknown) => comments,
      rest: {
        issues: {
          listComments: () => undefined,
          createComment: async ({ body }: { body: string }) => {
            comments.push({ id: comments.length + 1, body, user: { type: 'Bot' } });
          },
          updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
            comments.find((c) => c.id === comment_id)!.body = body;
          },
        },
      },
    };
    const context = { repo: { owner: 'o', repo: 'r' }, payload: { pull_request: { number: 7 } } };
    const dir = await mkdtemp(join(tmpdir(), 'spec-review-'));
    try {
      // The script reads spec-diff.md from its working directory: here, the scratch directory.
      const fakeRequire = (id: string) =>
        id === 'node:fs'
          ? { readFileSync: (f: string, e: string) => readFileSync(join(dir, f), e as 'utf8') }
          : undefined;
      await writeFile(join(dir, 'spec-diff.md'), '## Spec review\n\n**No breaking changes.**\n');
      await run(github, context, fakeRequire);
      await writeFile(join(dir, 'spec-diff.md'), '## Spec review\n\n**1 breaking change.**\n');
      await run(github, context, fakeRequire);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(comments).toHaveLength(2);
    expect(comments[1]!.body).toBe(
      '<!-- sms-command-contract:spec-review -->\n## Spec review\n\n**1 breaking change.**\n',
    );
  });

  it('the check bites: a misspelt key fails, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'workflow-'));
    try {
      const bad = join(dir, 'bad.yml');
      await writeFile(bad, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n');
      const result = await validate(bad);
      expect(result.code).toBe(1);
      expect(result.output).toContain("Additional property 'stepz' is not allowed");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
