#!/usr/bin/env node
// sms-command-mock: the mock from a shell. `npm start` runs it.
import { ScriptError } from '../errors/script-error.js';
import { parseArgs } from 'node:util';
import { notTogether, onceEach, optionError, packageVersion, usageError, wholeNumber } from '../cli-args.js';
import { printable } from '../text.js';
import { DEMO_CREDENTIALS, type MockAuth } from './auth/verifier.js';
import { createStop, exitWithStarter } from './lifecycle.js';
import { checkScenarioFile } from './record/check-scenario.js';
import { secretsOf, upstreamAuthFrom } from './record/credentials.js';
import { RecordStartError } from './record/upstream.js';
import { recordBanner, recordFlags, recordStartProblem } from './record/cli-flags.js';
import { readScenario, type Scenario, scenarioScriptError } from './scripts/scenario.js';
import { DEFAULT_HOST, DEFAULT_PORT, type Mock, startMock } from './http/server.js';

const HELP = `sms-command-mock — a mock of Huawei Cloud SMS ShowCommand and UpdateCommandResult,
v1 and v3 on one base URL

  --port N             port (default ${DEFAULT_PORT}, or PORT; 0 picks a free one)
  --host H             address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 exposes the
                       mock and its control API to every machine that reaches this one)
  --allow-host NAME    also answer requests whose Host header is NAME (repeatable; by default
                       only the bound address, localhost and loopback addresses: DNS rebinding)
  --control-origin O   let pages of origin O call /__mock from a browser (CORS; repeatable)
  --api-origin O       let pages of origin O call the API paths from a browser (CORS;
                       repeatable; loopback origins always may, other pages get 403)
  --scenario FILE      scripts to start with, JSON or YAML: { "scripts": { "<API path>": [steps] } }
  --check-scenario FILE  check FILE as --scenario would load it (no credential in it, every step
                       as the contract allows) and exit: 0 it would load, 1 it would be refused
  --record URL         a recording mock: forward every API request, signed afresh with the
                       upstream's credentials (HUAWEICLOUD_SDK_AK/_SK/_DOMAIN_ID/_SECURITY_TOKEN,
                       or SMS_UPSTREAM_TOKEN), to URL — a live session: reports are forwarded too
  --record-to FILE     with --record: the recording, a .json scenario --scenario replays
  --record-alias-ids   with --record: server ids replaced by server-1, server-2, ...
  --token T            accept this X-Auth-Token (repeatable; default: any non-empty token)
  --credential AK:SK   verify signatures against this pair (repeatable; default: the demo pair)
  --no-auth            accept every request, credentials or not
  --no-lockout         do not lock an AK after more than 5 failed signatures in a row
                       (the gateway does, for 5 minutes; POST /__mock/reset lifts locks)
  --no-report-check    accept a report (POST …/command_result) of any command; by default one
                       that is not the command last served to that server is 400 SMS.2009
  --journal-limit N    requests the journal keeps (default 1000)
  --dynamic            generate bodies from the schemas instead of the named examples
  --seed S             with --dynamic: repeatable generated data
  --errors             answer 500 when an answer would violate the spec
  --spec FILE          serve another OpenAPI document
  --stay               keep running when the process that started this one exits
                       (npm start, npx sms-command-mock or whatever ran the bin)
  --version            print this package's version
  --help

Control API: PUT|GET|DELETE /__mock/<API path>, GET|DELETE /__mock/scripts,
GET|DELETE /__mock/requests, POST /__mock/reset; PUT and POST with
Content-Type: application/json. The first Ctrl-C stops it cleanly, a second at once.`;

const BIN = 'sms-command-mock';
const SAMPLE_ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';

/**
 * Prints `message` and exits with `code`. Each line goes through `printable`: a file name or a
 * scenario's content (a key, a value) may hold ESC or a bidi control, which would act on the terminal.
 */
function failWith(code: number, message: string): never {
  console.error(message.split('\n').map(printable).join('\n'));
  process.exit(code);
}
function fail(message: string): never {
  return failWith(2, message);
}

