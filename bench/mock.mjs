// `--only=mock`: the mock's start-up, throughput (GETs and reports) and memory against a bare
// `prism mock` of the v3 bundle, and its signature verification against node:crypto.
import { spawn } from 'node:child_process';
import { dist, forkServer, quick } from './lib/env.mjs';
import { CREDS, ID, REPORT_JSON } from './lib/fixtures.mjs';
import { againstBarePrism, answers, load, startBarePrism } from './lib/load.mjs';
import { nodeCryptoSign } from './lib/reference-sign.mjs';
import { goalOfLast, median, row } from './lib/rows.mjs';

const { signRequest } = await import(dist('index.js'));
const target = (p) => `http://127.0.0.1:${p}/v3/sources/${ID}/command`;

/** Ready on both versions, in a fresh process (Node's own start included), against bare Prism on v3 alone. */
async function readyRow() {
  const ours = [],
    bare = [];
  const readyScript = `const { startMock } = await import('${dist('mock.js')}'); const m = await startMock({ port: 0 }); console.log(m.port);`;
  for (let round = 0; round < (quick ? 2 : 5); round++) {
    let t0 = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', readyScript], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
    while (
      !(await answers(`http://127.0.0.1:${port}/v1/sms/sources/${ID}/command`)) ||
      !(await answers(`http://127.0.0.1:${port}/v3/sources/${ID}/command`))
    )
      await new Promise((r) => setTimeout(r, 5));
    ours.push(performance.now() - t0);
    child.kill();
    await new Promise((r) => child.once('exit', r));
    t0 = performance.now();
    const bareChild = await startBarePrism(4700 + round);
    bare.push(performance.now() - t0);
    bareChild.kill();
    await new Promise((r) => bareChild.once('exit', r));
  }
  row(
    'mock ready on v1 and v3, fresh process: startMock (vs bare `prism mock` of v3 alone); goal ≤ 1.0 s',
    median(ours),
    median(bare),
    'ms',
  );
  goalOfLast('≤ 1000 ms', median(ours) <= 1000);
}

/**
 * Throughput: AK/SK-signed GETs (verified by ours, journal on; bare Prism only checks the headers are
 * there), then reports. Resolves to ours's GET headers, for the memory row.
 */
async function throughputRows(port, total) {
  const barePort = 4790;
  const bareChild = await startBarePrism(barePort);
  const headers = (p) => signRequest({ method: 'GET', url: target(p) }, CREDS);
  const [oursHeaders, bareHeaders] = await Promise.all([headers(port), headers(barePort)]);
  await load(target(port), oursHeaders, 500, 10); // warm-up
  await load(target(barePort), bareHeaders, 500, 10);
  for (const concurrency of [1, 10, 50]) {
    await againstBarePrism(
      `mock requests/s, AK/SK verified + journal, concurrency ${concurrency} (vs bare prism mock)`,
      () => load(target(port), oursHeaders, total, concurrency),
      () => load(target(barePort), bareHeaders, total, concurrency),
    );
  }
  await reportRow(port, barePort, total);
  bareChild.kill();
  return oursHeaders;
}

/**
 * Reports (UpdateCommandResult): signed over the body, read, checked against the contract and against
 * the command last served (SMS.2009; the GETs before served START), journaled; bare Prism validates
 * the body too.
 */
async function reportRow(port, barePort, total) {
  const reportTarget = (p) => `${target(p)}_result`;
  const reportHeaders = async (p) => ({
    'content-type': 'application/json',
    ...(await signRequest(
      { method: 'POST', url: reportTarget(p), headers: { 'Content-Type': 'application/json' }, body: REPORT_JSON },
      CREDS,
    )),
  });
  const [oursReport, bareReport] = await Promise.all([reportHeaders(port), reportHeaders(barePort)]);
  await load(reportTarget(port), oursReport, 300, 10, REPORT_JSON); // warm-up (and a check: every one answered 200)
  await load(reportTarget(barePort), bareReport, 300, 10, REPORT_JSON);
  await againstBarePrism(
    'mock report requests/s (POST …/command_result), AK/SK verified + body checked + journal, concurrency 10 (vs bare prism mock)',
    () => load(reportTarget(port), oursReport, total, 10, REPORT_JSON),
    () => load(reportTarget(barePort), bareReport, total, 10, REPORT_JSON),
  );
}

/** Memory: RSS after a full GC, before and after 100,000 requests (10,000 with --quick). */
async function memoryRow(server, port, oursHeaders) {
  const memory = () =>
    new Promise((resolve) => {
      server.once('message', (m) => resolve(m.rss));
      server.send('memory');
    });
  const before = await memory();
  const many = quick ? 10_000 : 100_000;
  await load(target(port), oursHeaders, many, 50);
  const after = await memory();
  row(
    `mock RSS growth after ${many.toLocaleString('en')} requests (vs the 50 MB goal)`,
    (after - before) / 2 ** 20,
    50,
    'MB',
    1.0,
  );
}

/**
 * Signature verification alone (the one parse of the request target included, as the mock does it
 * per request), against the same HMAC on node:crypto.
 */
async function verificationRow() {
  const { createVerifier } = await import(dist('mock/auth/verifier.js'));
  const { parseTarget } = await import(dist('canonical.js'));
  const verify = createVerifier({ credentials: [CREDS] });
  const url = `http://127.0.0.1:4010/v3/sources/${ID}/command`;
  const signed = await signRequest({ method: 'GET', url }, CREDS);
  const signedHeaders = {
    host: '127.0.0.1:4010',
    'x-sdk-date': signed['X-Sdk-Date'],
    authorization: signed.Authorization,
  };
  const path = `/v3/sources/${ID}/command`;
  if (!verify({ method: 'GET', target: parseTarget(path), headers: signedHeaders }).ok)
    throw new Error('the bench request does not verify');
  const n = quick ? 20_000 : 100_000;
  const oursV = [],
    refV = [];
  for (let round = 0; round < 5; round++) {
    let t0 = performance.now();
    for (let i = 0; i < n; i++) verify({ method: 'GET', target: parseTarget(path), headers: signedHeaders });
    oursV.push(((performance.now() - t0) * 1000) / n);
    t0 = performance.now();
    for (let i = 0; i < n; i++) nodeCryptoSign(url, signed['X-Sdk-Date']);
    refV.push(((performance.now() - t0) * 1000) / n);
  }
  row(
    'mock signature verification per request (vs the same signing on node:crypto); goal ≤ 15 µs',
    median(oursV),
    median(refV),
    'µs',
  );
  goalOfLast('≤ 15 µs', median(oursV) <= 15);
}

export async function mockBench() {
  await readyRow();
  const { server, port } = await forkServer('mock-server.mjs', [JSON.stringify(CREDS)], {
    execArgv: ['--expose-gc'],
  });
  const oursHeaders = await throughputRows(port, quick ? 1000 : 4000);
  await memoryRow(server, port, oursHeaders);
  server.disconnect();
  await new Promise((r) => server.once('exit', r));
  await verificationRow();
}
