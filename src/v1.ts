// sms-command-contract/v1: the typed client for GET /v1/sms/sources/{source_id}/command and
// POST /v1/sms/sources/{source_id}/command_result.
import {
  commandNameValues,
  commandResultResultValues,
  type components,
  type operations,
  type paths,
} from '../generated/v1.js';
import type { CallOptions, SmsClientOptions } from './client/options.js';
import { poll, type PollOptions } from './client/poll.js';
import type { KnownCommandOf, UnknownCommandOf } from './client/read-command.js';
import { createVersionClient, type VersionedClient } from './client/factory.js';
import { type ReportFacts, resultReporter } from './client/report.js';
import type { ReportAnswer } from './client/answer.js';
import { commandReader, type VersionFacts } from './client/show-command.js';

export type { paths, components, operations };
export * from './client/public.js';

/** The documented command values: the page's table plus UPLOAD_LOG from its examples. */
export type CommandName = components['schemas']['CommandName'];
/** A free-form object; `task_id`, `bucket` and `object` are the keys the page shows. */
export type CommandParam = components['schemas']['CommandParam'];
export type CommandBody = components['schemas']['Command'];
export type ErrorBody = components['schemas']['ErrorBody'];

/**
 * Each documented command's `param`, by name. The spec gives every command the one CommandParam, each
 * key optional (no page ties a key to a command), so each name maps to it; narrowing on `name` gives it.
 */
export type CommandParams = { [Name in CommandName]: CommandParam };
/** A command whose name is documented: one member per name, so checking `name` narrows `param` and `raw`. */
export type KnownCommand = KnownCommandOf<CommandParams, CommandBody>;
export type UnknownCommand = UnknownCommandOf<CommandParam>;
export type Command = KnownCommand | UnknownCommand;

/**
 * What the client knows of v1, each fact stated once (test/contract/spec-facts.test.ts holds them to the
 * spec: CommandParam is free-form, so the compiler cannot list its declared keys).
 */
export const V1 = {
  path: '/v1/sms/sources/{source_id}/command' satisfies keyof paths,
  idParam: 'source_id' satisfies keyof operations['ShowCommandV1']['parameters']['path'],
  idMaxLength: undefined,
  commandNames: commandNameValues,
  paramKeys: ['task_id', 'bucket', 'object'] as const satisfies ReadonlyArray<keyof CommandParam>,
} as const satisfies VersionFacts<CommandName>;

/** What the client knows of v1's UpdateCommandResultV1, each fact stated once (held to the spec by test/contract/spec-facts.test.ts). */
export const V1_REPORT = {
  path: '/v1/sms/sources/{source_id}/command_result' satisfies keyof paths,
  idParam: 'source_id' satisfies keyof operations['UpdateCommandResultV1']['parameters']['path'],
  idMaxLength: undefined,
  commandNameMaxLength: undefined,
  results: commandResultResultValues,
  maxBodyBytes: 10240,
} as const satisfies ReportFacts<CommandResultValue>;

/** A report's `result`: `success` or `fail`. */
export type CommandResultValue = components['schemas']['CommandResult']['result'];
/** What the Agent reports: `command_name`, `result`, `result_detail`. */
export type CommandResult = components['schemas']['CommandResult'];

export const COMMAND_NAMES: ReadonlyArray<CommandName> = commandNameValues;

/** An openapi-fetch client typed by the v1 paths (branded v1: a client of the other version is refused). */
export type SmsClient = VersionedClient<paths, 'v1'>;

/** An openapi-fetch client typed by the v1 paths, with auth, a default timeout and typed errors. */
export function createSmsClient(options: SmsClientOptions): SmsClient {
  return createVersionClient<paths>(options) as SmsClient;
}

const readV1 = commandReader<CommandParams, CommandBody>(V1);

/** Fetches the v1 command for the Agent on `sourceId`; see the v3 `showCommand`. */
export function showCommand(client: SmsClient, sourceId: string, options?: CallOptions): Promise<Command> {
  return readV1(client, sourceId, options);
}

/** The Agent's loop on v1; see the v3 `pollCommands`. */
export function pollCommands(
  client: SmsClient,
  sourceId: string,
  options?: PollOptions,
): AsyncGenerator<Command, void, undefined> {
  return poll((signal) => showCommand(client, sourceId, signal ? { signal } : undefined), options);
}

const reportV1 = /* @__PURE__ */ resultReporter<CommandResultValue>(V1_REPORT);

/** Reports a command's result on v1 (resolves to `{ status, requestId, body }`; the page documents no answer body); see the v3 `reportCommandResult`. */
export function reportCommandResult(
  client: SmsClient,
  sourceId: string,
  report: CommandResult,
  options?: CallOptions,
): Promise<ReportAnswer> {
  return reportV1(client, sourceId, report, options);
}
