// The rendered docs as a reader meets them: built (npm run docs), opened from disk in headless
// Chromium with every outside request blocked and counted, clicked through, screenshotted to
// dist/docs/screenshots/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs } from '../../scripts/docs.mjs';
import { root } from '../../scripts/root.mjs';
import { CHROMIUM } from '../support/chromium.js';
import { HANG_GUARD_MS, NPM_GUARD_MS } from '../support/waits.js';

const DOCS = join(root, 'dist', 'docs');
const SHOTS = join(DOCS, 'screenshots');

interface Visit {
  page: Page;
  outside: string[];
  errors: string[];
}

const versions = [
  {
    version: 'v1',
    path: '/v1/sms/sources/{source_id}/command',
    param: 'source_id',
    commands: {
      'Starting a migration task': 'START',
      'Stopping a migration task': 'STOP',
      'Synchronizing data after a migration task is complete': 'SYNC',
      'Deleting a migration task': 'DELETE',
      'Collecting migration logs to a specified OBS bucket': 'UPLOAD_LOG',
    },
    forbidden: ['error_code', 'error_msg'],
    forbiddenExample: 'SMS.2002',
  },
  {
    version: 'v3',
    path: '/v3/sources/{server_id}/command',
    param: 'server_id',
    commands: {
      'Start a migration task (the documented example)': 'START',
      'Stop a migration task': 'STOP',
      'Skip the current step': 'SKIP',
      'Run the pre-migration step': 'PREMIGRATE',
      'The task has not started': 'TASK_NOT_STARTED',
      'The task has stopped': 'TASK_HAS_STOPPED',
      'The task has finished': 'TASK_HAS_FINISHED',
      'Delete a migration task (older deployments)': 'DELETE',
      'Synchronize data after migration (older deployments)': 'SYNC',
    },
    forbidden: ['error_code', 'error_msg', 'encoded_authorization_message', 'error_param', 'details'],
    forbiddenExample: 'SMS.9004',
  },
] as const;

