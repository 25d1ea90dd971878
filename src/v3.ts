// sms-command-contract/v3: the typed client for GET /v3/sources/{server_id}/command (ShowCommand).
import type { Client } from 'openapi-fetch';
import { commandNameValues, type components, type operations, type paths } from '../generated/v3.js';
import { type CallOptions, checkId, createVersionClient, getJson, type KnownCommandOf, readCommand, type SmsClientOptions, type UnknownCommandOf } from './client.js';

export type { paths, components, operations };
export type { AkSkAuth, CallOptions, SmsAuth, SmsClientOptions, SmsRegion, TokenAuth } from './client.js';
export { DEFAULT_TIMEOUT_MS, SMS_REGIONS } from './client.js';
export { SmsApiError, SmsError, type SmsErrorCode } from './errors.js';

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

export type KnownCommand = KnownCommandOf<CommandName, CommandParam, CommandBody>;
export type UnknownCommand = UnknownCommandOf<CommandParam>;
/** What `showCommand` resolves to: narrow on `known`, then on `name`. */
export type Command = KnownCommand | UnknownCommand;

export const COMMAND_NAMES: ReadonlyArray<CommandName> = commandNameValues;
export const SERVER_ID_MAX_LENGTH = 36;

export type SmsClient = Client<paths, 'application/json'>;

/** An openapi-fetch client typed by the v3 paths, with auth, a default timeout and typed errors. */
export function createSmsClient(options: SmsClientOptions): SmsClient {
  return createVersionClient<paths>(options);
}

/**
 * Fetches the command for the Agent on `serverId`. Resolves to a `Command`; a value outside the
 * documented set comes back as `{ known: false }`, never as an error. Rejects with an `SmsError`
 * (`SmsApiError` for non-2xx answers); never throws synchronously.
 */
export async function showCommand(client: SmsClient, serverId: string, options?: CallOptions): Promise<Command> {
  checkId(serverId, 'server_id', SERVER_ID_MAX_LENGTH);
  const body = await getJson(client, `/v3/sources/${encodeURIComponent(serverId)}/command`, '/v3/sources/{server_id}/command', { server_id: serverId }, options);
  return readCommand<CommandName, CommandParam, CommandBody>(body, commandNameValues, ['task_id', 'bucket']);
}
