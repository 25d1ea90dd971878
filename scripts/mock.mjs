// `npm start`: one Prism process serving v1 and v3 on one base URL, like the real host.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeBundles } from './bundle.mjs';

const require = createRequire(import.meta.url);
export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
export const SAMPLE_ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';

function prismEntry() {
  try {
    return require.resolve('@stoplight/prism-cli/dist/index.js');
  } catch {
    throw new Error('Prism is not installed. Install it with: npm install --save-dev @stoplight/prism-cli@5.14.2');
  }
}

/**
 * Claims the port for a moment: fails fast with a clear message when something already listens
 * there (a readiness probe would otherwise reach it), and turns port 0 into a free port.
 */
function claimPort(host, port) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) => {
      reject(new Error(error.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use: stop what listens there, or choose another port (--port, PORT)` : `cannot listen on ${host}:${port}: ${error.message}`));
    });
    server.listen(port, host, () => {
      const claimed = server.address().port;
      server.close(() => resolve(claimed));
    });
  });
}

async function answers(url) {
  try {
    await fetch(`${url}/v3/sources/${SAMPLE_ID}/command`, { headers: { 'X-Auth-Token': 'readiness-probe' } });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts Prism on the joined spec and resolves once it answers HTTP. `close()` stops that process
 * (by its own pid) and resolves when it has exited.
 */
export async function startMock({ port: requestedPort = DEFAULT_PORT, host = DEFAULT_HOST, spec, dynamic = false, seed, errors = false, logLevel = 'error', timeoutMs = 30_000, stdio = 'pipe' } = {}) {
  const port = await claimPort(host, requestedPort);
  const specFile = spec ?? (await writeBundles()).joined;
  const args = [prismEntry(), 'mock', specFile, '-h', host, '-p', String(port), '-v', logLevel];
  if (dynamic) args.push('-d');
  if (seed !== undefined) args.push('--seed', String(seed));
  if (errors) args.push('--errors');
  const child = spawn(process.execPath, args, { stdio: ['ignore', stdio, stdio] });
  let output = '';
  child.stdout?.on('data', (chunk) => { output = (output + chunk).slice(-4000); });
  child.stderr?.on('data', (chunk) => { output = (output + chunk).slice(-4000); });
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  let ended;
  exited.then((status) => { ended = status; });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const close = async () => {
    if (!ended) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(url))) {
    if (ended) {
      throw new Error(`Prism exited (code ${ended.code ?? ended.signal}) before answering on ${url}:\n${output.trim()}`);
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`Prism did not answer on ${url} within ${timeoutMs} ms:\n${output.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, pid: child.pid, close, exited };
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: DEFAULT_HOST },
      dynamic: { type: 'boolean', default: false },
      seed: { type: 'string' },
    },
  });
  const port = Number(values.port ?? process.env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${values.port ?? process.env.PORT}`);
  const started = performance.now();
  const mock = await startMock({ port, host: values.host, dynamic: values.dynamic, seed: values.seed, logLevel: 'info', stdio: 'inherit' });
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
