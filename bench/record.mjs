// `npm run bench -- --only=record`: the recording mock's added latency per request. The same signed
// ShowCommand, sequentially, straight to an upstream mock and through a recording mock in front of it
// (the Agent's signature verified, the request re-signed for the upstream, forwarded, the answer
// checked against the contract and the recording rewritten), rounds alternated, medians compared.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const UPSTREAM = { ak: 'BENCHUPSTREAMAK00001', sk: 'BenchUpstreamSecretKey000000000000000001' };

export async function recordBench({ dist, row, median, quick, log, ID }) {
  const { startMock, DEMO_CREDENTIALS } = await import(dist('mock.js'));
  const { createSmsClient, showCommand } = await import(dist('v3.js'));
  const scratch = await mkdtemp(join(tmpdir(), 'sms-bench-record-'));
  const upstream = await startMock({ port: 0, auth: { credentials: [UPSTREAM] }, journalLimit: 100 });
  const recorder = await startMock({
    port: 0,
    journalLimit: 100,
    record: { upstream: upstream.url, to: join(scratch, 'bench.json'), auth: UPSTREAM },
  });
  try {
    const direct = createSmsClient({ endpoint: upstream.url, auth: UPSTREAM });
    const through = createSmsClient({ endpoint: recorder.url, auth: DEMO_CREDENTIALS });
    const perRequest = async (client, calls) => {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) await showCommand(client, ID);
      return (performance.now() - t0) / calls;
    };
    await perRequest(direct, 50); // warm both paths (connections, Prism, the JIT)
    await perRequest(through, 50);
    const ours = [];
    const baseline = [];
    for (let round = 0; round < (quick ? 3 : 9); round++) {
      baseline.push(await perRequest(direct, 200));
      ours.push(await perRequest(through, 200));
    }
    log(
      `record: through ${ours.map((x) => x.toFixed(2)).join(' ')}; direct ${baseline.map((x) => x.toFixed(2)).join(' ')}`,
    );
    row(
      `recording mock: a signed ShowCommand through --record (verify, re-sign, forward, check, rewrite the recording) vs straight to the upstream mock; added ${(median(ours) - median(baseline)).toFixed(2)} ms/request`,
      median(ours),
      median(baseline),
      'ms/request',
    );
  } finally {
    await recorder.close();
    await upstream.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
