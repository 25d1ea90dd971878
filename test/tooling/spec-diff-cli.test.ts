// npm run spec:diff: its exit codes, its Markdown report, and its one-line mistakes.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/bundle.mjs';

const run = promisify(execFile);

describe('npm run spec:diff', () => {
  // A throwaway repository under .tmp/ (so it finds this repository's node_modules) holding the
  // scripts, spec/ and redocly.yaml, with one commit to diff against.
  const repos: string[] = [];
  afterAll(() => Promise.all(repos.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function setUp({ git: init = true } = {}) {
    await mkdir(join(root, '.tmp'), { recursive: true });
    const repo = await mkdtemp(join(root, '.tmp', 'spec-diff-'));
    repos.push(repo);
    const git = (...args: string[]) =>
      run('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo });
    if (init) {
      await git('init', '-q');
      // A first commit from before the specs, as a repository's history has.
      await writeFile(join(repo, 'README.md'), 'before the specs\n');
      await git('add', '-A');
      await git('commit', '-qm', 'before the specs');
    }
    for (const entry of [
      'spec',
      'redocly.yaml',
      'scripts/root.mjs',
      'scripts/bundle.mjs',
      'scripts/spec-diff.mjs',
      'scripts/spec-diff',
    ])
      await cp(join(root, entry), join(repo, entry), { recursive: true });
    if (init) {
      await git('add', '-A');
      await git('commit', '-qm', 'base');
    }
    const edit = async (file: string, from: string, to: string) => {
      const path = join(repo, file);
      const text = await readFile(path, 'utf8');
      expect(text).toContain(from);
      await writeFile(path, text.replace(from, to));
    };
    // GIT_CEILING_DIRECTORIES: git must not find this repository's own .git above .tmp/.
    const specDiff = (...args: string[]) =>
      run(process.execPath, [join(repo, 'scripts/spec-diff.mjs'), ...args], {
        cwd: repo,
        env: { ...process.env, GIT_CEILING_DIRECTORIES: join(root, '.tmp') },
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
      );
    return { repo, edit, specDiff };
  }

  it('exits 1 with a Markdown report naming the operation and field of a breaking change, 0 for a harmless one', async () => {
    const { edit, specDiff } = await setUp();
    await edit(
      'spec/v3/components/schemas/CommandParam.yaml',
      '    description: The bucket name.',
      '    description: The OBS bucket name.',
    );
    const harmlessRun = await specDiff('--base', 'HEAD');
    expect(harmlessRun.code).toBe(0);
    expect(harmlessRun.stdout).toContain('**No breaking changes.**');
    expect(harmlessRun.stdout).toMatch(/### v3\n\n\*\*Other changes \(1\)\*\*/);

    await edit('spec/v3/components/schemas/CommandName.yaml', '  - SYNC\n', '');
    const breakingRun = await specDiff('--base', 'HEAD');
    expect(breakingRun.code).toBe(1);
    expect(breakingRun.stdout).toContain('**1 breaking change.**');
    expect(breakingRun.stdout).toContain(
      '**Breaking (1)**\n\n- `GET /v3/sources/{server_id}/command` (ShowCommand) — command_name: value `SYNC` removed — a server that still sends `SYNC` no longer conforms (`responses.200.content.application/json.schema.properties.command_name.enum`, breaking)\n',
    );
    expect(breakingRun.stdout.indexOf('**Breaking')).toBeLessThan(breakingRun.stdout.indexOf('**Other changes'));
    expect(breakingRun.stdout).toMatch(/### v1\n\nNo changes\./);
  });

  it('a newly documented command value: exit 0, its own section naming the value, whether the CHANGELOG says so', async () => {
    const { edit, specDiff } = await setUp();
    await edit('spec/v3/components/schemas/CommandName.yaml', '  - SYNC\n', '  - SYNC\n  - REBOOT\n');
    await edit(
      'spec/v3/components/schemas/CommandName.yaml',
      'x-enumDescriptions:\n',
      'x-enumDescriptions:\n  REBOOT: Reboot the source server. Documented from 2026-12.\n',
    );
    const entry =
      '- `GET /v3/sources/{server_id}/command` (ShowCommand) — command_name: new value `REBOOT` documented, described in x-enumDescriptions (`responses.200.content.application/json.schema.properties.command_name.enum`, new command value)';
    const heading =
      "**New command values (1)** — CONTRIBUTING's exception: add to the known set, say so in the CHANGELOG";
    const before = await specDiff('--base', 'HEAD');
    expect(before).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        '## Spec review against `HEAD`',
        '',
        '**No breaking changes.**',
        '',
        "**1 new command value**, not breaking: CONTRIBUTING.md's standing exception for `command_name` (read tolerantly by design) — add it to the known set of the current version, no new version folder, no label, and say so in the version's CHANGELOG.md.",
        '',
        '### v1',
        '',
        'No changes.',
        '',
        '### v3',
        '',
        heading,
        '',
        `${entry}; not yet in spec/v3/CHANGELOG.md: add a line naming \`REBOOT\``,
        '',
        '',
      ].join('\n'),
    });
    // Quoted only in an older section: not named yet (the newest section is where it belongs).
    await edit('spec/v3/CHANGELOG.md', '## 0.1.0\n', '## 0.1.0\n\n- (an old note quoting `REBOOT`)\n');
    expect((await specDiff('--base', 'HEAD')).stdout).toContain(`${entry}; not yet in spec/v3/CHANGELOG.md`);
    // A new section above the newest one, whatever that is (the first `## ` heading).
    await edit(
      'spec/v3/CHANGELOG.md',
      '\n## ',
      '\n## 3.2.0\n\n- `GET /v3/sources/{server_id}/command` (ShowCommand): new command value `REBOOT`.\n\n## ',
    );
    const after = await specDiff('--base', 'HEAD');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(`${heading}\n\n${entry}; named in spec/v3/CHANGELOG.md\n`);
    expect(after.stdout).not.toContain('breaking change.');
  });

  it('a mistake exits 2 with one line naming it and the fix, then the way to --help; never a stack trace', async () => {
    const { repo, specDiff } = await setUp();
    const hint = '\nRun npm run spec:diff -- --help for the options.\n';
    const mistake = (message: string) => ({ code: 2, stdout: '', stderr: `spec:diff: ${message}${hint}` });
    expect(await specDiff('--bse', 'main')).toEqual(
      mistake('unknown option --bse: the one option is --base <git-ref> (--base main)'),
    );
    expect(await specDiff()).toEqual(
      mistake('give --base <git-ref>: the branch, tag or commit to compare with (--base main)'),
    );
    expect(await specDiff('--base')).toEqual(mistake('--base needs a git ref: a branch, tag or commit (--base main)'));
    expect(await specDiff('--base', '--help')).toEqual(
      mistake('--base needs a git ref: a branch, tag or commit (--base main)'),
    );
    expect(await specDiff('--base', 'HEAD', '--base', 'main')).toEqual(
      mistake('--base "HEAD", then "main": only one can count; give --base once'),
    );
    expect(await specDiff('--base', 'HEAD', 'main')).toEqual(
      mistake('unexpected argument main: give the ref as --base <git-ref>'),
    );
    expect(await specDiff('--base', 'no-such-branch')).toEqual(
      mistake(
        '--base no-such-branch is not a branch, tag or commit of this repository: check the name (git branch -a lists branches), or fetch it (git fetch origin)',
      ),
    );
    expect(await specDiff('--base', 'HEAD~1')).toEqual(
      mistake(
        '--base HEAD~1 has no spec/ and no redocly.yaml to compare with: give a ref from after the specs were added',
      ),
    );
    // A ref is never an option of git: --output would have written a file.
    const written = join(repo, 'written.tar');
    expect(await specDiff(`--base=--output=${written}`)).toEqual(
      mistake(
        `--base --output=${written} is not a branch, tag or commit of this repository: check the name (git branch -a lists branches), or fetch it (git fetch origin)`,
      ),
    );
    await expect(readFile(written)).rejects.toMatchObject({ code: 'ENOENT' });
    const help = await specDiff('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^npm run spec:diff -- --base <git-ref>\n/);
    expect(help.stdout).toContain('--base REF   the branch, tag or commit to compare the working tree with');
  });

  it('outside a git repository: exit 2, saying a clone is needed', async () => {
    const { repo, specDiff } = await setUp({ git: false });
    expect(await specDiff('--base', 'main')).toEqual({
      code: 2,
      stdout: '',
      stderr: `spec:diff: ${repo} is not in a git repository, so there is no --base main to read: run spec:diff in a clone of the repository\nRun npm run spec:diff -- --help for the options.\n`,
    });
  });
});
