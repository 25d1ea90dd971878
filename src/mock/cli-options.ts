// sms-command-mock's options, each declared once: the parser, --help and docs/cli.md all come from
// MOCK_OPTIONS (src/cli-options.ts), and the control routes in --help from the HTTP door's own table.
import { type CliOption, optionsHelp } from '../cli-options.js';
import { routeGroups } from './admin/routes.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './http/server.js';
import { DEFAULT_JOURNAL_LIMIT } from './journal/journal.js';

export const MOCK_BIN = 'sms-command-mock';

export const MOCK_OPTIONS = [
  {
    name: 'port',
    type: 'string',
    placeholder: 'N',
    help: `port (default ${DEFAULT_PORT}, or PORT; 0 picks a free one)`,
  },
  {
    name: 'host',
    type: 'string',
    placeholder: 'H',
    default: DEFAULT_HOST,
    help: 'address to listen on; 0.0.0.0 exposes the mock and its control API to every machine that reaches this one',
  },
  {
    name: 'allow-host',
    type: 'string',
    placeholder: 'NAME',
    multiple: true,
    help: 'also answer requests whose Host header is NAME; by default only the bound address, localhost and loopback addresses, against DNS rebinding',
  },
  {
    name: 'control-origin',
    type: 'string',
    placeholder: 'O',
    multiple: true,
    help: 'let pages of origin O call /__mock from a browser, by CORS',
  },
  {
    name: 'api-origin',
    type: 'string',
    placeholder: 'O',
    multiple: true,
    help: 'let pages of origin O call the API paths from a browser, by CORS; loopback origins always may, other pages get 403',
  },
  {
    name: 'scenario',
    type: 'string',
    placeholder: 'FILE',
    help: 'scripts to start with, JSON or YAML: { "scripts": { "<API path>": [steps] } }',
  },
  {
    name: 'check-scenario',
    type: 'string',
    placeholder: 'FILE',
    help: 'check FILE as --scenario would load it (no credential in it, every step as the contract allows) and exit: 0 it would load, 1 it would be refused',
  },
  {
    name: 'record',
    type: 'string',
    placeholder: 'URL',
    help: "a recording mock: forward every API request to URL, signed afresh with the upstream's credentials (HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_DOMAIN_ID, HUAWEICLOUD_SDK_SECURITY_TOKEN, or SMS_UPSTREAM_TOKEN); a live session: reports are forwarded too",
  },
  {
    name: 'record-to',
    type: 'string',
    placeholder: 'FILE',
    help: 'with --record: the recording, a .json scenario --scenario replays',
  },
  {
    name: 'record-alias-ids',
    type: 'boolean',
    help: 'with --record: server ids replaced by server-1, server-2, ...',
  },
  {
    name: 'token',
    type: 'string',
    placeholder: 'T',
    multiple: true,
    help: 'accept this X-Auth-Token; without it, any non-empty token',
  },
  {
    name: 'credential',
    type: 'string',
    placeholder: 'AK:SK',
    multiple: true,
    help: 'verify signatures against this pair; without it, the demo pair',
  },
  { name: 'no-auth', type: 'boolean', help: 'accept every request, credentials or not' },
  {
    name: 'no-lockout',
    type: 'boolean',
    help: 'do not lock an AK after more than 5 failed signatures in a row (the gateway does, for 5 minutes; POST /__mock/reset lifts locks)',
  },
  {
    name: 'no-report-check',
    type: 'boolean',
    help: 'accept a report (POST .../command_result) of any command; by default one that is not the command last served to that server is 400 SMS.2009',
  },
  {
    name: 'journal-limit',
    type: 'string',
    placeholder: 'N',
    help: `requests the journal keeps (default ${DEFAULT_JOURNAL_LIMIT})`,
  },
  { name: 'dynamic', type: 'boolean', help: 'generate bodies from the schemas instead of the named examples' },
  { name: 'seed', type: 'string', placeholder: 'S', help: 'with --dynamic: repeatable generated data' },
  { name: 'errors', type: 'boolean', help: 'answer 500 when an answer would violate the spec' },
  { name: 'spec', type: 'string', placeholder: 'FILE', help: 'serve another OpenAPI document' },
  {
    name: 'stay',
    type: 'boolean',
    help: 'keep running when the process that started this one exits (npm start, npx or whatever ran the bin)',
  },
  { name: 'version', type: 'boolean', help: "print this package's version" },
  { name: 'help', type: 'boolean', help: 'print this help' },
] as const satisfies readonly CliOption[];

/** What --help prints: the options from the table, the control routes from the HTTP door's route table. */
export function mockHelp(): string {
  return `${MOCK_BIN}: a mock of Huawei Cloud SMS ShowCommand and UpdateCommandResult, v1 and v3 on one base URL

${optionsHelp(MOCK_OPTIONS)}

Control API (PUT and POST with Content-Type: application/json):
${routeGroups()
  .map((route) => `  ${route}`)
  .join('\n')}

The first Ctrl-C stops it cleanly, a second at once. Options: docs/cli.md in the package's repository.`;
}
