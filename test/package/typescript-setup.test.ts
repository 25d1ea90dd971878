// docs/client.md's "TypeScript settings", run as a newcomer would: in an empty directory outside the
// repository, exactly the documented shell steps (the packed tarball in place of the package name),
// the documented tsconfig.json and agent.ts, then the documented `npx tsc`: it compiles on the first try.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { QUIET_NPM_ENV } from '../support/npm-env.js';

const run = promisify(execFile);
const env = QUIET_NPM_ENV;
const PACKAGE = 'sms-command-contract';

/** The section's text, from its heading to the next heading of its level or above. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/client.md has no "${heading}" heading`);
  const rest = markdown.slice(start + heading.length + 2);
  return rest.slice(0, rest.search(/^#{1,3} /m));
}
/** The first fenced block of a language in a Markdown text. */
function block(markdown: string, lang: string): string {
  const found = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(markdown);
  if (!found) throw new Error(`no \`\`\`${lang} block`);
  return found[1]!;
}

const steps = section(readFileSync(join(root, 'docs/client.md'), 'utf8'), '## TypeScript settings');
const dir = await mkdtemp(join(tmpdir(), 'sms-typescript-setup-'));
let tarball = '';
afterAll(() => rm(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: root,
    env,
  });
  tarball = join(dir, (JSON.parse(stdout) as [{ filename: string }])[0].filename);
}, 120_000);

describe("docs/client.md's TypeScript settings, from an empty directory", () => {
  it('the documented steps are npm init -y, type=module, the package, TypeScript and @types/node', () => {
    expect(block(steps, 'sh').trim().split('\n')).toEqual([
      'npm init -y',
      'npm pkg set type=module',
      `npm install ${PACKAGE}`,
      'npm install --save-dev typescript @types/node',
    ]);
    expect(JSON.parse(block(steps, 'json'))).toMatchObject({ compilerOptions: { module: 'nodenext' } });
  });

  it('compile agent.ts with `npx tsc` on the first try', async () => {
    const project = join(dir, 'agent-project');
    await mkdir(project);
    for (const line of block(steps, 'sh').trim().split('\n')) {
      const [command, ...args] = line.split(' ');
      expect(command).toBe('npm');
      // The package is not on the registry yet: the tarball stands in for its name, as the page says.
      const given = args.map((arg) => (arg === PACKAGE ? tarball : arg));
      if (given[0] === 'install') given.push('--prefer-offline');
      await run('npm', given, { cwd: project, env });
    }
    const pkg = JSON.parse(await readFile(join(project, 'package.json'), 'utf8')) as { type: string };
    expect(pkg.type).toBe('module');
    await writeFile(join(project, 'tsconfig.json'), block(steps, 'json'));
    await writeFile(join(project, 'agent.ts'), block(steps, 'ts'));
    const result = await run('npx', ['tsc'], { cwd: project, env }).catch((error: { stdout: string }) => error);
    expect(result.stdout).toBe('');
    expect(existsSync(join(project, 'dist', 'agent.js'))).toBe(true);
  }, 240_000);
});
