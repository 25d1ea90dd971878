#!/usr/bin/env node
// sms-command-verify: check a live ShowCommand endpoint against the bundled contract.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SmsAuth } from '../client/auth.js';
import { SMS_REGIONS, type SmsRegion } from '../client/options.js';
import { isSmsError } from '../errors/guards.js';
import { printable, printableJson } from '../text.js';
import type { Version } from '../contract/validator.js';
import { packageVersion, wholeNumber } from '../cli-args.js';
import { verifyEndpoint } from './check.js';
import { formatReport } from './report.js';

const HELP = `sms-command-verify — check a live Huawei Cloud SMS ShowCommand endpoint against this package's contract

  --endpoint URL       the base URL (or --region)
  --region R           a documented region: ${Object.keys(SMS_REGIONS).join(', ')}
  --server-id ID       a source server to ask about (repeatable; at least one)
  --version v1|v3      the API versions to check (repeatable; default both)
  --token-file FILE    an IAM token from a file (or SMS_TOKEN in the environment)
  --domain-id ID       with AK/SK: the account id (or CLOUD_SDK_DOMAIN_ID)
  --json               the report as JSON
  --timeout-ms N       per request (default 30000)
  --version            alone: print this package's version
  --help

AK/SK come from CLOUD_SDK_AK and CLOUD_SDK_SK; a token wins when both are given.
Exit 0: everything conforms; 1: drift or violations; 2: could not check (network, 401/403, bad input);
3: everything conforms but no command was checked (no server answered 200: every answer was an error
status such as 404 SMS.2252, no migration task; give a server that has one). 2 wins over 1, 1 over 3.
No token, SK or signature is ever printed; nor is a control or bidi character: the text report shows
them as \\u{1b}-style escapes, --json as JSON \\u001b escapes (the strings parse back unchanged).`;

function usage(message: string): never {
  console.error(`${printable(message)}\n\n${HELP}`);
  process.exit(2);
}

function authFrom(tokenFile: string | undefined, domainId: string | undefined): SmsAuth | undefined {
  let token = process.env.SMS_TOKEN;
  if (tokenFile !== undefined) {
    try {
      token = readFileSync(tokenFile, 'utf8').trim();
    } catch (error) {
      usage(`--token-file ${tokenFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
  }
  if (token) return { token };
  const { CLOUD_SDK_AK: ak, CLOUD_SDK_SK: sk } = process.env;
  if (ak && sk) return { ak, sk, ...(domainId ? { domainId } : {}) };
  return undefined;
}

async function main() {
  // `--version` alone prints the package's version; `--version v1|v3` chooses an API version.
  const args = process.argv.slice(2);
  const at = args.indexOf('--version');
  if (at !== -1 && (at === args.length - 1 || args[at + 1]!.startsWith('-'))) return console.log(packageVersion());
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        endpoint: { type: 'string' },
        region: { type: 'string' },
        'server-id': { type: 'string', multiple: true },
        version: { type: 'string', multiple: true },
        'token-file': { type: 'string' },
        'domain-id': { type: 'string' },
        json: { type: 'boolean', default: false },
        'timeout-ms': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  if (values.help) return console.log(HELP);
  if (!values['server-id']?.length) usage('give at least one --server-id');
  if (!values.endpoint === !values.region) usage('give --endpoint or --region (one of them)');
  const versions = (values.version ?? ['v1', 'v3']) as Version[];
  for (const v of versions) if (v !== 'v1' && v !== 'v3') usage(`--version ${v}: v1 or v3`);
  const timeoutMs =
    values['timeout-ms'] === undefined
      ? undefined
      : wholeNumber('sms-command-verify', '--timeout-ms', values['timeout-ms'], 1, 2_147_483_647);
  const auth = authFrom(values['token-file'], values['domain-id'] ?? process.env.CLOUD_SDK_DOMAIN_ID);
  if (!auth)
    console.error(
      'sms-command-verify: no credentials (SMS_TOKEN, --token-file, or CLOUD_SDK_AK and CLOUD_SDK_SK): the service will answer 401',
    );
  const report = await verifyEndpoint({
    serverIds: values['server-id'],
    versions,
    ...(values.endpoint ? { endpoint: values.endpoint } : { region: values.region as SmsRegion }),
    ...(auth ? { auth } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  console.log(values.json ? printableJson(JSON.stringify(report, null, 2)) : formatReport(report));
  process.exitCode = report.exitCode;
}

main().catch((error: unknown) => {
  // Every message of this package is redacted; anything else is printed by its name only.
  const said = isSmsError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.name : 'failed';
  console.error(`sms-command-verify: ${said}`);
  process.exitCode = 2;
});
