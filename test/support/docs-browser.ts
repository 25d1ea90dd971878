// Headless Chromium for the rendered docs (test/package/docs.test.ts): pages opened from disk with
// every outside request blocked and counted, and the waits and reads the tests share.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM } from './chromium.js';
import { HANG_GUARD_MS } from './waits.js';

export interface Visit {
  page: Page;
  outside: string[];
  errors: string[];
}

/** Chromium with nothing of its own to fetch (no sync, updates or background requests). */
export const launchDocsBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM!,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // A fresh, empty profile each launch: playwright-core makes one itself.
  });

/** Opens `dir`/`file` (a hash allowed), recording the visit in `visits`. */
export async function openDocsPage(browser: Browser, dir: string, file: string, visits: Visit[]): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const visit: Visit = { page, outside: [], errors: [] };
  visits.push(visit);
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    visit.outside.push(url);
    return route.abort();
  });
  page.on('pageerror', (error) => visit.errors.push(error.message));
  const [name, hash] = file.split('#');
  await page.goto(pathToFileURL(join(dir, name!)).href + (hash === undefined ? '' : `#${hash}`));
  return visit;
}

export const text = (page: Page) => page.innerText('body');

/** Resolves once the page's text holds `needle` (a string or a pattern), checked by the page on each frame. */
export const shows = (page: Page, needle: string | RegExp) =>
  page.waitForFunction(
    ([source, flags, plain]) =>
      plain === null
        ? new RegExp(source!, flags!).test(document.body.innerText)
        : document.body.innerText.includes(plain),
    typeof needle === 'string' ? ([null, null, needle] as const) : ([needle.source, needle.flags, null] as const),
    { timeout: HANG_GUARD_MS },
  );

/** Resolves once a code sample (`pre`) of the right-hand panel holds `needle`. */
export const sampleShows = (page: Page, scope: string, needle: string) =>
  page.waitForFunction(
    ([s, n]) => [...document.querySelectorAll(`${s} pre`)].some((e) => (e as HTMLElement).innerText.includes(n)),
    [scope, needle] as const,
    { timeout: HANG_GUARD_MS },
  );

/** The code samples in the right-hand panel of an operation's section (`scope`) that hold `needle`. */
export const samples = (page: Page, scope: string, needle: string) =>
  page.evaluate(
    ([s, n]) =>
      [...document.querySelectorAll(`${s} pre`)]
        .map((e) => (e as HTMLElement).innerText)
        .filter((t) => t.includes(n))
        .join('\n'),
    [scope, needle] as const,
  );

/** The sidebar's entries as a reader sees them, one line each (an operation's label, then its method). */
export const sidebar = (page: Page) =>
  page.$$eval('[data-component-name="Menu/MenuItem"] li', (items) =>
    items.map((li) => (li as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
  );

/**
 * What Redoc's search (the sidebar's "Search" box) lists for `term`: each result's title, an
 * operation's as "METHOD path — summary". Waits until a result titled `expected` shows (the search
 * is debounced) or 20 s pass, then reads the list, so a miss is reported with what was found.
 */
export async function searchTitles(page: Page, term: string, expected: string): Promise<string[]> {
  // The titles, or false while `want` is not among them (null: the titles as they are).
  const collect = (want: string | null) => {
    const titles = [...document.querySelectorAll('a[data-component-name="Search/SearchItem"]')].map((a) => {
      const lines = (a as HTMLElement).innerText
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      return /^(GET|POST)$/.test(lines[0] ?? '') ? `${lines[0]} ${lines[1]} — ${lines[2]}` : (lines[0] ?? '');
    });
    return want === null || titles.includes(want) ? titles : false;
  };
  const trigger = page.locator('[data-testid="search-trigger"]');
  // The box says "Loading..." until the search index is built.
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="search-trigger"]')?.textContent?.includes('Loading'),
  );
  await trigger.click();
  await page.locator('[data-component-name="Search/SearchInput"] input').fill(term);
  await page.waitForFunction(collect, expected, { timeout: HANG_GUARD_MS }).catch(() => undefined);
  const titles = (await page.evaluate(collect, null)) as string[];
  await page.keyboard.press('Escape');
  await page.locator('[data-component-name="Search/SearchInput"]').waitFor({ state: 'hidden' });
  return titles;
}