describe.skipIf(!CHROMIUM)('rendered docs in Chromium, offline', () => {
  let browser: Browser;
  const visits: Visit[] = [];

  beforeAll(async () => {
    // Only this file needs the rendered docs (two Redocly processes): they are built here, what
    // `npm run docs` writes, while Chromium starts.
    const launched = chromium.launch({
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
    const built = buildDocs(DOCS).then(() => mkdir(SHOTS, { recursive: true }));
    // Both settled before either failure is reported, so no browser is left running.
    const [launch, docs] = await Promise.allSettled([launched, built]);
    if (launch.status === 'fulfilled') browser = launch.value;
    if (launch.status === 'rejected') throw launch.reason;
    if (docs.status === 'rejected') throw docs.reason;
  }, NPM_GUARD_MS);

  afterAll(async () => {
    await browser?.close();
    // Every outside request of every page, over every click, was blocked and counted here.
    const outside = visits.flatMap((v) => v.outside);
    console.log(
      `docs browser test: ${visits.length} pages, ${outside.length} outside requests, ${visits.flatMap((v) => v.errors).length} page errors; screenshots in ${SHOTS}`,
    );
  });

  async function open(file: string): Promise<Visit> {
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
    await page.goto(pathToFileURL(join(DOCS, file)).href);
    return visit;
  }

  const text = (page: Page) => page.innerText('body');
  /** Resolves once the page's text holds `needle` (a string or a pattern), checked by the page on each frame. */
  const shows = (page: Page, needle: string | RegExp) =>
    page.waitForFunction(
      ([source, flags, plain]) =>
        plain === null
          ? new RegExp(source!, flags!).test(document.body.innerText)
          : document.body.innerText.includes(plain),
      typeof needle === 'string' ? ([null, null, needle] as const) : ([needle.source, needle.flags, null] as const),
      { timeout: HANG_GUARD_MS },
    );
  /** Resolves once a code sample (`pre`) of the right-hand panel holds `needle`. */
  const sampleShows = (page: Page, scope: string, needle: string) =>
    page.waitForFunction(
      ([s, n]) => [...document.querySelectorAll(`${s} pre`)].some((e) => (e as HTMLElement).innerText.includes(n)),
      [scope, needle] as const,
      { timeout: HANG_GUARD_MS },
    );
  /** The code samples in the right-hand panel of ShowCommand's section (`scope`) that hold `needle`. */
  const samples = (page: Page, scope: string, needle: string) =>
    page.evaluate(
      ([s, n]) =>
        [...document.querySelectorAll(`${s} pre`)]
          .map((e) => (e as HTMLElement).innerText)
          .filter((t) => t.includes(n))
          .join('\n'),
      [scope, needle] as const,
    );

  for (const { version, path, param, commands, forbidden, forbiddenExample } of versions) {
    describe(version, () => {
      let visit: Visit;
      beforeAll(async () => {
        visit = await open(`${version}.html`);
        // A reader's first two clicks: the tag, then the operation.
        await visit.page.getByText('Command', { exact: true }).first().click();
        await visit.page
          .locator(`a[href="#/command/${version === 'v3' ? 'showcommand' : 'showcommandv1'}"]`)
          .first()
          .click();
        await visit.page.getByText('Responses', { exact: true }).first().waitFor();
      });

      it('shows the operation, its path parameter and both security schemes', async () => {
        const page = visit.page;
        const body = await text(page);
        expect(body).toContain(path);
        expect(body).toContain(param);
        expect(body).toContain('required');
        if (version === 'v3') expect(body).toContain('[ 1 .. 36 ] characters');
        expect(body).toContain('IamToken or (AkSkSignature and AkSkDate)');
        await page.screenshot({ path: join(SHOTS, `${version}-operation.png`) });
        await page.getByText('View security details').first().click();
        const token = await text(page);
        for (const fact of ['X-Auth-Token', 'X-Subject-Token', '16384']) expect(token).toContain(fact);
        await page.getByText('AkSkSignature and AkSkDate', { exact: true }).click();
        const signing = await text(page);
        for (const fact of ['SDK-HMAC-SHA256', 'SignedHeaders', 'X-Sdk-Date', 'X-Domain-Id', 'X-Security-Token'])
          expect(signing).toContain(fact);
        await page.screenshot({ path: join(SHOTS, `${version}-security.png`) });
        await page.keyboard.press('Escape');
        await page.getByText('AkSkSignature and AkSkDate', { exact: true }).waitFor({ state: 'hidden' });
      });

      it('shows every status with its body fields, and every command value', async () => {
        const page = visit.page;
        // ShowCommand's own section: the page documents other operations with statuses of their own.
        const operation = page.locator(`[id="command/${version === 'v3' ? 'showcommand' : 'showcommandv1'}"]`);
        // The nested CommandParam properties are behind a "Show N properties" toggle.
        await operation
          .getByText(/^Show \d+ properties$/)
          .first()
          .click();
        await shows(page, /command_param\.\u200b?bucket/);
        const body200 = await text(page);
        expect(body200).toContain('command_name');
        for (const field of ['task_id', 'bucket'])
          expect(body200).toMatch(new RegExp(`command_param\\.\u200b?${field}`));
        for (const value of Object.values(commands)) expect(body200).toContain(value);
        for (const status of ['400', '401', '403', '404', '500']) {
          await operation.getByRole('tab', { name: status, exact: true }).click();
          const fields = status === '403' ? forbidden : ['error_code', 'error_msg'];
          await shows(page, fields.at(-1)!);
          const body = await text(page);
          for (const field of fields) expect(body, `${status} ${field}`).toContain(field);
        }
      });

      it('shows the 403 example and each command example', async () => {
        const page = visit.page;
        // ShowCommand's own section: the page documents other operations with statuses of their own.
        const scope = `[id="command/${version === 'v3' ? 'showcommand' : 'showcommandv1'}"]`;
        const operation = page.locator(scope);
        await operation.locator('button:not([role=tab])', { hasText: /^403$/ }).click();
        await sampleShows(page, scope, forbiddenExample);
        expect(await samples(page, scope, forbiddenExample)).toContain(forbiddenExample);
        await operation.locator('pre', { hasText: forbiddenExample }).first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `${version}-403-example.png`) });
        await operation.locator('button:not([role=tab])', { hasText: /^200$/ }).click();
        // The example picker shows the selected example's summary; pick each in turn.
        let selected = Object.keys(commands)[0]!;
        for (const [summary, value] of Object.entries(commands)) {
          await operation.locator('button', { hasText: selected }).last().click();
          await page.getByRole('menuitem', { name: summary, exact: true }).click();
          await sampleShows(page, scope, `"command_name": "${value}"`);
          expect(await samples(page, scope, 'command_name')).toContain(`"command_name": "${value}"`);
          selected = summary;
        }
        await operation.locator('pre', { hasText: 'command_name' }).first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `${version}-command-example.png`) });
      });

      it("shows UpdateCommandResult too: its POST path, the three required body fields, result's two values, its statuses", async () => {
        const page = visit.page;
        const id = version === 'v3' ? 'updatecommandresult' : 'updatecommandresultv1';
        await page.locator(`a[href="#/command/${id}"]`).first().click();
        const operation = page.locator(`[id="command/${id}"]`);
        await operation.scrollIntoViewIfNeeded();
        const section = await operation.innerText();
        expect(section).toContain(`${path}_result`);
        expect(section).toMatch(/post/i);
        for (const field of ['command_name', 'result', 'result_detail']) expect(section).toContain(field);
        expect(section).toMatch(/Enum[\s\S]*\bsuccess\b[\s\S]*\bfail\b/);
        if (version === 'v3') expect(section).toContain('sms:server:updateCommandResult');
        for (const status of ['200', '400', '401', '403', '404', '500'])
          await expect(operation.getByRole('tab', { name: status, exact: true }).count()).resolves.toBeGreaterThan(0);
        await page.screenshot({ path: join(SHOTS, `${version}-report.png`) });
      });

      it('made no outside request and raised no page error', () => {
        expect(visit.outside).toEqual([]);
        expect(visit.errors).toEqual([]);
      });
    });
  }

  it('the index links both versions, offline', async () => {
    const visit = await open('index.html');
    const links = await visit.page.$$eval('a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['v1.html', 'v3.html']);
    await visit.page.screenshot({ path: join(SHOTS, 'index.png') });
    // The link leads to the v3 page (rendering it again is what the v3 tests above already did).
    await Promise.all([
      visit.page.waitForURL(/\/v3\.html$/, { waitUntil: 'commit' }),
      visit.page.click('a[href="v3.html"]'),
    ]);
    expect(visit.outside).toEqual([]);
    expect(visit.errors).toEqual([]);
  });
});
