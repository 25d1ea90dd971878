// What a version of the API is to the client (its path, id rule, command names and param keys) and
// the client built from it. v1.ts and v3.ts each state their facts once and call these.
import createClient, { type Client, defaultPathSerializer, mergeHeaders, type Middleware, type PathSerializer } from 'openapi-fetch';
import { createAuthenticator } from './auth.js';
import { checkPositive, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, invalid, resolveBaseUrl, type CallOptions, type SmsClientOptions } from './options.js';
import { checkId, type KnownCommandOf, readCommand, type UnknownCommandOf } from './read-command.js';
import { createRedactor } from './redact.js';
import { type Answer, asSmsError, exchange, interpret, type RequestContext } from './request.js';

declare const apiVersion: unique symbol;
/**
 * An openapi-fetch client of one API version, branded with it (type only: nothing at runtime), so a
 * v1 client is refused where a v3 one is wanted under every TypeScript version (TypeScript 7 finds
 * the two openapi-fetch client types assignable to each other).
 */
export type VersionedClient<Paths extends {}, Version extends string> = Client<Paths, 'application/json'> & { readonly [apiVersion]?: Version };

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

interface ClientState {
  ctx: RequestContext;
  /**
   * showCommand calls fetch itself, without openapi-fetch's Request and middleware machinery, until
   * the caller registers middleware or sets options only openapi-fetch knows (bench row
   * "showCommand CPU/call": 1.06x bare fetch, where openapi-fetch's client.GET costs 1.32x).
   */
  direct: boolean;
  /** The answer behind each Response the routed fetch handed openapi-fetch. */
  answers: WeakMap<Response, Answer>;
}
const clients = new WeakMap<object, ClientState>();

/**
 * Path parameters are encoded by openapi-fetch; '.', '..' and '' would still leave their segment, and
 * a lone surrogate has no encoding (encodeURIComponent throws a URIError). Checked by checkId twice
 * for the raw client.GET: in the serializer, before the URL is built, and in a middleware, which
 * also sees a request whose caller gave a pathSerializer of its own for that request.
 */
const checkPathParams = (params: Record<string, unknown> | undefined) => {
  for (const [name, value] of Object.entries(params ?? {})) checkId(String(value), `path parameter ${name}`);
};
const pathGuard: Middleware = { onRequest: ({ params }) => checkPathParams(params.path) };
const guardedPaths = (serializer: PathSerializer = defaultPathSerializer): PathSerializer => (pathname, params) => {
  checkPathParams(params);
  return serializer(pathname, params);
};

/** An openapi-fetch client for one version's paths whose every request goes through `exchange`. */
export function createVersionClient<Paths extends {}>(options: SmsClientOptions): Client<Paths, 'application/json'> {
  const { endpoint: _e, region: _r, auth, timeoutMs = DEFAULT_TIMEOUT_MS, maxBodyBytes = DEFAULT_MAX_BODY_BYTES, ...clientOptions } = options ?? {};
  const baseUrl = resolveBaseUrl(options ?? {});
  const authenticator = createAuthenticator(auth);
  checkPositive(timeoutMs, 'timeoutMs', 'milliseconds');
  checkPositive(maxBodyBytes, 'maxBodyBytes', 'bytes');
  const { fetch, headers, Request: customRequest, querySerializer, bodySerializer, pathSerializer, requestInitExt, ...init } = clientOptions;
  const own = Object.fromEntries(mergeHeaders(headers));
  const ctx: RequestContext = {
    baseUrl,
    origin: new URL(baseUrl).origin,
    headers: own,
    authedHeaders: { ...own, ...authenticator?.fixed },
    init,
    fetch,
    auth: authenticator,
    timeoutMs,
    maxBodyBytes,
    redact: createRedactor(authenticator?.secrets ?? []),
  };
  const state: ClientState = { ctx, direct: !customRequest && !querySerializer && !bodySerializer && !pathSerializer && !requestInitExt, answers: new WeakMap() };
  const routedFetch = async (request: Request) => {
    const answer = await exchange(ctx, request.method, request.url, new Headers(request.headers), request.signal);
    const empty = answer.text === undefined || answer.text === '' || answer.status === 204 || answer.status === 205;
    const response = new Response(empty ? null : answer.text, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
    state.answers.set(response, answer);
    return response;
  };
  const client = createClient<Paths, 'application/json'>({ ...clientOptions, baseUrl, fetch: routedFetch, pathSerializer: guardedPaths(pathSerializer) });
  client.use(pathGuard);
  clients.set(client, state);
  const use = client.use.bind(client);
  client.use = (...middleware) => {
    state.direct = false;
    use(...middleware);
  };
  return client;
}

/** The route a call takes, for tests and the curious: 'direct' unless middleware or options need openapi-fetch. */
export function routeOf(client: object): 'direct' | 'openapi-fetch' | undefined {
  const state = clients.get(client);
  return state && (state.direct ? 'direct' : 'openapi-fetch');
}

/** Splits a path template around its one parameter, once per version. */
export function pathParts(facts: VersionFacts<string>): [prefix: string, suffix: string] {
  const marker = `{${facts.idParam}}`;
  const at = facts.path.indexOf(marker);
  if (at < 0) throw new Error(`${facts.path} has no ${marker}`);
  return [facts.path.slice(0, at), facts.path.slice(at + marker.length)];
}

/** The fast route's GET of a version's path for `id`: the URL built from the split template, the client's own headers. */
const getDirect = (ctx: RequestContext, [prefix, suffix]: [string, string], id: string, signal: AbortSignal | undefined) =>
  exchange(ctx, 'GET', ctx.baseUrl + prefix + encodeURIComponent(id) + suffix, ctx.headers, signal);

/** showCommand for a version: checks the id, sends by the client's route, reads the command tolerantly. */
export function commandReader<Name extends string, Param, Raw>(facts: VersionFacts<Name>) {
  const parts = pathParts(facts);
  type Result = KnownCommandOf<Name, Param, Raw> | UnknownCommandOf<Param>;
  const read = (body: unknown): Result => readCommand<Name, Param, Raw>(body, facts.commandNames, facts.paramKeys);

  async function routed(client: Client<any, any>, state: ClientState, id: string, signal: AbortSignal | undefined): Promise<Result> {
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await client.GET(facts.path, { params: { path: { [facts.idParam]: id } }, parseAs: 'text', ...(signal ? { signal } : {}) });
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
    const state = clients.get(client);
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
export async function rawAnswer(client: object, facts: VersionFacts<string>, id: string, signal?: AbortSignal): Promise<{ answer: Answer; ctx: RequestContext }> {
  checkId(id, facts.idParam, facts.idMaxLength);
  const state = clients.get(client);
  if (!state) throw invalid('a client made by createSmsClient is needed');
  const { ctx } = state;
  return { answer: await getDirect(ctx, pathParts(facts), id, signal), ctx };
}

function answerOf(result: { data?: unknown; error?: unknown; response: Response }): Answer {
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

