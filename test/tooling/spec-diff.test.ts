// The breaking-change gate: known breaking spec changes must be flagged, harmless ones must pass,
// in both directions (responses: what clients read; requests: what clients send).
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { type OpenApiDocument, root } from '../../scripts/bundle.mjs';
import { diffDocuments } from '../../scripts/spec-diff.mjs';
import { v1, v3 } from '../support/specs.js';

const run = promisify(execFile);
const PATH = '/v3/sources/{server_id}/command';
const change = (doc: OpenApiDocument, edit: (d: OpenApiDocument) => void) => {
  const copy = structuredClone(doc);
  edit(copy);
  return copy;
};
const op = (d: OpenApiDocument) => d.paths[PATH].get;

const breaking: [string, (d: OpenApiDocument) => void, RegExp][] = [
  [
    'response: a field removed',
    (d) => {
      delete d.components.schemas.CommandParam.properties.bucket;
    },
    /bucket.*stops getting it/,
  ],
  [
    'response: a command value removed (a server that still sends it no longer conforms)',
    (d) => {
      d.components.schemas.CommandName.enum = d.components.schemas.CommandName.enum.filter((v: string) => v !== 'SYNC');
    },
    /^command_name: value `SYNC` removed — a server that still sends `SYNC` no longer conforms$/m,
  ],
  [
    'response: a command value renamed',
    (d) => {
      d.components.schemas.CommandName.enum[d.components.schemas.CommandName.enum.indexOf('SYNC')] = 'SYNCHRONIZE';
    },
    /^command_name: value `SYNC` replaced by `SYNCHRONIZE` — a server that still sends `SYNC` no longer conforms$/m,
  ],
  [
    'response: command_name changes type',
    (d) => {
      d.components.schemas.Command.properties.command_name = { type: 'integer' };
    },
    /command_name/,
  ],
  [
    'request: a required query parameter added',
    (d) => {
      op(d).parameters = [{ name: 'agent_version', in: 'query', required: true, schema: { type: 'string' } }];
    },
    /required query parameter `agent_version`/,
  ],
  [
    'request: the id limit narrowed',
    (d) => {
      d.components.parameters.ServerId.schema.maxLength = 32;
    },
    /maxLength.*server_id/,
  ],
  [
    'request: the operation removed',
    (d) => {
      delete d.paths[PATH];
    },
    /./,
  ],
];

const harmless: [string, (d: OpenApiDocument) => void][] = [
  [
    'a description reworded',
    (d) => {
      d.components.schemas.CommandParam.description = 'Reworded.';
    },
  ],
  [
    'an example changed',
    (d) => {
      d.components.examples.CommandStop.value.command_param.task_id = 'another';
    },
  ],
  [
    'a new optional response field',
    (d) => {
      d.components.schemas.CommandParam.properties.region = { type: 'string', maxLength: 64 };
    },
  ],
  [
    'the id limit widened',
    (d) => {
      d.components.parameters.ServerId.schema.maxLength = 64;
    },
  ],
  [
    'a new error status',
    (d) => {
      op(d).responses['429'] = structuredClone(op(d).responses['500']);
    },
  ],
];

describe('breaking-change classification', () => {
  it.each(breaking)('flags %s as breaking', (_name, edit, where) => {
    const { breaking: found } = diffDocuments(v3, change(v3, edit));
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((c) => c.description).join('\n')).toMatch(where);
    if (_name !== 'request: the operation removed') expect(found[0]!.operation).toBe(`\`GET ${PATH}\` (ShowCommand)`);
  });

  it.each(harmless)('passes %s, reporting it as another change', (_name, edit) => {
    const { breaking: found, other } = diffDocuments(v3, change(v3, edit));
    expect(found).toEqual([]);
    expect(other.length).toBeGreaterThan(0);
  });

  it('finds nothing between a document and itself, and works on v1', () => {
    expect(diffDocuments(v3, v3)).toEqual({ breaking: [], commandValues: [], other: [] });
    const { breaking: found } = diffDocuments(
      v1,
      change(v1, (d) => {
        d.components.schemas.CommandName.enum.pop();
      }),
    );
    expect(found.map((c) => c.description)).toEqual([
      'command_name: value `UPLOAD_LOG` removed — a server that still sends `UPLOAD_LOG` no longer conforms',
    ]);
  });
});

