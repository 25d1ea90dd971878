// showCommand for a version: the id checked, the request sent by the client's route (direct, or
// through openapi-fetch when the caller has middleware), the command read tolerantly. Also the raw
// GET that sms-command-verify checks against the contract itself.
import type { Client } from 'openapi-fetch';
import { invalid } from '../errors/sms-error.js';
import { interpret } from './answer.js';
import type { RequestContext } from './context.js';
import { type ClientState, clientState } from './factory.js';
import { asSmsError } from './failure.js';
import type { CallOptions } from './options.js';
import { checkId, type KnownCommandOf, readCommand, type UnknownCommandOf } from './read-command.js';
import { type BoundedAnswer, exchange } from './transport.js';

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

/** Splits a path template around its one parameter, once per version. */
export function pathParts(facts: Pick<VersionFacts<string>, 'path' | 'idParam'>): [prefix: string, suffix: string] {
  const marker = `{${facts.idParam}}`;
  const at = facts.path.indexOf(marker);
  if (at < 0) throw new Error(`${facts.path} has no ${marker}`);
  return [facts.path.slice(0, at), facts.path.slice(at + marker.length)];
}

/** The fast route's GET of a version's path for `id`: the URL built from the split template, the client's own headers. */
const getDirect = (
  ctx: RequestContext,
  [prefix, suffix]: [string, string],
  id: string,
  signal: AbortSignal | undefined,
) => exchange(ctx, 'GET', ctx.baseUrl + prefix + encodeURIComponent(id) + suffix, ctx.headers, signal);

/** showCommand for a version: checks the id, sends by the client's route, reads the command tolerantly. */
export function commandReader<Params extends Record<string, object>, Raw>(facts: VersionFacts<keyof Params & string>) {
  const parts = pathParts(facts);
  type Result = KnownCommandOf<Params, Raw> | UnknownCommandOf<Params[keyof Params]>;
  const read = (body: unknown): Result => readCommand<Params, Raw>(body, facts.commandNames, facts.paramKeys);

  async function routed(
    client: Client<any, any>,
    state: ClientState,
    id: string,
    signal: AbortSignal | undefined,
  ): Promise<Result> {
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await client.GET(facts.path, {
        params: { path: { [facts.idParam]: id } },
        parseAs: 'text',
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw asSmsError(error, state.ctx);
    }
    // A Response that middleware made itself never went through exchange: read what openapi-fetch read.
    const answer = state.answers.get(result.response) ?? answerOf(result);
    return read(interpret(state.ctx, answer));
  }

  return (client: Client<any, any>, id: string, call: CallOptions | undefined): Promise<Result> => {
    try {
      checkId(id, facts.idParam, facts.idMaxLength);
    } catch (error) {
      return Promise.reject(error);
    }
    const state = clientState(client);
    if (!state) return Promise.reject(invalid('showCommand needs a client made by createSmsClient'));
    if (!state.direct) return routed(client, state, id, call?.signal);
    const { ctx } = state;
    return getDirect(ctx, parts, id, call?.signal).then((answer) => read(interpret(ctx, answer)));
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
  const { ctx } = state;
  return { answer: await getDirect(ctx, pathParts(facts), id, signal), ctx };
}

/** What openapi-fetch read of a Response that middleware made itself, as a BoundedAnswer. */
function answerOf(result: { data?: unknown; error?: unknown; response: Response }): BoundedAnswer {
  const { response } = result;
  const value = response.ok ? result.data : result.error;
  let text: string;
  try {
    text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    text = '';
  }
  return { status: response.status, statusText: response.statusText, headers: response.headers, text };
}
