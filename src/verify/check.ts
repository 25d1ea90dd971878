// sms-command-verify's core: ask a live endpoint for ShowCommand through the package's client path
// (same signing, same limits, same redirect refusal) and check each raw answer against the contract.
import { readFileSync } from 'node:fs';
import {
  createContractValidator,
  type Finding,
  type OpenApiDocument,
  type OperationContract,
  type Version,
} from '../contract/validator.js';
import { SmsApiError } from '../errors/api-error.js';
import { SmsRedirectError } from '../errors/redirect-error.js';
import { isSmsError } from '../errors/guards.js';
import { invalid } from '../errors/sms-error.js';
import { createAuthenticator, type SmsAuth } from '../client/auth.js';
import { createRedactor, redactJson, type Redactor } from '../client/redact.js';
import { SMS_REGIONS, type SmsClientOptions, type SmsRegion } from '../client/options.js';
import { interpret } from '../client/answer.js';
import { answerFindings } from './answer-findings.js';
import { rawAnswer } from '../client/show-command.js';
import { shippedFile } from '../shipped-file.js';
import * as v1 from '../v1.js';
import * as v3 from '../v3.js';

/** The joined v1 + v3 document this package ships, as JSON. */
export const VERIFY_SPEC = shippedFile('sms-command.json');

export interface VerifyOptions {
  /** A base URL; or `region`. */
  endpoint?: string;
  region?: SmsRegion;
  /** A token or AK/SK; omit to send none (the service answers 401: could not check). */
  auth?: SmsAuth;
  /** The server ids to ask about (at least one). */
  serverIds: string[];
  /** Default both. */
  versions?: Version[];
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** The contract to check against; default the bundled one. */
  document?: OpenApiDocument;
  /** For tests: the fetch the client uses. */
  fetch?: SmsClientOptions['fetch'];
}

export type Outcome = 'conforms' | 'drift' | 'violations' | 'unchecked';

export interface CheckResult {
  version: Version;
  serverId: string;
  /** The status answered, when there was an answer. */
  status?: number;
  requestId?: string;
  outcome: Outcome;
  findings: Finding[];
  /** Why it could not be checked (`unchecked`), redacted. */
  reason?: string;
  /** True when the answer was a 200 whose JSON body was checked against the command schema. */
  commandChecked: boolean;
  /** No answer: the connection's error code (`ECONNREFUSED`, ...), if it had one. */
  errorCode?: string;
}

export interface VerifyReport {
  endpoint: string;
  specVersions: Record<Version, string>;
  results: CheckResult[];
  summary: Record<Outcome, number>;
  /** How many answers were a 200 whose command body was checked; 0 means the run proved little (exit 3). */
  commandsChecked: number;
  /**
   * 0: everything conforms and at least one command was checked; 1: drift or violations; 2: something
   * could not be checked; 3: everything conforms but no command was checked (every server answered
   * an error status, such as 404 SMS.2252: no migration task). 2 wins over 1, and 1 over 3.
   */
  exitCode: 0 | 1 | 2 | 3;
}

const API = { v1, v3 } as const;

function outcomeOf(findings: Finding[]): Outcome {
  if (findings.some((f) => f.kind === 'violation')) return 'violations';
  return findings.length ? 'drift' : 'conforms';
}

