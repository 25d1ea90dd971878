// `--only=bundle`: what the v3 client and the signer weigh in a bundle (minified, gzipped), against
// openapi-fetch alone, and what reportCommandResult adds.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { root } from '../scripts/root.mjs';
import { goalOfLast, row } from './lib/rows.mjs';

/** Bytes of `contents` bundled for `platform`, minified, gzipped at level 9. */
async function size(contents, platform) {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(out.outputFiles[0].contents, { level: 9 }).length;
}

export async function bundleBench() {
  const ours = `export { createSmsClient, showCommand } from './dist/src/v3.js'; export { signRequest } from './dist/src/index.js';`;
  const baseline = `export { default as createClient } from 'openapi-fetch';`;
  for (const platform of ['browser', 'node']) {
    const [o, b] = await Promise.all([size(ours, platform), size(baseline, platform)]);
    row(`v3 client + signer, ${platform}, min+gzip (vs openapi-fetch alone); goal ≤ 4 KB`, o / 1024, b / 1024, 'KB');
    goalOfLast('≤ 4 KB', platform === 'browser' ? o <= 4096 : undefined);
  }
  // What reportCommandResult adds, for a client that uses it; one that does not carries none of it.
  const withReport = `export { createSmsClient, showCommand, reportCommandResult } from './dist/src/v3.js'; export { signRequest } from './dist/src/index.js';`;
  const [r, o] = await Promise.all([size(withReport, 'browser'), size(ours, 'browser')]);
  row(
    'v3 client + signer + reportCommandResult, browser, min+gzip (vs the same without reportCommandResult)',
    r / 1024,
    o / 1024,
    'KB',
  );
}
