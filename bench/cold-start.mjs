// `--only=cold-start`: importing the client and making one call, each in a fresh process, against a
// process that makes one bare fetch.
import { dist, forkServer, quick, run } from './lib/env.mjs';
import { ID } from './lib/fixtures.mjs';
import { median, row } from './lib/rows.mjs';

export async function coldStartBench() {
  const { server, port } = await forkServer('server.mjs');
  const base = `http://127.0.0.1:${port}`;
  const scripts = {
    'bare fetch: one call': `await (await fetch('${base}/v3/sources/${ID}/command', { headers: { 'X-Auth-Token': 't' } })).json();`,
    'import + create client': `const { createSmsClient } = await import('${dist('v3.js')}'); createSmsClient({ endpoint: '${base}', auth: { token: 't' } });`,
    'import + one showCommand': `const { createSmsClient, showCommand } = await import('${dist('v3.js')}'); await showCommand(createSmsClient({ endpoint: '${base}', auth: { token: 't' } }), '${ID}');`,
  };
  const times = Object.fromEntries(Object.keys(scripts).map((k) => [k, []]));
  for (let round = 0; round < (quick ? 3 : 9); round++) {
    for (const [name, code] of Object.entries(scripts)) {
      const t0 = performance.now();
      await run(process.execPath, ['--input-type=module', '-e', code]);
      times[name].push(performance.now() - t0);
    }
  }
  server.kill();
  const bare = median(times['bare fetch: one call']);
  row(
    'cold start: import + create client (vs a process doing one bare fetch)',
    median(times['import + create client']),
    bare,
    'ms',
  );
  row(
    'cold start: import + one showCommand (vs one bare fetch)',
    median(times['import + one showCommand']),
    bare,
    'ms',
  );
}
