#!/usr/bin/env node
// sms-command-verify: check a live ShowCommand endpoint against the bundled contract.
import type { SmsAuth } from '../client/auth.js';
import { SMS_REGIONS, type SmsRegion } from '../client/options.js';
import { isSmsError } from '../errors/guards.js';
import { printableJson } from '../text.js';
import type { Version } from '../contract/validator.js';
import { notTogether, TOKEN_FILE_MAX_BYTES, usageError, wholeNumber } from '../cli-args.js';
import { packageVersion } from '../package-version.js';
import { parseOptions } from '../cli-options.js';
import { readTextFile } from '../files.js';
import { verifyEndpoint } from './check.js';
import { formatReport } from './report.js';
import { VERIFY_BIN, VERIFY_OPTIONS, verifyHelp } from './cli-options.js';

const BIN = VERIFY_BIN;

/**
 * The credentials to send: a token (--token-file, else SMS_TOKEN) wins over AK/SK (CLOUD_SDK_AK and
 * CLOUD_SDK_SK). `--domain-id` only goes with AK/SK: given where no AK/SK signs, it is refused.
 */
function authFrom(tokenFile: string | undefined, domainIdOption: string | undefined): SmsAuth | undefined {
  let token = process.env.SMS_TOKEN;
  if (tokenFile !== undefined) {
    try {
      token = readTextFile(tokenFile, TOKEN_FILE_MAX_BYTES, 'TOKEN_FILE_MAX_BYTES').trim();
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      usageError(BIN, `--token-file ${tokenFile}${code ? `: cannot read it (${code})` : ` ${message}`}`);
    }
    if (!token) usageError(BIN, `--token-file ${tokenFile}: the file is empty; put the IAM token in it`);
  }
  const { CLOUD_SDK_AK: ak, CLOUD_SDK_SK: sk } = process.env;
  if (domainIdOption !== undefined) {
    if (tokenFile !== undefined)
      usageError(
        BIN,
        '--domain-id and --token-file contradict each other: --domain-id goes with AK/SK signing, and a token is sent instead; drop one of them',
      );
    if (token)
      usageError(
        BIN,
        '--domain-id goes with AK/SK signing, but SMS_TOKEN is set and a token wins: unset SMS_TOKEN, or drop --domain-id',
      );
    if (!ak || !sk)
      usageError(BIN, '--domain-id goes with AK/SK signing: set CLOUD_SDK_AK and CLOUD_SDK_SK, or drop --domain-id');
  }
  if (token) return { token };
  const domainId = domainIdOption ?? process.env.CLOUD_SDK_DOMAIN_ID;
  if (ak && sk) return { ak, sk, ...(domainId ? { domainId } : {}) };
  return undefined;
}

async function main() {
  // `--version` alone prints the package's version; `--version v1|v3` chooses an API version, so a
  // bare `--version` among other options is a missing value, not a request for the version.
  const args = process.argv.slice(2);
  const at = args.indexOf('--version');
  if (at !== -1 && (at === args.length - 1 || args[at + 1]!.startsWith('-'))) {
    if (args.length === 1) return console.log(packageVersion());
    usageError(
      BIN,
      "--version without v1 or v3: alone it prints this package's version; with other options it picks an API version (--version v3)",
    );
  }
  const values = parseOptions(BIN, VERIFY_OPTIONS, args);
  if (values.help) return console.log(verifyHelp());
  notTogether(BIN, values, 'endpoint', 'region', 'each names the service to ask, and only one can');
  if (!values.endpoint && !values.region)
    usageError(BIN, `give --endpoint URL or --region R (${Object.keys(SMS_REGIONS).join(', ')})`);
  if (values.region !== undefined && !Object.hasOwn(SMS_REGIONS, values.region))
    usageError(
      BIN,
      `--region ${JSON.stringify(values.region)} is not a documented region: ${Object.keys(SMS_REGIONS).join(', ')}; or give --endpoint URL`,
    );
  if (!values['server-id']?.length) usageError(BIN, 'give at least one --server-id ID (a source server to ask about)');
  for (const v of values.version ?? [])
    if (v !== 'v1' && v !== 'v3') usageError(BIN, `--version ${JSON.stringify(v)}: the API versions are v1 and v3`);
  // The same version or server twice would be asked twice: once is what was meant.
  const versions = [...new Set(values.version ?? ['v1', 'v3'])] as Version[];
  const serverIds = [...new Set(values['server-id'])];
  const timeoutMs =
    values['timeout-ms'] === undefined
      ? undefined
      : wholeNumber(BIN, '--timeout-ms', values['timeout-ms'], 1, 2_147_483_647);
  const auth = authFrom(values['token-file'], values['domain-id']);
  if (!auth)
    console.error(
      `${BIN}: no credentials (SMS_TOKEN, --token-file, or CLOUD_SDK_AK and CLOUD_SDK_SK): the service will answer 401`,
    );
  const report = await verifyEndpoint({
    serverIds,
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
  console.error(`${BIN}: ${said}`);
  process.exitCode = 2;
});
