// `--only=client`: the client's CPU per call and calls per second, sequentially and at concurrency 50,
// against bare fetch of the same request (and openapi-fetch's client.GET for reference), on a server
// in another process.
import { dist, forkServer, log } from './lib/env.mjs';
import { CREDS, ID, REPORT, REPORT_JSON, TOKEN } from './lib/fixtures.mjs';
import { comparing, measureSet } from './lib/rounds.mjs';

const { createSmsClient, showCommand, reportCommandResult } = await import(dist('v3.js'));
const { signRequest } = await import(dist('index.js'));

/** The GET contenders and, apart, the report contenders, against the server at `base`. */
async function contendersAt(base) {
  const url = `${base}/v3/sources/${ID}/command`;
  const tokenClient = createSmsClient({ endpoint: base, auth: { token: TOKEN } });
  const akskClient = createSmsClient({ endpoint: base, auth: CREDS });
  const akskHeaders = await signRequest({ method: 'GET', url }, CREDS);
  const reportUrl = `${url}_result`;
  const reportHeaders = { 'Content-Type': 'application/json' };
  const signedReportHeaders = {
    ...reportHeaders,
    ...(await signRequest({ method: 'POST', url: reportUrl, headers: reportHeaders, body: REPORT_JSON }, CREDS)),
  };
  const gets = {
    'bare fetch (token)': () => fetch(url, { headers: { 'X-Auth-Token': TOKEN } }).then((r) => r.json()),
    'showCommand (token)': () => showCommand(tokenClient, ID),
    'bare fetch (AK/SK headers)': () => fetch(url, { headers: akskHeaders }).then((r) => r.json()),
    'showCommand (AK/SK)': () => showCommand(akskClient, ID),
    'openapi-fetch client.GET (token)': () =>
      tokenClient.GET('/v3/sources/{server_id}/command', { params: { path: { server_id: ID } } }),
  };
  // The reports are measured in a block of their own: interleaved with the GETs, their POSTs changed
  // the GET rows (about +0.1 on showCommand AK/SK, measured) without saying anything about them.
  const reports = {
    'bare fetch POST (AK/SK headers)': () =>
      fetch(reportUrl, { method: 'POST', headers: signedReportHeaders, body: REPORT_JSON }).then((r) => r.text()),
    'reportCommandResult (AK/SK)': () => reportCommandResult(akskClient, ID, REPORT),
  };
  return { gets, reports };
}

/** The GET rows of one mode (sequential, concurrency 50), its medians logged. */
function getRows(mode, samples, names) {
  const { med, compare } = comparing(samples);
  log(
    mode,
    Object.fromEntries(names.map((n) => [n, { cpuPerCall: med(n, 'cpuPerCall'), perSecond: med(n, 'perSecond') }])),
  );
  const token = ['showCommand (token)', 'bare fetch (token)'];
  const aksk = ['showCommand (AK/SK)', 'bare fetch (AK/SK headers)'];
  compare(`showCommand CPU/call, token, ${mode}`, ...token, 'cpuPerCall', 'µs', 1.15);
  compare(`showCommand CPU/call, AK/SK, ${mode}`, ...aksk, 'cpuPerCall', 'µs', 1.25);
  compare(
    `openapi-fetch client.GET CPU/call, token, ${mode} (reference)`,
    'openapi-fetch client.GET (token)',
    'bare fetch (token)',
    'cpuPerCall',
    'µs',
  );
  compare(`showCommand calls/s, token, ${mode}`, ...token, 'perSecond', '/s', undefined, false);
  compare(`showCommand calls/s, AK/SK, ${mode}`, ...aksk, 'perSecond', '/s', undefined, false);
}

export async function clientBench() {
  const { server, port } = await forkServer('server.mjs');
  const { gets, reports } = await contendersAt(`http://127.0.0.1:${port}`);
  const results = await measureSet(gets);
  const reportResults = await measureSet(reports);
  server.kill();
  for (const [mode, samples] of Object.entries(results)) getRows(mode, samples, Object.keys(gets));
  for (const [mode, samples] of Object.entries(reportResults)) {
    comparing(samples).compare(
      `reportCommandResult CPU/call, AK/SK, ${mode} (vs a bare signed fetch POST)`,
      'reportCommandResult (AK/SK)',
      'bare fetch POST (AK/SK headers)',
      'cpuPerCall',
      'µs',
    );
  }
}
