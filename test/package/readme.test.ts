// Every TypeScript block of README.md and docs/*.md, type-checked under strict against the built
// package (each block a module of its own; test/fixtures/readme/prelude.d.ts declares the reader's
// own names), so no page can drift from the API.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { root, toolPath } from '../../scripts/root.mjs';

const run = promisify(execFile);
const PAGES = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`)].filter((page) =>
  page.endsWith('.md'),
);
/** Every page's text, one after another (the blocks keep their order). */
const ALL = PAGES.map((page) => readFileSync(join(root, page), 'utf8')).join('\n');
/** The ```ts blocks of a Markdown text. */
const blocks = (markdown: string) => [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

// Inside the repository, so `sms-command-contract/...` resolves to the built package by
// self-reference (package.json "exports") and vitest's types are found by walking up.
await mkdir(join(root, '.tmp'), { recursive: true });
const scratch = await mkdtemp(join(root, '.tmp', 'readme-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Writes each block as block<N>.ts and type-checks them all; resolves to tsgo's exit code and output. */
async function check(name: string, markdown: string) {
  const dir = join(scratch, name);
  await mkdir(dir, { recursive: true });
  const found = blocks(markdown);
  await Promise.all(found.map((code, i) => writeFile(join(dir, `block${i + 1}.ts`), `${code}\nexport {};\n`)));
  await copyFile(join(root, 'test/fixtures/readme/prelude.d.ts'), join(dir, 'prelude.d.ts'));
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
      },
      include: ['*.ts'],
    }),
  );
  const result = await run(process.execPath, [toolPath('@typescript/native-preview', 'bin/tsgo'), '-p', dir]).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
  );
  return { count: found.length, ...result };
}

describe('the TypeScript blocks of README.md and docs/*.md', () => {
  it('all of them compile under strict', async () => {
    expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'docs/client.md', 'docs/mock.md']));
    expect(blocks(readFileSync(join(root, 'README.md'), 'utf8')).length).toBeGreaterThanOrEqual(1);
    const result = await check('as-is', ALL);
    expect(result.count).toBeGreaterThanOrEqual(6);
    expect(result).toEqual({ count: result.count, code: 0, output: '' });
  });

  it('a broken block fails, naming the block and the error', async () => {
    // The first import of pollCommands in a block, misspelt.
    const broken = ALL.replace(/^(import \{[^}\n]*\b)pollCommands\b/m, '$1pollCommandz');
    expect(broken).not.toBe(ALL);
    const result = await check('broken', broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/block\d+\.ts\(\d+,\d+\): error TS2\d+: .*pollCommandz/);
  });
});
