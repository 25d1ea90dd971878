// `--only=verify`: sms-command-verify, a whole process, on one server of the mock, against one curl of
// the same path.
import { join } from 'node:path';
import { root } from '../scripts/root.mjs';
import { forkServer, quick, run } from './lib/env.mjs';
import { CREDS, ID } from './lib/fixtures.mjs';
import { median, row } from './lib/rows.mjs';

export async function verifyBench() {
  const { server, port } = await forkServer('mock-server.mjs', [JSON.stringify(CREDS)]);
  const base = `http://127.0.0.1:${port}`;
  const verify = [],
    curl = [];
  for (let round = 0; round < (quick ? 3 : 5); round++) {
    let t0 = performance.now();
    await run(
      process.execPath,
      [join(root, 'dist/src/verify/cli.js'), '--endpoint', base, '--server-id', ID, '--version', 'v3'],
      { env: { ...process.env, SMS_TOKEN: 'bench-token' } },
    );
    verify.push(performance.now() - t0);
    t0 = performance.now();
    await run('curl', ['-sf', '-H', 'X-Auth-Token: bench-token', `${base}/v3/sources/${ID}/command`]);
    curl.push(performance.now() - t0);
  }
  server.disconnect();
  await new Promise((r) => server.once('exit', r));
  row(
    'sms-command-verify, one server on the mock, whole process (vs one curl of the same path)',
    median(verify),
    median(curl),
    'ms',
  );
}
