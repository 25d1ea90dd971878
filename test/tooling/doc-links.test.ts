// The docs hold together: every relative link in README.md, CONTRIBUTING.md and docs/*.md reaches a
// file, and a heading where it names one (GitHub's anchors); the page and heading the mock's 404
// message sends users to exist; the control route table is written once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';

const PAGES = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const read = (page: string) => readFileSync(join(root, page), 'utf8');
/** A page without its fenced code blocks (a link there is code, not a link). */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```$/gm, '');

/** GitHub's anchor for each heading of a Markdown text, with -1, -2… for repeats. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const [, heading] of prose(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    found.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return found;
}

/** Every relative link of a page: its target as written, the file it names (from the repository root), its anchor. */
function links(page: string) {
  return [...prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .map((target) => {
      const [path, anchor] = target.split('#') as [string, string | undefined];
      const file = path === '' ? page : relative(root, join(root, dirname(page), path));
      return { target, file, anchor };
    });
}

describe('the docs link to what exists', () => {
  it('the pages: README.md, CONTRIBUTING.md and a page per reader in docs/', () => {
    expect(PAGES).toEqual(
      expect.arrayContaining(['docs/mock.md', 'docs/signing.md', 'docs/client.md', 'docs/verify.md']),
    );
    expect(PAGES).toContain('docs/spec-changes.md');
  });

  it.each(PAGES)('every relative link of %s reaches a file, and its heading', (page) => {
    const found = links(page);
    const broken = found.filter(
      ({ file, anchor }) => !existsSync(join(root, file)) || (anchor !== undefined && !anchors(read(file)).has(anchor)),
    );
    expect(broken.map(({ target }) => target)).toEqual([]);
  });

  it('a broken link is found: a missing file, and a missing heading', () => {
    const text = 'see [a](docs/nowhere.md) and [b](docs/mock.md#no-such-heading) and [c](docs/mock.md#waits)';
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    const ok = targets.map((t) => {
      const [path, anchor] = t.split('#') as [string, string | undefined];
      return existsSync(join(root, path)) && (anchor === undefined || anchors(read(path)).has(anchor));
    });
    expect(ok).toEqual([false, false, true]);
  });

  it("the mock's 404 names a page and a heading that exist", () => {
    const source = readFileSync(join(root, 'src/mock/admin/http-door.ts'), 'utf8');
    const [, page, heading] = /no control route \$\{method\} \$\{path\}: see (\S+) "([^"]+)"/.exec(source) ?? [];
    expect([page, heading]).toEqual(['docs/mock.md', 'Control API reference']);
    expect(read(page!)).toMatch(new RegExp(`^## ${heading}$`, 'm'));
  });

  it('the control routes are listed once, in docs/mock.md', () => {
    const listing = (page: string) => prose(read(page)).match(/^\| `POST \/__mock\/reset` \|/gm)?.length ?? 0;
    expect(Object.fromEntries(PAGES.map((page) => [page, listing(page)]).filter(([, n]) => n))).toEqual({
      'docs/mock.md': 1,
    });
  });
});
