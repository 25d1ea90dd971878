// showCommand for a version: the id checked, the request sent by the client's route (route.ts), the
// command read tolerantly. Also the raw GET that sms-command-verify checks against the contract itself.
import type { Client } from 'openapi-fetch';
import { invalid } from '../errors/sms-error.js';
import { interpret } from './answer.js';
import type { RequestContext } from './context.js';
import { clientState } from './factory.js';
import type { CallOptions } from './options.js';
import { checkId } from './id.js';
import { type KnownCommandOf, readCommand, type UnknownCommandOf } from './read-command.js';
import { operation, send, sendDirect } from './route.js';
import type { BoundedAnswer } from './transport.js';

/** What a version of the API is to the client; v1.ts and v3.ts each state their facts once. */
export interface VersionFacts<Name extends string> {
  /** The path template as the spec writes it, such as `/v3/sources/{server_id}/command`. */
  path: string;
  /** The path parameter, such as `server_id`. */
  idParam: string;
  /** The id's maxLength in the spec, if it has one. */
  idMaxLength: number | undefined;
  /** The documented `command_name` values (from generated/). */
  commandNames: ReadonlyArray<Name>;
  /** The documented string properties of `command_param`. */
  paramKeys: ReadonlyArray<string>;
}

/** showCommand for a version: checks the id, sends by the client's route (route.ts), reads the command tolerantly. */
export function commandReader<Params extends Record<string, object>, Raw>(facts: VersionFacts<keyof Params & string>) {
  const op = operation('GET', facts);
  type Result = KnownCommandOf<Params, Raw> | UnknownCommandOf<Params[keyof Params]>;
  return (client: Client<any, any>, id: string, call: CallOptions | undefined): Promise<Result> => {
    try {
      checkId(id, facts.idParam, facts.idMaxLength);
    } catch (error) {
      return Promise.reject(error);
    }
    const state = clientState(client);
    if (!state) return Promise.reject(invalid('showCommand needs a client made by createSmsClient'));
    return send(client, state, { op, id, signal: call?.signal }).then((answer) =>
      readCommand<Params, Raw>(interpret(state.ctx, answer), facts.commandNames, facts.paramKeys),
    );
  };
}

/**
 * One GET of a version's path for `id` by the client's own request path (auth, limits, redirect
 * refusal), returning the answer as received rather than read as a command: sms-command-verify
 * checks it against the contract itself.
 */
export async function rawAnswer(
  client: object,
  facts: VersionFacts<string>,
  id: string,
  signal?: AbortSignal,
): Promise<{ answer: BoundedAnswer; ctx: RequestContext }> {
  checkId(id, facts.idParam, facts.idMaxLength);
  const state = clientState(client);
  if (!state) throw invalid('a client made by createSmsClient is needed');
  return { answer: await sendDirect(state, { op: operation('GET', facts), id, signal }), ctx: state.ctx };
}