async function main() {
  let values, tokens;
  try {
    ({ values, tokens } = parseArgs({
      strict: true,
      tokens: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: DEFAULT_HOST },
        scenario: { type: 'string' },
        'check-scenario': { type: 'string' },
        record: { type: 'string' },
        'record-to': { type: 'string' },
        'record-alias-ids': { type: 'boolean', default: false },
        token: { type: 'string', multiple: true },
        credential: { type: 'string', multiple: true },
        'no-auth': { type: 'boolean', default: false },
        'no-lockout': { type: 'boolean', default: false },
        'no-report-check': { type: 'boolean', default: false },
        'allow-host': { type: 'string', multiple: true },
        'control-origin': { type: 'string', multiple: true },
        'api-origin': { type: 'string', multiple: true },
        'journal-limit': { type: 'string' },
        dynamic: { type: 'boolean', default: false },
        seed: { type: 'string' },
        errors: { type: 'boolean', default: false },
        spec: { type: 'string' },
        stay: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        version: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    optionError(BIN, error);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (values.version) {
    console.log(packageVersion());
    return;
  }
  onceEach(BIN, tokens, [
    'port',
    'host',
    'scenario',
    'check-scenario',
    'record',
    'record-to',
    'journal-limit',
    'seed',
    'spec',
  ]);
  if (values.seed !== undefined && !values.dynamic)
    usageError(BIN, '--seed only matters with --dynamic: add --dynamic, or drop --seed');
  const record = recordFlags(BIN, values);
  const noAuth = '--no-auth accepts every request';
  notTogether(BIN, values, 'no-auth', 'token', `${noAuth}, so no token would be checked`);
  notTogether(BIN, values, 'no-auth', 'credential', `${noAuth}, so no signature would be verified`);
  notTogether(BIN, values, 'no-auth', 'no-lockout', `${noAuth}, so no signature fails and no AK is locked`);
  const port = wholeNumber(
    BIN,
    values.port === undefined && process.env.PORT !== undefined ? 'PORT=' : '--port',
    values.port ?? process.env.PORT ?? String(DEFAULT_PORT),
    0,
    65535,
  );
  const credentials = (values.credential ?? []).map((pair) => {
    const at = pair.indexOf(':');
    if (at <= 0 || at === pair.length - 1) usageError(BIN, '--credential takes AK:SK');
    return { ak: pair.slice(0, at), sk: pair.slice(at + 1) };
  });
  // The same AK with two SKs: only one could verify. The SKs are never printed.
  for (const [i, { ak, sk }] of credentials.entries())
    if (credentials.slice(0, i).some((c) => c.ak === ak && c.sk !== sk))
      usageError(
        BIN,
        `--credential gives AK ${JSON.stringify(ak)} twice, with different SKs: only one can count; give each AK once`,
      );
  if (values['check-scenario'] !== undefined) {
    // The secrets this run knows by value: the mock's own and the upstream's (never printed).
    const secrets = [
      ...(values.token ?? []),
      ...credentials.map((c) => c.sk),
      ...secretsOf(upstreamAuthFrom(process.env)),
    ];
    const { code, report } = checkScenarioFile(values['check-scenario'], {
      secrets,
      ...(values.spec !== undefined ? { spec: values.spec } : {}),
    });
    if (code) failWith(code, report);
    console.log(report.split('\n').map(printable).join('\n'));
    return;
  }
  const auth: MockAuth = values['no-auth']
    ? false
    : {
        ...(values.token ? { tokens: values.token } : {}),
        ...(credentials.length ? { credentials } : {}),
        ...(values['no-lockout'] ? { lockout: false as const } : {}),
      };
  const journalLimit =
    values['journal-limit'] === undefined
      ? undefined
      : wholeNumber(BIN, '--journal-limit', values['journal-limit'], 1, 10_000_000);
  let scenario: Scenario | undefined;
  try {
    scenario = values.scenario ? readScenario(values.scenario) : undefined;
  } catch (error) {
    fail((error as Error).message);
  }
  const scripts = scenario?.scripts;
  const started = performance.now();
  let mock: Mock | undefined;
  // The starter is watched from here on (one that dies while the mock loads ends it too), and the
  // signal handlers are set before the banner: whoever reads it may signal at once.
  const stop = createStop(
    async () => mock?.close(),
    (code) => process.exit(code),
  );
  // --stay: keep running when whatever started this process dies.
  if (!values.stay) exitWithStarter(stop);
  try {
    mock = await startMock({
      port,
      host: values.host,
      auth,
      dynamic: values.dynamic,
      errors: values.errors,
      reportCheck: !values['no-report-check'],
      ...(scripts ? { scripts } : {}),
      ...(journalLimit !== undefined ? { journalLimit } : {}),
      ...(values.seed !== undefined ? { seed: values.seed } : {}),
      ...(values.spec !== undefined ? { spec: values.spec } : {}),
      ...(values['allow-host'] ? { allowedHosts: values['allow-host'] } : {}),
      ...(values['control-origin'] ? { controlOrigins: values['control-origin'] } : {}),
      ...(record ? { record } : {}),
      ...(values['api-origin'] ? { apiOrigins: values['api-origin'] } : {}),
    });
  } catch (error) {
    if (error instanceof ScriptError && scenario) fail(scenarioScriptError(scenario, error));
    if (error instanceof RecordStartError) usageError(BIN, recordStartProblem(error));
    // The library's words, and the bin's ways to another port (exit 1: not a usage error).
    if (error instanceof Error && /already in use/.test(error.message))
      failWith(1, `${error.message} (${BIN} --port N, or PORT=N; --port 0 picks a free one)`);
    throw error;
  }
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const demo =
    !values['no-auth'] && !credentials.length
      ? `\n  Demo AK/SK (verified signatures): AK ${DEMO_CREDENTIALS.ak}  SK ${DEMO_CREDENTIALS.sk}`
      : '';
  console.log(`
SMS command mock (ShowCommand and UpdateCommandResult, v1 + v3) answering on ${mock.url} after ${seconds} s (pid ${process.pid}) — Ctrl-C stops it.${demo}${recordBanner(record)}

  curl -H 'X-Auth-Token: any' ${mock.url}/v3/sources/${SAMPLE_ID}/command
  curl -X PUT -H 'Content-Type: application/json' -d '[{"body":{"command_name":"STOP"}}]' ${mock.url}/__mock/v3/sources/${SAMPLE_ID}/command
  curl ${mock.url}/__mock/requests
`);
}

main().catch((error: unknown) => failWith(1, error instanceof Error ? error.message : String(error)));
