// The rendered docs as a reader meets them: built (npm run docs), opened from disk in headless
// Chromium with every outside request blocked and counted, clicked through, screenshotted to
// dist/docs/screenshots/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs } from '../../scripts/docs.mjs';
import { root } from '../../scripts/root.mjs';
import { HANG_GUARD_MS, NPM_GUARD_MS } from '../support/waits.js';
import { CHROMIUM } from '../support/chromium.js';
import {
  launchDocsBrowser,
  openDocsPage,
  sampleShows,
  samples,
  searchTitles,
  shows,
  sidebar,
  text,
  type Visit,
} from '../support/docs-browser.js';
import { versions } from '../support/docs-versions.js';

const DOCS = join(root, 'dist', 'docs');
const SHOTS = join(DOCS, 'screenshots');

describe.skipIf(!CHROMIUM)('rendered docs in Chromium, offline', () => {
  let browser: Browser;
  const visits: Visit[] = [];

  beforeAll(async () => {
    // Only this file needs the rendered docs (two Redocly processes): they are built here, what
    // `npm run docs` writes, while Chromium starts.
    const launched = launchDocsBrowser();
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

  const open = (file: string) => openDocsPage(browser, DOCS, file, visits);

  for (const { version, path, param, commands, forbidden, forbiddenExample, show, report } of versions) {
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

      it('names each operation as Huawei does, in the sidebar and in the search', async () => {
        const page = visit.page;
        expect(await sidebar(page)).toEqual(expect.arrayContaining([`${show[1]} GET`, `${report[1]} POST`]));
        await page.locator('.menu-content').screenshot({ path: join(SHOTS, `${version}-sidebar.png`) });
        const get = `GET ${path} — ${show[1]}`;
        expect(await searchTitles(page, 'ShowCommand', get), 'search "ShowCommand"').toContain(get);
        const post = `POST ${path}_result — ${report[1]}`;
        expect(await searchTitles(page, 'UpdateCommandResult', post), 'search "UpdateCommandResult"').toContain(post);
      });

      it('made no outside request and raised no page error', () => {
        expect(visit.outside).toEqual([]);
        expect(visit.errors).toEqual([]);
      });
    });
  }

  it('the index lists every path of both versions, each linking to its operation, offline', async () => {
    const visit = await open('index.html');
    const links = await visit.page.$$eval('a', (as) => as.map((a) => `${a.getAttribute('href')} ${a.innerText}`));
    expect(links).toEqual(
      versions.flatMap(({ version, title, path, show, report }) => [
        `${version}.html ${title}`,
        `${version}.html#/command/${show[0]} GET ${path}`,
        `${version}.html#/command/${report[0]} POST ${path}_result`,
      ]),
    );
    expect(await text(visit.page)).toContain(
      `POST /v1/sms/sources/{source_id}/command_result ${versions[0].report[1]}`,
    );
    await visit.page.screenshot({ path: join(SHOTS, 'index.png') });
    // A path's link opens its version's page at that operation's section.
    await visit.page.click('a[href="v1.html#/command/updatecommandresultv1"]');
    await visit.page.waitForFunction(
      (id) => {
        const top = document.getElementById(id)?.getBoundingClientRect().top;
        return top !== undefined && top >= 0 && top < innerHeight / 2;
      },
      'command/updatecommandresultv1',
      { timeout: HANG_GUARD_MS },
    );
    expect(visit.page.url()).toMatch(/\/v1\.html#\/command\/updatecommandresultv1$/);
    expect(visit.outside).toEqual([]);
    expect(visit.errors).toEqual([]);
  });
});
