// Load for the mock rows: requests over keep-alive sockets at a given concurrency, bare `prism mock`
// of the v3 bundle as the baseline, and rounds of ours against it.
import { spawn } from 'node:child_process';
import { Agent, get as httpGet, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { root } from '../../scripts/root.mjs';
import { quick } from './env.mjs';
import { ID } from './fixtures.mjs';
import { median, row, rows } from './rows.mjs';

/** Whether `url` answers a GET at all (any status). */
export async function answers(url, headers = { 'X-Auth-Token': 't' }) {
  try {
    await (await fetch(url, { headers })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Sends `total` GETs at `concurrency` over keep-alive sockets; resolves to requests per second. */
export function load(url, headers, total, concurrency, body) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let sent = 0;
  let failed = 0;
  const answered = (resolve) => (res) => {
    if (res.statusCode !== 200) failed++;
    res.resume();
    res.on('end', resolve);
  };
  // A GET, or (with a body) a POST of it.
  const one = () =>
    new Promise((resolve) => {
      const onError = () => {
        failed++;
        resolve();
      };
      if (body === undefined) return httpGet(url, { agent, headers }, answered(resolve)).on('error', onError);
      httpRequest(
        url,
        { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        answered(resolve),
      )
        .on('error', onError)
        .end(body);
    });
  const t0 = performance.now();
  return Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent++ < total) await one();
    }),
  ).then(() => {
    agent.destroy();
    if (failed) throw new Error(`${failed} of ${total} requests to ${url} failed`);
    return (total * 1000) / (performance.now() - t0);
  });
}

/**
 * Rounds of ours against bare Prism, the order alternating each round so drift in the machine's speed
 * lands on both alike; one row of requests/s, its ratio the median of the rounds' ratios (goal ≥ 1.0x).
 */
export async function againstBarePrism(measure, runOurs, runBare) {
  const ratios = [],
    o = [],
    b = [];
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    const [a, c] =
      round % 2
        ? await runBare().then(async (x) => [await runOurs(), x])
        : await runOurs().then(async (x) => [x, await runBare()]);
    o.push(a);
    b.push(c);
    ratios.push(a / c);
  }
  row(measure, median(o), median(b), '/s', 1.0, false, median(ratios));
  rows.at(-1).goal = '≥ 1.0x';
}

/** Bare `prism mock` of the v3 bundle on `port`; resolves to the child once it answers. */
export async function startBarePrism(port) {
  const prism = join(root, 'node_modules/@stoplight/prism-cli/dist/index.js');
  const child = spawn(
    process.execPath,
    [prism, 'mock', join(root, 'dist/v3.yaml'), '-h', '127.0.0.1', '-p', String(port)],
    { stdio: 'ignore' },
  );
  while (!(await answers(`http://127.0.0.1:${port}/v3/sources/${ID}/command`)))
    await new Promise((r) => setTimeout(r, 20));
  return child;
}
