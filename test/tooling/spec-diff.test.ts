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
    'response: a command value added (clients may not handle it)',
    (d) => {
      d.components.schemas.CommandName.enum.push('REBOOT');
    },
    /command_name/,
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
    expect(diffDocuments(v3, v3)).toEqual({ breaking: [], other: [] });
    const { breaking: found } = diffDocuments(
      v1,
      change(v1, (d) => {
        d.components.schemas.CommandName.enum.push('REBOOT');
      }),
    );
    expect(found.length).toBeGreaterThan(0);
  });
});

describe('npm run spec:diff', () => {
  // A throwaway repository under .tmp/ (so it finds this repository's node_modules) holding the
  // scripts, spec/ and redocly.yaml, with one commit to diff against.
  let repo = '';
  afterAll(() => (repo ? rm(repo, { recursive: true, force: true }) : undefined));

  async function setUp() {
    await mkdir(join(root, '.tmp'), { recursive: true });
    repo = await mkdtemp(join(root, '.tmp', 'spec-diff-'));
    for (const entry of ['spec', 'redocly.yaml', 'scripts/root.mjs', 'scripts/bundle.mjs', 'scripts/spec-diff.mjs'])
      await cp(join(root, entry), join(repo, entry), { recursive: true });
    const git = (...args: string[]) =>
      run('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo });
    await git('init', '-q');
    await git('add', '-A');
    await git('commit', '-qm', 'base');
  }
  const specDiff = () =>
    run(process.execPath, [join(repo, 'scripts/spec-diff.mjs'), '--base', 'HEAD'], { cwd: repo }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e) => ({ code: e.code as number, stdout: e.stdout as string }),
    );
  const edit = async (file: string, from: string, to: string) => {
    const path = join(repo, file);
    const text = await readFile(path, 'utf8');
    expect(text).toContain(from);
    await writeFile(path, text.replace(from, to));
  };

  it('exits 1 with a Markdown report naming the operation and field of a breaking change, 0 for a harmless one', async () => {
    await setUp();
    await edit(
      'spec/v3/components/schemas/CommandParam.yaml',
      '    description: The bucket name.',
      '    description: The OBS bucket name.',
    );
    const harmlessRun = await specDiff();
    expect(harmlessRun.code).toBe(0);
    expect(harmlessRun.stdout).toContain('**No breaking changes.**');
    expect(harmlessRun.stdout).toMatch(/### v3\n\n\*\*Other changes \(1\)\*\*/);

    await edit('spec/v3/components/schemas/CommandName.yaml', '  - SYNC\n', '  - SYNC\n  - REBOOT\n');
    const breakingRun = await specDiff();
    expect(breakingRun.code).toBe(1);
    expect(breakingRun.stdout).toContain('**1 breaking change.**');
    expect(breakingRun.stdout).toMatch(
      /\*\*Breaking \(1\)\*\*\n\n- `GET \/v3\/sources\/\{server_id\}\/command` \(ShowCommand\) — .*`command_name`/,
    );
    expect(breakingRun.stdout.indexOf('**Breaking')).toBeLessThan(breakingRun.stdout.indexOf('**Other changes'));
    expect(breakingRun.stdout).toMatch(/### v1\n\nNo changes\./);
  });
});
