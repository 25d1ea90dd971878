// sms-command-verify's options, each declared once: the parser, --help and docs/cli.md all come from
// VERIFY_OPTIONS (src/cli-options.ts).
import { type CliOption, optionsHelp } from '../cli-options.js';
import { SMS_REGIONS } from '../client/options.js';

export const VERIFY_BIN = 'sms-command-verify';

export const VERIFY_OPTIONS = [
  { name: 'endpoint', type: 'string', placeholder: 'URL', help: 'the base URL (or --region)' },
  {
    name: 'region',
    type: 'string',
    placeholder: 'R',
    help: `a documented region: ${Object.keys(SMS_REGIONS).join(', ')}`,
  },
  {
    name: 'server-id',
    type: 'string',
    placeholder: 'ID',
    multiple: true,
    help: 'a source server to ask about, one with a migration task (at least one)',
  },
  {
    name: 'version',
    type: 'string',
    placeholder: 'v1|v3',
    multiple: true,
    help: "an API version to check (default both); alone, with no value: print this package's version",
  },
  {
    name: 'token-file',
    type: 'string',
    placeholder: 'FILE',
    help: 'an IAM token from a file (or SMS_TOKEN in the environment)',
  },
  {
    name: 'domain-id',
    type: 'string',
    placeholder: 'ID',
    help: 'with AK/SK: the account id (or CLOUD_SDK_DOMAIN_ID)',
  },
  { name: 'json', type: 'boolean', help: 'the report as JSON' },
  { name: 'timeout-ms', type: 'string', placeholder: 'N', help: 'per request (default 30000)' },
  { name: 'help', type: 'boolean', help: 'print this help' },
] as const satisfies readonly CliOption[];

/** What --help prints: the options from the table, then credentials and exit codes. */
export function verifyHelp(): string {
  return `${VERIFY_BIN}: check a live Huawei Cloud SMS ShowCommand endpoint against this package's contract

${optionsHelp(VERIFY_OPTIONS)}

AK/SK come from CLOUD_SDK_AK and CLOUD_SDK_SK; a token wins when both are given.
Exit 0: everything conforms; 1: drift or violations; 2: could not check (network, 401/403, bad input);
3: everything conforms but no command was checked (no server answered 200: every answer was an error
status such as 404 SMS.2252, no migration task; give a server that has one). 2 wins over 1, 1 over 3.
No token, SK or signature is ever printed; nor is a control or bidi character: the text report shows
them as \\u{1b}-style escapes, --json as JSON \\u001b escapes (the strings parse back unchanged).
Options: docs/cli.md in the package's repository.`;
}
