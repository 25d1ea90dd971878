// `--only=signing`: signRequest alone, the Node build and the browser build, against the same
// algorithm on node:crypto.
import { build } from 'esbuild';
import { root } from '../scripts/root.mjs';
import { dist, quick } from './lib/env.mjs';
import { CREDS, ID } from './lib/fixtures.mjs';
import { nodeCryptoSign } from './lib/reference-sign.mjs';
import { goalOfLast, median, row } from './lib/rows.mjs';

const { signRequest } = await import(dist('index.js'));

/**
 * The browser build's signer (#sha256's `default`: the hand-written SHA-256), run in this V8, so the
 * choice of SHA-256 for browsers (docs/client.md) stays visible.
 */
async function browserSigner() {
  const browserBuild = await build({
    stdin: { contents: "export { signRequest } from './dist/src/index.js';", resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const { signRequest: browserSign } = await import(
    `data:text/javascript;base64,${Buffer.from(browserBuild.outputFiles[0].contents).toString('base64')}`
  );
  return browserSign;
}

export async function signingBench() {
  const url = `https://sms.ap-southeast-3.myhuaweicloud.com/v3/sources/${ID}/command`;
  const date = new Date();
  const n = quick ? 20_000 : 100_000;
  const browserSign = await browserSigner();
  const ours = [],
    browser = [],
    reference = [];
  for (let round = 0; round < 5; round++) {
    let t0 = performance.now();
    for (let i = 0; i < n; i++) await signRequest({ method: 'GET', url }, CREDS, date);
    ours.push(((performance.now() - t0) * 1000) / n);
    t0 = performance.now();
    for (let i = 0; i < n; i++) await browserSign({ method: 'GET', url }, CREDS, date);
    browser.push(((performance.now() - t0) * 1000) / n);
    t0 = performance.now();
    for (let i = 0; i < n; i++) nodeCryptoSign(url, '20260101T000000Z');
    reference.push(((performance.now() - t0) * 1000) / n);
  }
  row(
    'signRequest per request (vs the same signing on node:crypto); goal ≤ 10 µs',
    median(ours),
    median(reference),
    'µs',
  );
  goalOfLast('≤ 10 µs', median(ours) <= 10);
  row(
    'signRequest per request, browser build (hand-written SHA-256, in V8; vs node:crypto)',
    median(browser),
    median(reference),
    'µs',
  );
}
