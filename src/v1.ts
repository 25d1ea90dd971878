// sms-command-contract/v1: the typed client for GET /v1/sms/sources/{source_id}/command.
import type { Client } from 'openapi-fetch';
import { commandNameValues, type components, type operations, type paths } from '../generated/v1.js';
import { type CallOptions, checkId, createVersionClient, getJson, type KnownCommandOf, readCommand, type SmsClientOptions, type UnknownCommandOf } from './client.js';

export type { paths, components, operations };
export type { AkSkAuth, CallOptions, SmsAuth, SmsClientOptions, SmsRegion, TokenAuth } from './client.js';
export { DEFAULT_TIMEOUT_MS, SMS_REGIONS } from './client.js';
export { SmsApiError, SmsError, type SmsErrorCode } from './errors.js';

/** The documented command values: the page's table plus UPLOAD_LOG from its examples. */
export type CommandName = components['schemas']['CommandName'];
/** A free-form object; `task_id`, `bucket` and `object` are the keys the page shows. */
export type CommandParam = components['schemas']['CommandParam'];
export type CommandBody = components['schemas']['Command'];
export type ErrorBody = components['schemas']['ErrorBody'];

export type KnownCommand = KnownCommandOf<CommandName, CommandParam, CommandBody>;
export type UnknownCommand = UnknownCommandOf<CommandParam>;
export type Command = KnownCommand | UnknownCommand;

export const COMMAND_NAMES: ReadonlyArray<CommandName> = commandNameValues;

export type SmsClient = Client<paths, 'application/json'>;

/** An openapi-fetch client typed by the v1 paths, with auth, a default timeout and typed errors. */
export function createSmsClient(options: SmsClientOptions): SmsClient {
  return createVersionClient<paths>(options);
}

/** Fetches the v1 command for the Agent on `sourceId`; see the v3 `showCommand`. */
export async function showCommand(client: SmsClient, sourceId: string, options?: CallOptions): Promise<Command> {
  checkId(sourceId, 'source_id');
  const body = await getJson(client, `/v1/sms/sources/${encodeURIComponent(sourceId)}/command`, '/v1/sms/sources/{source_id}/command', { source_id: sourceId }, options);
  return readCommand<CommandName, CommandParam, CommandBody>(body, commandNameValues, ['task_id', 'bucket', 'object']);
}