describe("new command values: CONTRIBUTING's exception, not breaking", () => {
  const RESPONSE = 'responses.200.content.application/json.schema.properties.command_name.enum';

  it('a value added to the command enum is named, in its own class, in v3 and v1', () => {
    const found = diffDocuments(
      v3,
      change(v3, (d) => {
        d.components.schemas.CommandName.enum.splice(2, 0, 'REBOOT', 'FOO');
      }),
    );
    expect(found).toEqual({
      breaking: [],
      other: [],
      commandValues: ['REBOOT', 'FOO'].map((value) => ({
        type: 'new command value',
        operation: `\`GET ${PATH}\` (ShowCommand)`,
        field: RESPONSE,
        description: `command_name: new value \`${value}\` documented`,
        value,
      })),
    });
    expect(
      diffDocuments(
        v1,
        change(v1, (d) => {
          d.components.schemas.CommandName.enum.push('REBOOT');
        }),
      ).commandValues.map((c) => [c.operation, c.description]),
    ).toEqual([
      ['`GET /v1/sms/sources/{source_id}/command` (ShowCommandV1)', 'command_name: new value `REBOOT` documented'],
    ]);
  });

  it('CONTRIBUTING.md states the exception as the report applies it', async () => {
    const contributing = (await readFile(join(root, 'CONTRIBUTING.md'), 'utf8')).replace(/\s+/g, ' ');
    expect(contributing).toContain('reports it in its own section, **New command values**');
    expect(contributing).toContain('not as breaking: exit 0, no label');
    expect(contributing).toContain('removing or renaming a command value is breaking');
  });

  it("the value's x-enumDescriptions entry is said on the value's line, not as another change", () => {
    const { commandValues, other } = diffDocuments(
      v3,
      change(v3, (d) => {
        d.components.schemas.CommandName.enum.push('REBOOT');
        d.components.schemas.CommandName['x-enumDescriptions'].REBOOT = 'Reboot the source server.';
      }),
    );
    expect(commandValues.map((c) => c.description)).toEqual([
      'command_name: new value `REBOOT` documented, described in x-enumDescriptions',
    ]);
    expect(other).toEqual([]);
  });

  it("a value added to UpdateCommandResult's open set (its examples) is a new command value too; one dropped from them is another change", () => {
    const added = diffDocuments(
      v3,
      change(v3, (d) => {
        d.components.schemas.ReportedCommandName.examples.push('SKIP');
      }),
    );
    expect(added.commandValues.map((c) => [c.operation, c.description, c.field])).toEqual([
      [
        '`POST /v3/sources/{server_id}/command_result` (UpdateCommandResult)',
        'command_name: new value `SKIP` documented',
        'requestBody.content.application/json.schema.properties.command_name.examples',
      ],
    ]);
    const dropped = diffDocuments(
      v3,
      change(v3, (d) => {
        d.components.schemas.ReportedCommandName.examples.pop();
      }),
    );
    expect(dropped.breaking).toEqual([]);
    expect(dropped.other.map((c) => c.description)).toEqual(['command_name: example value `RSET_LOG_ACL` removed']);
  });

  it('other value lists keep the policy: a request value added is harmless, one removed breaks senders', () => {
    const added = diffDocuments(
      v3,
      change(v3, (d) => {
        d.components.schemas.CommandResultValue.enum.push('partial');
      }),
    );
    expect([added.breaking, added.commandValues]).toEqual([[], []]);
    expect(added.other.map((c) => c.description)).toEqual(['result: new value `partial` accepted']);
    const removed = diffDocuments(
      v3,
      change(v3, (d) => {
        d.components.schemas.CommandResultValue.enum = ['success'];
      }),
    );
    expect(removed.breaking.map((c) => c.description)).toEqual([
      'result: value `fail` removed — a client that sends `fail` is refused',
    ]);
  });
});

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
