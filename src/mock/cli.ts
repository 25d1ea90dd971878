#!/usr/bin/env node
// sms-command-mock: the mock from a shell. `npm start` runs it.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_CREDENTIALS, type MockAuth } from './auth.js';
import { parseJson } from './control.js';
import { parseYaml, readTextFile, SCENARIO_MAX_BYTES, TextError } from './engine.js';
import { ScriptError, type Step } from './scripts.js';
import { DEFAULT_HOST, DEFAULT_PORT, startMock } from './server.js';

const HELP = `sms-command-mock — a mock of Huawei Cloud SMS ShowCommand, v1 and v3 on one base URL

  --port N             port (default ${DEFAULT_PORT}, or PORT; 0 picks a free one)
  --host H             address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 exposes the
                       mock and its control API to every machine that reaches this one)
  --allow-host NAME    also answer requests whose Host header is NAME (repeatable; by default
                       only the bound address, localhost and loopback addresses: DNS rebinding)
  --control-origin O   let pages of origin O call /__mock from a browser (CORS; repeatable)
  --scenario FILE      scripts to start with, JSON or YAML: { "scripts": { "<API path>": [steps] } }
  --token T            accept this X-Auth-Token (repeatable; default: any non-empty token)
  --credential AK:SK   verify signatures against this pair (repeatable; default: the demo pair)
  --no-auth            accept every request, credentials or not
  --no-lockout         do not lock an AK after more than 5 failed signatures in a row
                       (the gateway does, for 5 minutes; POST /__mock/reset lifts locks)
  --journal-limit N    requests the journal keeps (default 1000)
  --dynamic            generate bodies from the schemas instead of the named examples
  --seed S             with --dynamic: repeatable generated data
  --errors             answer 500 when an answer would violate the spec
  --spec FILE          serve another OpenAPI document
  --stay               keep running when the process that started this one exits
                       (npm start, npx sms-command-mock or whatever ran the bin)
  --help

Control API: PUT|GET|DELETE /__mock/<API path>, GET|DELETE /__mock/scripts,
GET|DELETE /__mock/requests, POST /__mock/reset; PUT and POST with
Content-Type: application/json. The first Ctrl-C stops it cleanly, a second at once.`;

const SAMPLE_ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function readScenario(file: string): Record<string, Step[]> {
  let text: string;
  try {
    text = readTextFile(file, SCENARIO_MAX_BYTES, 'SCENARIO_MAX_BYTES');
  } catch (error) {
    fail(`--scenario ${file}: ${(error as Error).message}`);
  }
  const format = /\.json$/i.test(file) ? 'JSON' : 'YAML';
  let parsed: unknown;
  try {
    parsed = format === 'JSON' ? parseJson(text) : parseYaml(text);
  } catch (error) {
    if (error instanceof TextError) fail(`--scenario ${file}:${error.line}:${error.column}: not valid ${format}: ${error.reason} (line ${error.line}, column ${error.column}: fix the file there)`);
    fail(`--scenario ${file}: not valid ${format}: ${(error as Error).message}`);
  }
  const scripts = (parsed as { scripts?: unknown } | null)?.scripts;
  if (!scripts || typeof scripts !== 'object' || Array.isArray(scripts)) fail(`--scenario ${file}: expected { "scripts": { "<API path>": [steps] } }`);
  return scripts as Record<string, Step[]>;
}

/** How a /proc/<pid>/stat names a process: its parent, and its start time (so a reused pid is not taken for it). */
function procStat(pid: number): { ppid: number; start: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // after "pid (comm) ": field 3 on
    return { ppid: Number(fields[1]), start: fields[19]! }; // fields 4 (ppid) and 22 (starttime)
  } catch {
    return undefined;
  }
}

/** Whether a process is npm or npx (by its command line, or the title npm gives itself: "npm start", "npm exec ..."). */
function isNpm(pid: number): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, 2);
    return args.some((arg) => /(?:^|\/)np[mx](?:-cli\.js)?(?:$| )/.test(arg));
  } catch {
    return false;
  }
}

/** The farthest npm walks up from this process to find the npm or npx that started it. */
const MAX_ANCESTORS = 8;

/**
 * The processes whose death ends this one: its parent, and when npm or npx started it (`npm start`,
 * `npx sms-command-mock`: npm's variables are set), every ancestor up to and including that npm,
 * since killing npm leaves the shell between it and this process waiting, alive. Each is known by
 * pid and start time. Without /proc (macOS, Windows) only the parent, through process.ppid.
 */