/** Checks every server id on every version; never throws for what the endpoint does. */
export async function verifyEndpoint(options: VerifyOptions): Promise<VerifyReport> {
  const { serverIds, versions = ['v1', 'v3'], auth, timeoutMs, maxBodyBytes } = options;
  if (!Array.isArray(serverIds) || serverIds.length === 0) throw invalid('give at least one server id');
  const document = options.document ?? (JSON.parse(readFileSync(VERIFY_SPEC, 'utf8')) as OpenApiDocument);
  const validator = createContractValidator(document);
  const results: CheckResult[] = [];
  // The one redaction of everything the report holds (client/redact.ts): the secrets of `auth` by
  // value, any request signature (named or bare), credential-looking names' values.
  const redact = createRedactor(createAuthenticator(auth)?.secrets ?? []);
  const endpoint = options.endpoint ?? (options.region !== undefined ? SMS_REGIONS[options.region] : undefined) ?? '';
  for (const version of versions) {
    const api = API[version];
    if (!api) throw invalid(`unknown version ${JSON.stringify(version)}: v1 or v3`);
    // ShowCommand only: verify never sends a report (it would write into a real task's record).
    const contract = validator.operation(version, 'GET');
    if (!contract) throw invalid(`the contract has no ${version} operation`);
    const client = api.createSmsClient({
      ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
      ...(options.region !== undefined ? { region: options.region } : {}),
      ...(auth ? { auth } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(maxBodyBytes ? { maxBodyBytes } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    for (const serverId of serverIds) {
      results.push(await checkOne(client, version === 'v1' ? v1.V1 : v3.V3, contract, serverId));
    }
  }
  const summary: Record<Outcome, number> = { conforms: 0, drift: 0, violations: 0, unchecked: 0 };
  for (const r of results) summary[r.outcome] += 1;
  const commandsChecked = results.filter((r) => r.commandChecked).length;
  const info = (document as { info?: { 'x-versions'?: Record<string, string>; version?: string } }).info;
  return redacted(redact, {
    endpoint,
    specVersions: {
      v1: info?.['x-versions']?.v1 ?? info?.version ?? 'unknown',
      v3: info?.['x-versions']?.v3 ?? info?.version ?? 'unknown',
    },
    results,
    summary,
    commandsChecked,
    exitCode: summary.unchecked ? 2 : summary.drift || summary.violations ? 1 : commandsChecked ? 0 : 3,
  });
}

/**
 * The report with every string in it redacted, keys included (a finding's path names the body's own
 * field names, which a server may have made of the token): the text report and `--json` both print
 * this, so nothing reaches either unredacted, whatever finding or reason a check adds.
 */
function redacted(redact: Redactor, report: VerifyReport): VerifyReport {
  redactJson(report, redact); // a report nests 4 levels, far below MAX_JSON_DEPTH
  return report;
}

async function checkOne(
  client: v1.SmsClient | v3.SmsClient,
  facts: typeof v1.V1 | typeof v3.V3,
  contract: NonNullable<ReturnType<ReturnType<typeof createContractValidator>['operation']>>,
  serverId: string,
): Promise<CheckResult> {
  const base = { version: contract.version, serverId, commandChecked: false };
  let call: Awaited<ReturnType<typeof rawAnswer>>;
  try {
    call = await rawAnswer(client, facts, serverId);
  } catch (error) {
    if (error instanceof SmsRedirectError) {
      return {
        ...base,
        status: error.status,
        outcome: 'drift',
        findings: [
          {
            kind: 'drift',
            path: '$',
            rule: 'status',
            message: `${error.status} is not a documented status: ${error.message}`,
          },
        ],
      };
    }
    const reason = isSmsError(error) ? `${error.code}: ${error.message}` : String(error);
    const errorCode = isSmsError(error) ? error.cause?.code : undefined;
    return { ...base, outcome: 'unchecked', findings: [], reason, ...(errorCode ? { errorCode } : {}) };
  }
  const { answer, ctx } = call;
  const requestId = answer.headers.get('x-request-id') ?? undefined;
  const head = { ...base, status: answer.status, ...(requestId ? { requestId } : {}) };
  if (answer.status === 401 || answer.status === 403) {
    let reason = `HTTP ${answer.status}`;
    try {
      interpret(ctx, answer);
    } catch (error) {
      if (error instanceof SmsApiError) reason = `the service refused the credentials: ${error.message}`;
    }
    return { ...head, outcome: 'unchecked', findings: [], reason };
  }
  const checked = answerFindings(contract, answer, ctx.redact);
  return {
    ...head,
    outcome: outcomeOf(checked.findings),
    findings: checked.findings,
    commandChecked: checked.bodyChecked && answer.status === 200,
  };
}
