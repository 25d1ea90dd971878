#!/usr/bin/env node
// sms-command-mock: the mock from a shell. `npm start` runs it.
import { ScriptError } from '../errors/script-error.js';
import { notTogether, usageError, wholeNumber } from '../cli-args.js';
import { packageVersion } from '../package-version.js';
import { parseOptions } from '../cli-options.js';
import { printable } from '../text.js';
import { DEMO_CREDENTIALS, type MockAuth } from './auth/verifier.js';
import { createStop, exitWithStarter } from './lifecycle.js';
import { checkScenarioFile } from './record/check-scenario.js';
import { secretsOf, upstreamAuthFrom } from './record/credentials.js';
import { RecordStartError } from './record/upstream.js';
import { recordBanner, recordFlags, recordStartProblem } from './record/cli-flags.js';
import { readScenario, type Scenario, ScenarioError, scenarioScriptError } from './scripts/scenario.js';
import { launcher, otherPortHint, type PortSource, portInUse } from './cli-messages.js';
import { MOCK_BIN, MOCK_OPTIONS, mockHelp } from './cli-options.js';
import { DEFAULT_PORT, type Mock, type MockOptions, startMock } from './http/server.js';

const BIN = MOCK_BIN;
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

type Values = ReturnType<typeof parseOptions<typeof MOCK_OPTIONS>>;

async function main() {
  const values = parseOptions(BIN, MOCK_OPTIONS);
  if (values.help) return console.log(mockHelp());
  if (values.version) return console.log(packageVersion());
  if (values.seed !== undefined && !values.dynamic)
    usageError(BIN, '--seed only matters with --dynamic: add --dynamic, or drop --seed');
  const record = recordFlags(BIN, values);
  const noAuth = '--no-auth accepts every request';
  notTogether(BIN, values, 'no-auth', 'token', `${noAuth}, so no token would be checked`);
  notTogether(BIN, values, 'no-auth', 'credential', `${noAuth}, so no signature would be verified`);
  notTogether(BIN, values, 'no-auth', 'no-lockout', `${noAuth}, so no signature fails and no AK is locked`);
  const portFrom: PortSource =
    values.port !== undefined ? 'option' : process.env.PORT !== undefined ? 'env' : 'default';
  const port = wholeNumber(
    BIN,
    portFrom === 'env' ? 'PORT=' : '--port',
    values.port ?? process.env.PORT ?? String(DEFAULT_PORT),
    0,
    65535,
  );
  const credentials = credentialsOf(values.credential ?? []);
  if (values['check-scenario'] !== undefined) return checkScenario(values, values['check-scenario'], credentials);
  const scenario = values.scenario ? loadScenario(values.scenario) : undefined;
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
    mock = await startMock(startOptions(values, port, credentials, scenario, record));
  } catch (error) {
    if (error instanceof ScriptError && scenario) fail(scenarioScriptError(scenario, error));
    if (error instanceof RecordStartError) usageError(BIN, recordStartProblem(error));
    // The library's words, and the bin's ways to another port (exit 1: not a usage error).
    if (portInUse(error)) failWith(1, `${(error as Error).message} (${otherPortHint(launcher(), portFrom)})`);
    throw error;
  }
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(banner(mock.url, seconds, !values['no-auth'] && !credentials.length, recordBanner(record)));
}

/** `--credential AK:SK`s, each checked; the same AK with two SKs refused (only one could verify; the SKs are never printed). */
function credentialsOf(pairs: string[]): Array<{ ak: string; sk: string }> {
  const credentials = pairs.map((pair) => {
    const at = pair.indexOf(':');
    if (at <= 0 || at === pair.length - 1) usageError(BIN, '--credential takes AK:SK');
    return { ak: pair.slice(0, at), sk: pair.slice(at + 1) };
  });
  for (const [i, { ak, sk }] of credentials.entries())
    if (credentials.slice(0, i).some((c) => c.ak === ak && c.sk !== sk))
      usageError(
        BIN,
        `--credential gives AK ${JSON.stringify(ak)} twice, with different SKs: only one can count; give each AK once`,
      );
  return credentials;
}

/** `--check-scenario FILE`: the scan and the contract check alone, exit 0 or 1, no mock started. */
function checkScenario(values: Values, file: string, credentials: Array<{ ak: string; sk: string }>): void {
  // The secrets this run knows by value: the mock's own and the upstream's (never printed).
  const secrets = [
    ...(values.token ?? []),
    ...credentials.map((c) => c.sk),
    ...secretsOf(upstreamAuthFrom(process.env)),
  ];
  const { code, report } = checkScenarioFile(file, {
    secrets,
    ...(values.spec !== undefined ? { spec: values.spec } : {}),
  });
  if (code) failWith(code, report);
  console.log(report.split('\n').map(printable).join('\n'));
}

/** The `--scenario` file read; a file that is not there or cannot be read told in one line, as a usage error is. */
function loadScenario(file: string): Scenario {
  try {
    return readScenario(file);
  } catch (error) {
    if (error instanceof ScenarioError && error.unreadable)
      failWith(2, `${BIN}: ${error.message}; run ${BIN} --help for the options`);
    return fail((error as Error).message);
  }
}

/** startMock's options from the command line. */
function startOptions(
  values: Values,
  port: number,
  credentials: Array<{ ak: string; sk: string }>,
  scenario: Scenario | undefined,
  record: ReturnType<typeof recordFlags>,
): MockOptions {
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
  return {
    port,
    host: values.host,
    auth,
    dynamic: values.dynamic,
    errors: values.errors,
    reportCheck: !values['no-report-check'],
    ...(scenario ? { scripts: scenario.scripts } : {}),
    ...(journalLimit !== undefined ? { journalLimit } : {}),
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
    ...(values.spec !== undefined ? { spec: values.spec } : {}),
    ...(values['allow-host'] ? { allowedHosts: values['allow-host'] } : {}),
    ...(values['control-origin'] ? { controlOrigins: values['control-origin'] } : {}),
    ...(record ? { record } : {}),
    ...(values['api-origin'] ? { apiOrigins: values['api-origin'] } : {}),
  };
}

/** What the bin prints once the mock answers: where, how fast, the demo pair, three curls to start with. */
function banner(url: string, seconds: string, showDemo: boolean, recording: string): string {
  const demo = showDemo
    ? `\n  Demo AK/SK (verified signatures): AK ${DEMO_CREDENTIALS.ak}  SK ${DEMO_CREDENTIALS.sk}`
    : '';
  return `
SMS command mock (ShowCommand and UpdateCommandResult, v1 + v3) answering on ${url} after ${seconds} s (pid ${process.pid}) — Ctrl-C stops it.${demo}${recording}

  curl -H 'X-Auth-Token: any' ${url}/v3/sources/${SAMPLE_ID}/command
  curl -X PUT -H 'Content-Type: application/json' -d '[{"body":{"command_name":"STOP"}}]' ${url}/__mock/v3/sources/${SAMPLE_ID}/command
  curl ${url}/__mock/requests
`;
}

main().catch((error: unknown) => failWith(1, error instanceof Error ? error.message : String(error)));
