// The sms-command-mock bin as other teams run it: a scenario file (and hostile ones), signals; and the
// compiled mock where Prism is not installed. A parent that dies: mock-lifecycle.test.ts.
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { STRAY_ARGUMENT } from '../../src/cli-args.js';
import { signRequest } from '../../src/index.js';
import { PRISM_INSTALL } from '../../src/mock.js';
import { SCENARIO_MAX_BYTES, YAML_MAX_ALIAS_NODES } from '../../src/mock.js';
import { watchProcess } from '../support/mock-bin.js';
import { rawRequest } from '../support/raw-http.js';
import { HANG_GUARD_MS } from '../support/waits.js';

const BIN = join(root, 'dist/src/mock/cli.js');
const scratch = await mkdtemp(join(tmpdir(), 'sms-mock-bin-'));
const started: number[] = [];
afterAll(async () => {
  for (const pid of started)
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  await rm(scratch, { recursive: true, force: true });
});

/** The bin on a free port unless `args` name one; `nodeArgs` go to node (a heap cap for the memory-bomb tests). */
function bin(args: string[], nodeArgs: string[] = []) {
  const port = args.includes('--port') ? [] : ['--port', '0'];
  const run = watchProcess(
    spawn(process.execPath, [...nodeArgs, BIN, ...port, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  started.push(run.child.pid!);
  const url = async () => (await run.waitFor(/answering on (http:\/\/\S+)/))[1]!;
  return { ...run, url };
}

describe('sms-command-mock', () => {
  it('--allow-host, --control-origin, --no-lockout and --no-report-check reach the mock', async () => {
    const run = bin([
      '--allow-host',
      'mock.test',
      '--control-origin',
      'http://dashboard.test',
      '--no-lockout',
      '--no-report-check',
      '--credential',
      'BINAK00000000000001:bin-secret-key-000000000000000000000001',
    ]);
    const base = await run.url();
    const port = Number(new URL(base).port);
    expect((await rawRequest(port, 'GET', '/__mock/requests', { Host: `mock.test:${port}` })).status).toBe(200);
    expect((await rawRequest(port, 'GET', '/__mock/requests', { Host: `other.test:${port}` })).status).toBe(403);
    const cors = await rawRequest(port, 'GET', '/__mock/requests', { Origin: 'http://dashboard.test' });
    expect(cors.headers['access-control-allow-origin']).toBe('http://dashboard.test');
    // Seven wrong signatures in a row: never the lock.
    const url = `${base}/v3/sources/a/command`;
    const wrong = { ak: 'BINAK00000000000001', sk: 'not-the-secret-key-00000000000000000001' };
    const messages = new Set<string>();
    for (let i = 0; i < 7; i++)
      messages.add(
        (await rawRequest(port, 'GET', '/v3/sources/a/command', await signRequest({ method: 'GET', url }, wrong))).json
          .error_msg,
      );
    expect([...messages]).toEqual(['Incorrect IAM authentication information: verify aksk signature fail']);
    // A report of a command never served: accepted, not SMS.2009.
    const report = await rawRequest(
      port,
      'POST',
      '/v3/sources/r1/command_result',
      { 'X-Auth-Token': 't', 'Content-Type': 'application/json' },
      HANG_GUARD_MS,
      '{"command_name":"STOP","result":"success","result_detail":{}}',
    );
    expect(report.status).toBe(200);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('a mistake on the command line exits 2 naming the option and pointing to --help; --version prints the version', async () => {
    const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    const say = async (args: string[]) => {
      const run = bin(args);
      return { code: await run.exited, output: run.output() };
    };
    expect(await say(['--version'])).toEqual({ code: 0, output: `${version}\n` });
    const hint = '\nRun sms-command-mock --help for the options.\n';
    expect(await say(['--prot', '4010'])).toEqual({
      code: 2,
      output: expect.stringMatching(
        /^sms-command-mock: Unknown option '--prot'\.?: did you mean --port\?\nRun sms-command-mock --help for the options\.\n$/,
      ),
    });
    // One dash for two, and a name too far from any: only a near one is suggested.
    expect((await say(['-port', '4010'])).output).toContain(`: did you mean --port?${hint}`);
    expect((await say(['--frobnicate'])).output).toBe(`sms-command-mock: Unknown option '--frobnicate'${hint}`);
    expect(await say(['--journal-limit', 'abc'])).toEqual({
      code: 2,
      output: `sms-command-mock: --journal-limit "abc" is not a whole number from 1 to 10000000${hint}`,
    });
    expect(await say(['--seed', '1'])).toEqual({
      code: 2,
      output: `sms-command-mock: --seed only matters with --dynamic: add --dynamic, or drop --seed${hint}`,
    });
    expect(await say(['--port', '-1'])).toEqual({
      code: 2,
      output: `sms-command-mock: Option '--port' argument is ambiguous. Did you forget to specify the option argument for '--port'? To specify an option argument starting with a dash use '--port=-XYZ'.${hint}`,
    });
    expect(await say(['--port', '70000'])).toEqual({
      code: 2,
      output: `sms-command-mock: --port "70000" is not a whole number from 0 to 65535${hint}`,
    });
    expect(await say(['--credential', 'AK-without-a-secret'])).toEqual({
      code: 2,
      output: `sms-command-mock: --credential takes AK:SK${hint}`,
    });
    // A space for the colon: the SK is a stray argument, which is never quoted back.
    const stray = await say(['--credential', 'MYAK', 'MySecretSk000000000001']);
    expect(stray).toEqual({ code: 2, output: `sms-command-mock: ${STRAY_ARGUMENT}${hint}` });
    expect(stray.output).not.toContain('MySecretSk');
    expect((await say(['--token', 'tok1', 'tok2secret'])).output).not.toContain('tok2secret');
  });

  it('options that contradict each other exit 2 naming both, before anything listens; an SK is never printed', async () => {
    const say = async (args: string[]) => {
      const run = bin(args);
      return { code: await run.exited, output: run.output() };
    };
    const hint = '\nRun sms-command-mock --help for the options.\n';
    const noAuth = 'sms-command-mock: --no-auth and';
    expect(await say(['--no-auth', '--token', 't'])).toEqual({
      code: 2,
      output: `${noAuth} --token contradict each other: --no-auth accepts every request, so no token would be checked; drop one of them${hint}`,
    });
    expect(await say(['--credential', 'AK1:secret-key-1', '--no-auth'])).toEqual({
      code: 2,
      output: `${noAuth} --credential contradict each other: --no-auth accepts every request, so no signature would be verified; drop one of them${hint}`,
    });
    expect(await say(['--no-auth', '--no-lockout'])).toEqual({
      code: 2,
      output: `${noAuth} --no-lockout contradict each other: --no-auth accepts every request, so no signature fails and no AK is locked; drop one of them${hint}`,
    });
    // An option that takes one value, given twice with different values: parseArgs would keep the last.
    expect(await say(['--port', '0', '--port', '4010'])).toEqual({
      code: 2,
      output: `sms-command-mock: --port "0", then "4010": only one can count; give --port once${hint}`,
    });
    expect(await say(['--host', '127.0.0.1', '--host', '0.0.0.0'])).toEqual({
      code: 2,
      output: `sms-command-mock: --host "127.0.0.1", then "0.0.0.0": only one can count; give --host once${hint}`,
    });
    expect(await say(['--dynamic', '--seed', 'a', '--seed', 'b'])).toEqual({
      code: 2,
      output: `sms-command-mock: --seed "a", then "b": only one can count; give --seed once${hint}`,
    });
    const twice = await say(['--credential', 'AK1:first-secret-key', '--credential', 'AK1:second-secret-key']);
    expect(twice).toEqual({
      code: 2,
      output: `sms-command-mock: --credential gives AK "AK1" twice, with different SKs: only one can count; give each AK once${hint}`,
    });
    // The same value twice contradicts nothing: it starts.
    const same = bin(['--port', '0', '--port', '0', '--credential', 'AK1:sk-1', '--credential', 'AK1:sk-1']);
    await same.url();
    same.child.kill('SIGINT');
    expect(await same.exited).toBe(0);
  });

  it('a port in use: exit 1, saying how to choose another', async () => {
    const first = bin([]);
    const port = new URL(await first.url()).port;
    const second = bin(['--port', port]);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `port ${port} on 127.0.0.1 is already in use: stop what listens there, or choose another port (sms-command-mock --port N; --port 0 picks a free one)`,
    );
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
  });

  it('--scenario FILE (YAML) scripts the answers from the start', async () => {
    const file = join(scratch, 'scenario.yaml');
    await writeFile(
      file,
      'scripts:\n  /v3/sources/s1/command:\n    - body: { command_name: SKIP }\n    - status: 404\n',
    );
    const run = bin(['--scenario', file]);
    const base = await run.url();
    const get = () =>
      fetch(`${base}/v3/sources/s1/command`, { headers: { 'X-Auth-Token': 't' } }).then(
        async (r) => [r.status, (await r.json()) as { command_name?: string; error_code?: string }] as const,
      );
    expect(await get()).toEqual([200, { command_name: 'SKIP' }]);
    expect(await get()).toEqual([404, expect.objectContaining({ error_code: 'SMS.2252' })]);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('a scenario that breaks the contract, or is not there, exits 2 naming the file and the field', async () => {
    const file = join(scratch, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({ scripts: { '/v3/sources/s1/command': [{ body: { command_name: 'REBOOT' } }] } }),
    );
    const bad = bin(['--scenario', file]);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain(
      `--scenario ${file}:1:48: scripts["/v3/sources/s1/command"] steps[0].body.command_name: "REBOOT" is not a documented value`,
    );
    const missing = bin(['--scenario', join(scratch, 'none.yaml')]);
    expect(await missing.exited).toBe(2);
    // Not there: one line, the bin's name, the file, and the way to the options; no ENOENT, no stack.
    expect(missing.output()).toBe(
      `sms-command-mock: --scenario ${join(scratch, 'none.yaml')}: there is no such file; run sms-command-mock --help for the options\n`,
    );
    const shape = join(scratch, 'shape.json');
    await writeFile(shape, '[]');
    const wrong = bin(['--scenario', shape]);
    expect(await wrong.exited).toBe(2);
    expect(wrong.output()).toContain(`--scenario ${shape}: expected { "scripts": { "<API path>": [steps] } }`);
  });

  /** The bin holding a request it never answers (a `hang` step); resolves once its journal has the request. */
  async function holding() {
    const file = join(scratch, 'hang.json');
    await writeFile(file, JSON.stringify({ scripts: { '/v3/sources/h/command': [{ fault: 'hang' }] } }));
    const run = bin(['--scenario', file]);
    const base = await run.url();
    const hanging = fetch(`${base}/v3/sources/h/command`, { headers: { 'X-Auth-Token': 't' } }).catch(
      (e: unknown) => e,
    );
    const held = () =>
      fetch(`${base}/__mock/requests`)
        .then((r) => r.json() as Promise<{ requests: Array<{ id?: string; verdict: string }> }>)
        .then((j) => j.requests.some((r) => r.id === 'h' && r.verdict === 'fault'));
    await expect.poll(held, { timeout: HANG_GUARD_MS, interval: 20 }).toBe(true);
    return { run, hanging };
  }

  it('SIGTERM stops it while a client holds a hanging request (the hang never ends by itself)', async () => {
    const { run, hanging } = await holding();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(await hanging).toBeInstanceOf(TypeError);
  });

  it('one SIGINT stops it cleanly: exit 0', async () => {
    const run = bin([]);
    await run.url();
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('without Prism installed: the exact install command', async () => {
    // The compiled modules (with the package's own import map) and the package's own dependencies, as
    // an install without the optional peer leaves them: no Prism anywhere the mock can look.
    const dir = join(scratch, 'no-prism');
    await cp(join(root, 'dist/src'), join(dir, 'dist/src'), { recursive: true });
    await cp(join(root, 'dist/generated'), join(dir, 'dist/generated'), { recursive: true });
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      imports?: unknown;
      dependencies: Record<string, string>;
    };
    await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module', imports: pkg.imports }));
    await mkdir(join(dir, 'node_modules'));
    for (const name of Object.keys(pkg.dependencies))
      await symlink(join(root, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
    const script =
      "import('./dist/src/mock.js').then((m) => m.startMock()).catch((e) => { console.log(e.name + ': ' + e.message); })";
    const child = spawn(process.execPath, ['-e', script], { cwd: dir });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    await new Promise((resolve) => child.once('close', resolve)); // after the last output
    expect(out.trim()).toBe(
      `MockStartError: Prism is not installed; the mock needs it. Install it with:\n  ${PRISM_INSTALL}`,
    );
  });
});

describe('hostile: scenario files', () => {
  // Each runs the bin with a 256 MB heap: before the limits, a bomb crashed it there rather than
  // taking the machine's memory; now each is refused. A run still going after HANG_GUARD_MS is killed.
  const refusedScenario = async (file: string) => {
    const run = bin(['--scenario', file], ['--max-old-space-size=256']);
    const timer = setTimeout(() => run.child.kill('SIGKILL'), HANG_GUARD_MS);
    const code = await run.exited;
    clearTimeout(timer);
    expect(run.output()).not.toContain('answering on');
    return { code, output: run.output().trim() };
  };

  it('a "billion laughs" YAML file is refused before it expands (YAML_MAX_ALIAS_NODES), naming the line and column', async () => {
    const file = join(scratch, 'laughs.yaml');
    const rows = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      'scripts: { "/v3/sources/s1/command": [*i] }',
    ];
    await writeFile(file, `${rows.join('\n')}\n`);
    const { code, output } = await refusedScenario(file);
    expect(code).toBe(2);
    expect(output).toMatch(
      new RegExp(
        `^--scenario ${file}:\\d+:\\d+: not valid YAML: its aliases would expand the document by \\d+ nodes .*over the limit of ${YAML_MAX_ALIAS_NODES} \\(YAML_MAX_ALIAS_NODES\\).*\\(line \\d+, column \\d+: fix the file there\\)$`,
      ),
    );
  });

  it('a 200 MB file, /dev/zero, a FIFO and a directory are refused at once, in one line (SCENARIO_MAX_BYTES, regular files only)', async () => {
    const one = (said: string) => `sms-command-mock: --scenario ${said}; run sms-command-mock --help for the options`;
    const huge = join(scratch, 'huge.yaml');
    await writeFile(huge, 'scripts: {}\n');
    await truncate(huge, 200 * 1024 * 1024); // sparse: no 200 MB written
    expect(await refusedScenario(huge)).toEqual({
      code: 2,
      output: one(
        `${huge}: is over the 4 MiB limit (SCENARIO_MAX_BYTES, ${SCENARIO_MAX_BYTES} bytes): use a smaller file`,
      ),
    });
    expect(await refusedScenario('/dev/zero')).toEqual({
      code: 2,
      output: one('/dev/zero: is a character device, not a regular file: give the path of a file'),
    });
    const fifo = join(scratch, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(await refusedScenario(fifo)).toEqual({
      code: 2,
      output: one(`${fifo}: is a FIFO (named pipe), not a regular file: give the path of a file`),
    });
    const dir = join(scratch, 'dir.yaml');
    await mkdir(dir);
    expect(await refusedScenario(dir)).toEqual({
      code: 2,
      output: one(`${dir}: is a directory, not a regular file: give the path of a file`),
    });
  });

  it('syntax errors name the file, line and column, YAML and JSON', async () => {
    const yaml = join(scratch, 'broken.yaml');
    await writeFile(yaml, 'scripts:\n  /v3/sources/s1/command: [\n    { status: 200 }\n    { status: 404 }\n');
    const y = await refusedScenario(yaml);
    expect(y.code).toBe(2);
    expect(y.output).toMatch(
      new RegExp(`^--scenario ${yaml}:4:5: not valid YAML: .+ \\(line 4, column 5: fix the file there\\)$`),
    );
    const json = join(scratch, 'broken.json');
    await writeFile(json, '{\n  "scripts": {\n    "/v3/sources/s1/command": [{ "status": 200, }]\n  }\n}\n');
    const j = await refusedScenario(json);
    expect(j.code).toBe(2);
    expect(j.output).toMatch(
      new RegExp(`^--scenario ${json}:3:49: not valid JSON: .+ \\(line 3, column 49: fix the file there\\)$`),
    );
  });
});
