// `npm run docs`: self-contained Redoc pages for both versions (dist/docs/v1.html, v3.html) and an
// index linking them. `--inlineBundle` embeds Redoc; `telemetry: off` in redocly.yaml keeps the pages
// (and the CLI) from calling anyone; Google Fonts are switched off.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleApis } from './bundle.mjs';
import { isMain, root, toolPath } from './root.mjs';

const redocly = toolPath('@redocly/cli', 'bin/cli.js');
const run = promisify(execFile);

// The inlined Redoc still loads its "API docs by Redocly" logo from Redocly's CDN, and has no option
// to stop it. The attribution stays, drawn from a data: URI instead.
const CDN_LOGOS = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const LOCAL_LOGO = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#555">Redocly</text></svg>')}`;

/** @param {string} file */
async function localizeLogo(file) {
  const html = await readFile(file, 'utf8');
  await writeFile(file, html.replace(CDN_LOGOS, LOCAL_LOGO));
}

/** @type {Record<string, string>} */
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** @type {(text: string) => string} */
const escape = (text) => text.replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** @type {(text: string) => string} */
const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * Every operation of a bundled document, in path order, with the address Redoc gives its section
 * (`#/<tag>/<operationId>`, both lower-cased): the index links each path to its operation.
 * @param {Record<string, any>} document
 * @returns {{ method: string; path: string; summary: string; anchor: string }[]}
 */
function operationsOf(document) {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const { operationId, summary = '', tags = [] } = item[method];
      return { method: method.toUpperCase(), path, summary, anchor: `#/${slug(tags[0] ?? '')}/${slug(operationId)}` };
    }),
  );
}

/**
 * @param {string} [outDir]
 * @returns {Promise<string[]>} the pages written
 */
export async function buildDocs(outDir = join(root, 'dist', 'docs')) {
  await mkdir(outDir, { recursive: true });
  const apis = await bundleApis();
  const pages = Object.entries(apis).map(([version, { document }]) => ({
    version,
    title: document.info.title,
    summary: document.info.summary,
    operations: operationsOf(document),
  }));
  await Promise.all(
    pages.map(async ({ version, title }) => {
      const file = join(outDir, `${version}.html`);
      await run(
        process.execPath,
        [
          redocly,
          'build-docs',
          version,
          '--inlineBundle',
          '--openapi.disableGoogleFont=true',
          '--title',
          title,
          '-o',
          file,
        ],
        { cwd: root },
      );
      await localizeLogo(file);
    }),
  );
  const items = pages
    .map(({ version, title, summary, operations }) => {
      const links = operations
        .map(
          ({ method, path, summary: label, anchor }) =>
            `<li><a href="${version}.html${escape(anchor)}"><code>${method} ${escape(path)}</code></a> ${escape(label)}</li>`,
        )
        .join('\n');
      return `<li><a href="${version}.html">${escape(title)}</a><br>${escape(summary ?? '')}\n<ul>\n${links}\n</ul></li>`;
    })
    .join('\n');
  await writeFile(
    join(outDir, 'index.html'),
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Huawei Cloud SMS command channel API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem}li{margin:1rem 0}code{background:#f3f3f3;padding:0 .25rem}</style>
</head><body>
<h1>Huawei Cloud SMS command channel API</h1>
<p>The calls a migration Agent on a source server makes to fetch its next command (ShowCommand) and to report its
result (UpdateCommandResult), in both documented versions; each path links to its operation.
These pages are self-contained: they render offline and send no request anywhere.</p>
<ul>
${items}
</ul>
</body></html>
`,
  );
  return pages.map(({ version }) => join(outDir, `${version}.html`)).concat(join(outDir, 'index.html'));
}

if (isMain(import.meta.url)) {
  for (const file of await buildDocs()) console.log(file);
}
