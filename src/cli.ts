#!/usr/bin/env node
// sms-command-mock: the mock from a shell. `npm start` runs it.
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, startMock } from './mock.js';

const HELP = `sms-command-mock — a Prism mock of Huawei Cloud SMS ShowCommand, v1 and v3 on one base URL

  --port N      port (default ${DEFAULT_PORT}, or PORT; 0 picks a free one)
  --host H      address to listen on (default ${DEFAULT_HOST})
  --dynamic     generate responses from the schemas instead of the named examples
  --seed S      with --dynamic: repeatable generated data
  --errors      answer 500 when a response would violate the spec
  --spec FILE   serve another OpenAPI document
  --help`;

const SAMPLE_ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: DEFAULT_HOST },
      dynamic: { type: 'boolean', default: false },
      seed: { type: 'string' },
      errors: { type: 'boolean', default: false },
      spec: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const rawPort = values.port ?? process.env.PORT ?? String(DEFAULT_PORT);
  const port = /^\d+$/.test(rawPort) ? Number(rawPort) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new Error(`invalid port: ${rawPort}`);
  const started = performance.now();
  const mock = await startMock({
    port,
    host: values.host,
    dynamic: values.dynamic,
    errors: values.errors,
    logLevel: 'info',
    stdio: 'inherit',
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
    ...(values.spec !== undefined ? { spec: values.spec } : {}),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`
SMS ShowCommand mock (v1 + v3) answering on ${mock.url} after ${seconds} s (Prism pid ${mock.pid}) — Ctrl-C stops it.

  curl -H 'X-Auth-Token: any' ${mock.url}/v3/sources/${SAMPLE_ID}/command
  curl -H 'X-Auth-Token: any' -H 'Prefer: example=uploadLog' ${mock.url}/v1/sms/sources/${SAMPLE_ID}/command
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await mock.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const { code, signal } = await mock.exited;
  if (!stopping) {
    console.error(`Prism stopped unexpectedly (${code ?? signal}).`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
