// sms-command-contract/v3: the typed client for GET /v3/sources/{server_id}/command (ShowCommand)
// and POST /v3/sources/{server_id}/command_result (UpdateCommandResult).
import {
  commandNameValues,
  commandResultValueValues,
  type components,
  type operations,
  type paths,
} from '../generated/v3.js';
import type { CallOptions, SmsClientOptions } from './client/options.js';
import { poll, type PollOptions } from './client/poll.js';
import type { KnownCommandOf, UnknownCommandOf } from './client/read-command.js';
import { createVersionClient, type VersionedClient } from './client/factory.js';
import { type ReportFacts, resultReporter } from './client/report.js';
import type { ReportAnswer } from './client/answer.js';
import { commandReader, type VersionFacts } from './client/show-command.js';

export type { paths, components, operations };
export * from './client/public.js';

/** The documented command values (the union of every revision's list). */
export type CommandName = components['schemas']['CommandName'];
export type CommandParam = components['schemas']['CommandParam'];
/** The 200 body as the spec describes it. */
export type CommandBody = components['schemas']['Command'];
/** The body of a 400, 401, 404 or 500 answer. */
export type ErrorBody = components['schemas']['ErrorBody'];
/** The body of a 403 answer. */
export type ForbiddenErrorBody = components['schemas']['ForbiddenErrorBody'];
export type ErrorDetail = components['schemas']['ErrorDetail'];

/**
 * Each documented command's `param`, by name. The spec gives every command the one CommandParam, each
 * key optional (no page ties a key to a command), so each name maps to it; narrowing on `name` gives it.
 */
export type CommandParams = { [Name in CommandName]: CommandParam };
/** A command whose name is documented: one member per name, so checking `name` narrows `param` and `raw`. */
export type KnownCommand = KnownCommandOf<CommandParams, CommandBody>;
export type UnknownCommand = UnknownCommandOf<CommandParam>;
/** What `showCommand` resolves to: narrow on `known`, then on `name`. */
export type Command = KnownCommand | UnknownCommand;

/** Every documented key of CommandParam: the compiler refuses a list that misses one. */
const PARAM_KEYS = ['task_id', 'bucket'] as const satisfies ReadonlyArray<keyof CommandParam>;
const _everyParamKey: Exclude<keyof CommandParam, (typeof PARAM_KEYS)[number]> extends never ? true : never = true;

/** What the client knows of v3, each fact stated once (test/contract/spec-facts.test.ts holds them to the spec). */
export const V3 = {
  path: '/v3/sources/{server_id}/command' satisfies keyof paths,
  idParam: 'server_id' satisfies keyof operations['ShowCommand']['parameters']['path'],
  idMaxLength: 36,
  commandNames: commandNameValues,
  paramKeys: PARAM_KEYS,
} as const satisfies VersionFacts<CommandName>;

/** What the client knows of v3's UpdateCommandResult, each fact stated once (held to the spec by test/contract/spec-facts.test.ts). */
export const V3_REPORT = {
  path: '/v3/sources/{server_id}/command_result' satisfies keyof paths,
  idParam: 'server_id' satisfies keyof operations['UpdateCommandResult']['parameters']['path'],
  idMaxLength: 36,
  commandNameMaxLength: 255,
  results: commandResultValueValues,
  maxBodyBytes: 10240,
} as const satisfies ReportFacts<CommandResultValue>;

/** A report's `result`: `success` or `fail`. */
export type CommandResultValue = components['schemas']['CommandResultValue'];
/** What the Agent reports: `command_name` (open: the known values are START, STOP, DELETE, SYNC, UPLOAD_LOG, RSET_LOG_ACL), `result`, `result_detail`. */
export type CommandResult = components['schemas']['CommandResult'];

export const COMMAND_NAMES: ReadonlyArray<CommandName> = commandNameValues;
export const SERVER_ID_MAX_LENGTH = V3.idMaxLength;

/** An openapi-fetch client typed by the v3 paths (branded v3: a client of the other version is refused). */
export type SmsClient = VersionedClient<paths, 'v3'>;

/** An openapi-fetch client typed by the v3 paths, with auth, a default timeout and typed errors. */
export function createSmsClient(options: SmsClientOptions): SmsClient {
  return createVersionClient<paths>(options) as SmsClient;
}

const readV3 = commandReader<CommandParams, CommandBody>(V3);

/**
 * Fetches the command for the Agent on `serverId`. Resolves to a `Command`; a value outside the
 * documented set comes back as `{ known: false }`, never as an error. Rejects with an `SmsError`
 * (`SmsApiError` for non-2xx answers); never throws synchronously. Never retries: see `pollCommands`.
 */
export function showCommand(client: SmsClient, serverId: string, options?: CallOptions): Promise<Command> {
  return readV3(client, serverId, options);
}

/**
 * The Agent's loop: yields each command, `intervalMs` apart; waits out 429, 5xx, NETWORK and
 * TIMEOUT with jittered backoff (honouring `Retry-After`); ends when `signal` aborts; throws
 * anything else (401, 403, INVALID_INPUT, ...).
 */
export function pollCommands(
  client: SmsClient,
  serverId: string,
  options?: PollOptions,
): AsyncGenerator<Command, void, undefined> {
  return poll((signal) => showCommand(client, serverId, signal ? { signal } : undefined), options);
}

const reportV3 = /* @__PURE__ */ resultReporter<CommandResultValue>(V3_REPORT);

/**
 * Reports the result of a command to SMS (UpdateCommandResult): `{ command_name, result:
 * 'success' | 'fail', result_detail: {…} }`. Resolves on any 2xx to its `{ status, requestId, body }`
 * (X-Request-Id to log beside the report; the body is a string, not to be relied on); rejects with an `SmsError`
 * (`INVALID_INPUT` before any request for a bad id or report; `SmsApiError` for a 4xx or 5xx, such
 * as `400 SMS.2009` for a report of another command than the one SMS sent). Sent exactly once:
 * nothing says a report is idempotent, so it is never retried, here or by `pollCommands`.
 */
export function reportCommandResult(
  client: SmsClient,
  serverId: string,
  report: CommandResult,
  options?: CallOptions,
): Promise<ReportAnswer> {
  return reportV3(client, serverId, report, options);
}
