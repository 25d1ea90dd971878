// The client factory: an openapi-fetch client of one version's paths whose every request goes
// through `exchange`, and the state route.ts reads to choose a call's route.
import createClient, {
  type Client,
  defaultPathSerializer,
  mergeHeaders,
  type Middleware,
  type PathSerializer,
} from 'openapi-fetch';
import { createAuthenticator } from './auth.js';
import type { RequestContext } from './context.js';
import { checkPositive, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, resolveBaseUrl } from './options.js';
import type { SmsClientOptions } from './options.js';
import { checkId } from './id.js';
import { createRedactor } from './redact.js';
import { type BoundedAnswer, exchange } from './transport.js';

declare const apiVersion: unique symbol;
/**
 * An openapi-fetch client of one API version, branded with it (type only: nothing at runtime), so a
 * v1 client is refused where a v3 one is wanted under every TypeScript version (TypeScript 7 finds
 * the two openapi-fetch client types assignable to each other).
 */
export type VersionedClient<Paths extends {}, Version extends string> = Client<Paths, 'application/json'> & {
  readonly [apiVersion]?: Version;
};

export interface ClientState {
  ctx: RequestContext;
  /**
   * showCommand and reportCommandResult call fetch themselves (route.ts), without openapi-fetch's
   * Request and middleware machinery, while the caller has no middleware registered (use minus eject)
   * and set no option only openapi-fetch knows (bench row "showCommand CPU/call": 1.06x bare fetch, where openapi-fetch's client.GET costs
   * 1.32x).
   */
  direct: boolean;
  /** The answer behind each Response the routed fetch handed openapi-fetch. */
  answers: WeakMap<Response, BoundedAnswer>;
}
const clients = new WeakMap<object, ClientState>();

/** The state of a client made by createVersionClient; undefined for any other object. */
export const clientState = (client: object): ClientState | undefined => clients.get(client);

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
const guardedPaths =
  (serializer: PathSerializer = defaultPathSerializer): PathSerializer =>
  (pathname, params) => {
    checkPathParams(params);
    return serializer(pathname, params);
  };

/** An openapi-fetch client for one version's paths whose every request goes through `exchange`. */
export function createVersionClient<Paths extends {}>(options: SmsClientOptions): Client<Paths, 'application/json'> {
  const {
    endpoint: _e,
    region: _r,
    auth,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
    ...clientOptions
  } = options ?? {};
  const baseUrl = resolveBaseUrl(options ?? {});
  const authenticator = createAuthenticator(auth);
  checkPositive(timeoutMs, 'timeoutMs', 'milliseconds');
  checkPositive(maxBodyBytes, 'maxBodyBytes', 'bytes');
  const {
    fetch,
    headers,
    Request: customRequest,
    querySerializer,
    bodySerializer,
    pathSerializer,
    requestInitExt,
    ...init
  } = clientOptions;
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
  const plainOptions = !customRequest && !querySerializer && !bodySerializer && !pathSerializer && !requestInitExt;
  const state: ClientState = { ctx, direct: plainOptions, answers: new WeakMap() };
  const routedFetch = async (request: Request) => {
    // A report's JSON body, read back from the Request openapi-fetch built, to be sent and signed as it is.
    const body = request.body === null ? undefined : await request.text();
    const answer = await exchange(ctx, request.method, request.url, new Headers(request.headers), request.signal, body);
    const empty = answer.text === undefined || answer.text === '' || answer.status === 204 || answer.status === 205;
    const response = new Response(empty ? null : answer.text, {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    });
    state.answers.set(response, answer);
    return response;
  };
  const client = createClient<Paths, 'application/json'>({
    ...clientOptions,
    baseUrl,
    fetch: routedFetch,
    pathSerializer: guardedPaths(pathSerializer),
  });
  client.use(pathGuard);
  clients.set(client, state);
  trackMiddleware(client, state, plainOptions);
  return client;
}

/**
 * Keeps `state.direct` true exactly while the caller has no middleware: `use` and `eject` are wrapped
 * to mirror openapi-fetch's own list (a falsy entry skipped, an invalid one thrown by openapi-fetch
 * before it counts, `eject` removing the first registration of each), so a client whose last
 * middleware is ejected is back on the direct route.
 */
function trackMiddleware(client: Client<any, any>, state: ClientState, plainOptions: boolean) {
  const registered: Middleware[] = [];
  const use = client.use.bind(client);
  const eject = client.eject.bind(client);
  // One at a time, so that when openapi-fetch throws on an invalid entry, the ones before it (which
  // it kept) are counted too.
  client.use = (...middleware) => {
    try {
      for (const m of middleware) {
        use(m);
        if (m) registered.push(m);
      }
    } finally {
      state.direct = plainOptions && registered.length === 0;
    }
  };
  client.eject = (...middleware) => {
    for (const m of middleware) {
      eject(m);
      const at = registered.indexOf(m);
      if (at !== -1) registered.splice(at, 1);
    }
    state.direct = plainOptions && registered.length === 0;
  };
}

/** The route a call takes, for tests and the curious: 'direct' unless middleware or options need openapi-fetch. */
export function routeTaken(client: object): 'direct' | 'openapi-fetch' | undefined {
  const state = clients.get(client);
  return state && (state.direct ? 'direct' : 'openapi-fetch');
}
