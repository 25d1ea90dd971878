// One table per bin holds docs/cli.md and --help together: each page section lists the table's
// options, --help prints them (parsed back here, not compared with its own renderer), the mock's
// --help lists every control route the HTTP door answers, and the npx form the docs give names the
// package that holds the bin.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { type CliOption, describeOption, flagOf, optionsMarkdown } from '../../src/cli-options.js';
import { MOCK_OPTIONS } from '../../src/mock/cli-options.js';
import { VERIFY_OPTIONS } from '../../src/verify/cli-options.js';
import { type Mock, startMock } from '../../src/mock.js';

const docs = await readFile(join(root, 'docs/cli.md'), 'utf8');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
};
const BINS = { 'sms-command-mock': MOCK_OPTIONS, 'sms-command-verify': VERIFY_OPTIONS } as const;

/** The list items of the page's `## <bin>` section. */
function docsOptions(bin: string): string[] {
  const section = docs.split(/^## /m).find((part) => part.startsWith(`${bin}\n`)) ?? '';
  return section.split('\n').filter((line) => line.startsWith('- `--'));
}

/** What --help prints, read back: each `  --flag  description` with its wrapped lines joined. */
async function helpOptions(bin: string): Promise<{ help: string; options: string[] }> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(root, pkg.bin[bin]!), '--help']);
  const options: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith('  --')) options.push(line.trim().replace(/ {2,}/, ' '));
    else if (/^ {5,}\S/.test(line) && options.length) options[options.length - 1] += ` ${line.trim()}`;
  }
  return { help: stdout, options };
}
const asHelp = (table: readonly CliOption[]) => table.map((o) => `${flagOf(o)} ${describeOption(o)}`);

describe('one table per bin', () => {
  it('the bins in package.json are the bins with a table', () => {
    expect(Object.keys(pkg.bin).sort()).toEqual(Object.keys(BINS).sort());
  });

  for (const [bin, table] of Object.entries(BINS)) {
    it(`docs/cli.md lists ${bin}'s options as its table has them`, () => {
      expect(docsOptions(bin)).toEqual(optionsMarkdown(table).split('\n'));
      expect(docsOptions(bin).length).toBe(table.length);
    });

    it(`${bin} --help prints every option of its table, and no other`, async () => {
      expect((await helpOptions(bin)).options).toEqual(asHelp(table));
    });
  }
});

describe("the mock's --help and the control API", () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMock({ port: 0 });
  });
  afterAll(() => mock.close());

  it('lists every control route with the methods the HTTP door allows there, health and wait included', async () => {
    const { help } = await helpOptions('sms-command-mock');
    const routes = help
      .split('\n')
      .map((line) => /^ {2}([A-Z|]+) (\/__mock.*)$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => ({ methods: m[1]!.split('|'), path: m[2]! }));
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/__mock/health', '/__mock/requests/wait', '/__mock/reset', '/__mock/<API path>']),
    );
    for (const { methods, path } of routes) {
      // A method the route does not take: 405, and its Allow is what --help says.
      const url = mock.url + path.replace('<API path>', 'v3/sources/s1/command');
      const answer = await fetch(url, { method: 'PATCH' });
      expect([path, answer.status]).toEqual([path, 405]);
      expect(answer.headers.get('allow')?.split(', ')).toEqual(methods);
    }
  });
});

describe('npx outside an installed project', () => {
  it('the docs give npx -p <this package> for each bin; nothing suggests a bare npx <bin>', async () => {
    for (const bin of Object.keys(pkg.bin)) expect(docs).toMatch(new RegExp(`npx -p ${pkg.name}( -p \\S+)* ${bin}`));
    const { help } = await helpOptions('sms-command-mock');
    expect(help).not.toMatch(/npx sms-command-/);
    expect(pkg.bin).not.toHaveProperty(pkg.name); // npx <bin> alone would look for a package of the bin's name
  });
});
