// A recording mock's start: its options checked (each problem naming its option), the upstream's
// credentials read, the upstream reached once, the empty recording written; then the forwarder the
// pipeline hands every API request that passed the mock's own checks.
import { createAuthenticator, type SmsAuth } from '../../client/auth.js';
import type { ContractValidator } from '../../contract/validator.js';
import { isSmsError } from '../../errors/guards.js';
import type { MockAuth } from '../auth/verifier.js';
import { secretsOf, upstreamAuthFrom } from './credentials.js';
import { createForwarder, type Forward, RECORD_TIMEOUT_MS } from './proxy.js';
import { checkUpstream, probeUpstream, RecordStartError } from './upstream.js';
import { RecordingWriter } from './writer.js';

/** `startMock({ record })`: forward every API request to `upstream` and record its answers in `to`. */
export interface RecordOptions {
  /** The upstream's base URL (a staging endpoint): http(s), no user:password@. */
  upstream: string;
  /** The recording: a scenario file, JSON (`.json`), that `--scenario` replays. */
  to: string;
  /** Replace each server id with a stable alias (`server-1`, …) in the recording's paths and bodies. Default false. */
  aliasIds?: boolean;
  /**
   * The upstream's credentials. Default: the environment, as Huawei Cloud's SDKs read it
   * (HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_DOMAIN_ID, HUAWEICLOUD_SDK_SECURITY_TOKEN),
   * or SMS_UPSTREAM_TOKEN.
   */
  auth?: SmsAuth;
  /** How long the upstream has to answer one request. Default RECORD_TIMEOUT_MS (30 s). */
  timeoutMs?: number;
}

/** The secrets the mock itself was given (its tokens, its pairs' SKs): never in a recording either. */
const mockSecrets = (auth: MockAuth | undefined): string[] =>
  auth ? [...(auth.tokens ?? []), ...(auth.credentials ?? []).map((c) => c.sk)] : [];

function checkedAuth(record: RecordOptions): SmsAuth {
  const auth = record.auth ?? upstreamAuthFrom(process.env);
  if ('problem' in auth) throw new RecordStartError('credentials', `missing: ${auth.problem}`);
  try {
    createAuthenticator(auth);
  } catch (error) {
    if (isSmsError(error)) throw new RecordStartError('credentials', `are refused: ${error.message}`);
    throw error;
  }
  return auth;
}

/** Checks the options, reaches the upstream, writes the empty recording; the forwarder, or a RecordStartError. */
export async function startRecording(
  record: RecordOptions,
  context: {
    validator: ContractValidator;
    mockAuth: MockAuth | undefined;
    closing: AbortSignal;
    log: (line: string) => void;
  },
): Promise<Forward> {
  if (!record || typeof record !== 'object')
    throw new RecordStartError('upstream', 'is missing: record takes { upstream, to }');
  const base = checkUpstream(record.upstream);
  if (typeof record.to !== 'string' || !/\.json$/i.test(record.to))
    throw new RecordStartError(
      'to',
      `must name a .json file (the recording is JSON, and --scenario reads a .json file as JSON): ${JSON.stringify(String(record.to))}`,
    );
  const { aliasIds = false, timeoutMs = RECORD_TIMEOUT_MS } = record;
  if (typeof aliasIds !== 'boolean') throw new RecordStartError('aliasIds', 'must be true or false');
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000)
    throw new RecordStartError('upstream', `timeoutMs must be an integer from 1 to 600000, not ${String(timeoutMs)}`);
  const auth = checkedAuth(record);
  await probeUpstream(base);
  const writer = new RecordingWriter({
    file: record.to,
    aliasIds,
    secrets: [...secretsOf(auth), ...mockSecrets(context.mockAuth)],
  });
  writer.start();
  return createForwarder({
    base,
    auth,
    timeoutMs,
    writer,
    operation: (route) => context.validator.operation(route.version, route.method),
    closing: context.closing,
    log: context.log,
  });
}