function watchedAncestors(): Array<{ pid: number; start: string }> {
  if (!existsSync('/proc/self/stat')) return [];
  const chain: Array<{ pid: number; start: string }> = [];
  const npmStarted = !!(process.env.npm_lifecycle_event || process.env.npm_command || process.env.npm_execpath);
  for (let pid = process.ppid; pid > 1 && chain.length < MAX_ANCESTORS; ) {
    const stat = procStat(pid);
    if (!stat) break;
    chain.push({ pid, start: stat.start });
    if (!npmStarted || isNpm(pid)) return chain;
    pid = stat.ppid;
  }
  return chain.slice(0, 1); // no npm found: the parent alone, as without npm
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: DEFAULT_HOST },
      scenario: { type: 'string' },
      token: { type: 'string', multiple: true },
      credential: { type: 'string', multiple: true },
      'no-auth': { type: 'boolean', default: false },
      'no-lockout': { type: 'boolean', default: false },
      'allow-host': { type: 'string', multiple: true },
      'control-origin': { type: 'string', multiple: true },
      'journal-limit': { type: 'string' },
      dynamic: { type: 'boolean', default: false },
      seed: { type: 'string' },
      errors: { type: 'boolean', default: false },
      spec: { type: 'string' },
      stay: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const rawPort = values.port ?? process.env.PORT ?? String(DEFAULT_PORT);
  const port = /^\d+$/.test(rawPort) ? Number(rawPort) : NaN;
  if (!(port >= 0 && port <= 65535)) fail(`invalid port: ${rawPort}`);
  const credentials = (values.credential ?? []).map((pair) => {
    const at = pair.indexOf(':');
    if (at <= 0 || at === pair.length - 1) fail('--credential takes AK:SK');
    return { ak: pair.slice(0, at), sk: pair.slice(at + 1) };
  });
  const auth: MockAuth = values['no-auth']
    ? false
    : { ...(values.token ? { tokens: values.token } : {}), ...(credentials.length ? { credentials } : {}), ...(values['no-lockout'] ? { lockout: false as const } : {}) };
  const journalLimit = values['journal-limit'] === undefined ? undefined : Number(values['journal-limit']);
  const scripts = values.scenario ? readScenario(values.scenario) : undefined;
  const started = performance.now();
  let mock;
  try {
    mock = await startMock({
      port,
      host: values.host,
      auth,
      dynamic: values.dynamic,
      errors: values.errors,
      ...(scripts ? { scripts } : {}),
      ...(journalLimit !== undefined ? { journalLimit } : {}),
      ...(values.seed !== undefined ? { seed: values.seed } : {}),
      ...(values.spec !== undefined ? { spec: values.spec } : {}),
      ...(values['allow-host'] ? { allowedHosts: values['allow-host'] } : {}),
      ...(values['control-origin'] ? { controlOrigins: values['control-origin'] } : {}),
    });
  } catch (error) {
    if (error instanceof ScriptError && values.scenario) fail(`--scenario ${values.scenario}: ${error.message}`);
    throw error;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const demo = !values['no-auth'] && !credentials.length ? `\n  Demo AK/SK (verified signatures): AK ${DEMO_CREDENTIALS.ak}  SK ${DEMO_CREDENTIALS.sk}` : '';
  console.log(`
SMS ShowCommand mock (v1 + v3) answering on ${mock.url} after ${seconds} s (pid ${process.pid}) — Ctrl-C stops it.${demo}

  curl -H 'X-Auth-Token: any' ${mock.url}/v3/sources/${SAMPLE_ID}/command
  curl -X PUT -H 'Content-Type: application/json' -d '[{"body":{"command_name":"STOP"}}]' ${mock.url}/__mock/v3/sources/${SAMPLE_ID}/command
  curl ${mock.url}/__mock/requests
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(130); // a second signal: now
    stopping = true;
    // close() can finish within the turn that called it; waiting one turn first lets signals that
    // arrived together (Ctrl-C twice, seen at once) count as two.
    await new Promise((resolve) => setImmediate(resolve));
    await mock.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  // When whatever started this process dies (a test runner killed with SIGKILL, say), this process is
  // handed to another parent; and when that was npm (npm start, npx), the shell it ran stays alive.
  // Exit then rather than keep the port. --stay turns that off.
  if (!values.stay) {
    const parent = process.ppid;
    const ancestors = watchedAncestors();
    const watch = setInterval(() => {
      if (process.ppid !== parent || ancestors.some(({ pid, start }) => procStat(pid)?.start !== start)) {
        clearInterval(watch);
        void stop();
      }
    }, 250);
    watch.unref();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
