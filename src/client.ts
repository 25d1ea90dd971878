// What the v1 and v3 clients share: options, auth, timeouts, typed errors, the tolerant reader.
import createClient, { type Client, type ClientOptions, mergeHeaders, type Middleware } from 'openapi-fetch';
import { SmsApiError, SmsError, type SmsErrorDetail } from './errors.js';
import { signSync } from './sign.js';

/** The documented endpoints (SMS is a global service; the SDK region table has these four). */
export const SMS_REGIONS = {
  'cn-north-4': 'https://sms.cn-north-4.myhuaweicloud.com',
  'ap-southeast-3': 'https://sms.ap-southeast-3.myhuaweicloud.com',
  'my-kualalumpur-1': 'https://sms.my-kualalumpur-1.myhuaweicloud.com',
  'ru-moscow-1': 'https://sms-api.ru-moscow-1.myhuaweicloud.com',
} as const;
export type SmsRegion = keyof typeof SMS_REGIONS;

export interface TokenAuth {
  /** An IAM user token (`X-Subject-Token` of IAM's "obtain user token"), sent as `X-Auth-Token`. */
  token: string;
}
export interface AkSkAuth {
  ak: string;
  sk: string;
  /** The account id, sent and signed as `X-Domain-Id` (SMS is a global service). */
  domainId?: string;
  /** The security token of temporary credentials, sent and signed as `X-Security-Token`. */
  securityToken?: string;
}
export type SmsAuth = TokenAuth | AkSkAuth;

export interface SmsClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Base URL, such as the mock's `http://127.0.0.1:4010`. Give this or `region`. */
  endpoint?: string;
  /** A documented region; see `SMS_REGIONS`. */
  region?: SmsRegion;
  /** Omit to send no credentials (the server answers 401). */
  auth?: SmsAuth;
  /** Per request, including reading the body. Default 30 s. */
  timeoutMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const TOKEN_MAX = 16384;
const CONTROL = /[\u0000-\u001f\u007f]/;
const REDACTED = '[REDACTED]';

interface Settings {
  /** Values that must never appear in an error: the token, the SK, the security token. */
  secrets: string[];
  baseUrl: string;
  /** The client's own headers, normalized once. */
  headers: Record<string, string>;
  /** RequestInit fields given with the options (credentials, mode, ...). */
  init: RequestInit;
  fetch: ((request: Request) => Promise<Response>) | undefined;
  auth: SmsAuth | undefined;
  timeoutMs: number;
  /**
   * showCommand calls fetch directly, without openapi-fetch's Request and middleware machinery,
   * until the caller registers middleware of their own or sets options only openapi-fetch knows.
   */
  direct: boolean;
}
const settings = new WeakMap<object, Settings>();

const invalid = (message: string) => new SmsError('INVALID_INPUT', message);

function checkSecretString(value: unknown, what: string, max = Infinity) {
  if (typeof value !== 'string' || value.length === 0) throw invalid(`auth.${what} must be a non-empty string`);
  if (value.length > max) throw invalid(`auth.${what} is ${value.length} characters long; at most ${max} are allowed`);
  if (CONTROL.test(value)) throw invalid(`auth.${what} contains control characters`);
}

function resolveBaseUrl(options: SmsClientOptions): string {
  const { endpoint, region } = options;
  if (endpoint !== undefined && region !== undefined) throw invalid('give either endpoint or region, not both');
  if (region !== undefined) {
    if (!Object.hasOwn(SMS_REGIONS, region)) {
      throw invalid(`unknown region ${JSON.stringify(String(region))}; known regions: ${Object.keys(SMS_REGIONS).join(', ')} (or pass endpoint)`);
    }
    return SMS_REGIONS[region];
  }
  if (typeof endpoint !== 'string') throw invalid('give endpoint (a base URL) or region');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid(`endpoint ${JSON.stringify(endpoint)} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`endpoint must be http(s), not ${url.protocol}`);
  return endpoint;
}

/** Validates auth; returns the secrets it holds. */
function checkAuth(auth: SmsAuth | undefined): string[] {
  if (auth === undefined) return [];
  if (typeof auth !== 'object' || auth === null) throw invalid('auth must be { token } or { ak, sk }');
  if ('token' in auth) {
    checkSecretString(auth.token, 'token', TOKEN_MAX);
    return [auth.token];
  }
  if (!('ak' in auth) && !('sk' in auth)) throw invalid('auth must be { token } or { ak, sk }');
  checkSecretString(auth.ak, 'ak');
  checkSecretString(auth.sk, 'sk');
  if (auth.domainId !== undefined) checkSecretString(auth.domainId, 'domainId');
  if (auth.securityToken !== undefined) checkSecretString(auth.securityToken, 'securityToken');
  return [auth.sk, ...(auth.securityToken ? [auth.securityToken] : [])];
}

/** The headers that authenticate one request: the token, or the AK/SK signature and its companions. */
function authHeaders(auth: SmsAuth, method: string, url: string): Record<string, string> {
  if ('token' in auth) return { 'X-Auth-Token': auth.token };
  const extra: Record<string, string> = {};
  if (auth.domainId) extra['X-Domain-Id'] = auth.domainId;
  if (auth.securityToken) extra['X-Security-Token'] = auth.securityToken;
  return Object.assign(extra, signSync({ method, url, headers: extra }, auth));
}

function authMiddleware(auth: SmsAuth): Middleware {
  return {
    onRequest: ({ request }) => {
      for (const [name, value] of Object.entries(authHeaders(auth, request.method, request.url))) request.headers.set(name, value);
    },
  };
}

/** Path parameters are encoded by openapi-fetch; '.', '..' and '' would still leave their segment. */
const pathGuard: Middleware = {
  onRequest: ({ params }) => {
    for (const [name, value] of Object.entries(params.path ?? {})) {
      const text = String(value);
      if (text === '' || text === '.' || text === '..') throw invalid(`path parameter ${name} must not be empty, "." or ".."`);
    }
  },
};

function timeoutMiddleware(timeoutMs: number, secrets: string[]): Middleware {
  return {
    onRequest: ({ request }) => new Request(request, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]) }),
    onError: ({ error, request }) => toSmsError(error, { timeoutMs, aborted: request.signal.aborted, secrets }),
  };
}

/** Builds an openapi-fetch client for one version's paths, with auth, timeouts and typed errors. */
export function createVersionClient<Paths extends {}>(options: SmsClientOptions): Client<Paths, 'application/json'> {
  const { endpoint: _endpoint, region: _region, auth, timeoutMs = DEFAULT_TIMEOUT_MS, ...clientOptions } = options ?? {};
  const baseUrl = resolveBaseUrl(options ?? {});
  const secrets = checkAuth(auth);
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw invalid('timeoutMs must be a positive, finite number of milliseconds');
  }
  const client = createClient<Paths, 'application/json'>({ ...clientOptions, baseUrl });
  client.use(pathGuard, ...(auth ? [authMiddleware(auth)] : []), timeoutMiddleware(timeoutMs, secrets));
  const { fetch, headers, Request: customRequest, querySerializer, bodySerializer, pathSerializer, requestInitExt, ...init } = clientOptions;
  const state: Settings = {
    secrets,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    // A token never changes: it joins the client's own headers once (AK/SK signs per request).
    headers: { ...Object.fromEntries(mergeHeaders(headers)), ...(auth && 'token' in auth ? { 'X-Auth-Token': auth.token } : {}) },
    init,
    fetch,
    auth,
    timeoutMs,
    direct: !customRequest && !querySerializer && !bodySerializer && !pathSerializer && !requestInitExt,
  };
  settings.set(client, state);
  const use = client.use.bind(client);
  client.use = (...middleware) => {
    state.direct = false;
    use(...middleware);
  };
  return client;
}

/** Replaces every secret, and any request signature, in a string. */
function scrub(text: string, secrets: string[]): string {
  let out = text.replace(/Signature=[0-9a-fA-F]+/g, `Signature=${REDACTED}`);
  for (const secret of secrets) if (secret) out = out.split(secret).join(REDACTED);
  return out;
}

function scrubDeep(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') return scrub(value, secrets);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k, secrets), scrubDeep(v, secrets)]));
  }
  return value;
}

/** Maps whatever fetch or openapi-fetch threw to an SmsError that holds no secret. */
function toSmsError(error: unknown, context: { timeoutMs?: number; aborted: boolean; secrets: string[] }): SmsError {
  if (error instanceof SmsError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : typeof error;
  if (name === 'TimeoutError') return new SmsError('TIMEOUT', `no answer within ${context.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`);
  if (context.aborted || name === 'AbortError') return new SmsError('ABORTED', 'the call was aborted by its signal');
  const message = error instanceof Error ? error.message : String(error);
  const causeCode = (error as { cause?: { code?: unknown } })?.cause?.code;
  const code = typeof causeCode === 'string' ? causeCode : undefined;
  const cause = { name, message: scrub(message, context.secrets), ...(code ? { code } : {}) };
  return new SmsError('NETWORK', `the request failed: ${cause.message}${code ? ` (${code})` : ''}`, { cause });
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

function apiError(response: Response, error: unknown, secrets: string[]): SmsApiError {
  const body = scrubDeep(error ?? '', secrets);
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const requestId = response.headers.get('x-request-id') ?? str(fields.request_id);
  return new SmsApiError({
    status: response.status,
    errorCode: str(fields.error_code),
    errorMsg: str(fields.error_msg),
    requestId: requestId ? scrub(requestId, secrets) : undefined,
    encodedAuthorizationMessage: str(fields.encoded_authorization_message),
    errorParam: Array.isArray(fields.error_param) ? fields.error_param.filter((p): p is string => typeof p === 'string') : undefined,
    details: Array.isArray(fields.details) ? (fields.details.filter((d) => d && typeof d === 'object') as SmsErrorDetail[]) : undefined,
    body,
  });
}

const badResponse = (message: string) => new SmsError('BAD_RESPONSE', message);

function describeJson(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

function parseBody(response: Response, text: string, secrets: string[]): unknown {
  if (!text.trim()) throw badResponse(`HTTP ${response.status} with an empty body; expected a JSON object`);
  try {
    return JSON.parse(text);
  } catch (error) {
    const start = scrub(text.slice(0, 60), secrets).replace(/\s+/g, ' ');
    throw badResponse(`HTTP ${response.status} body is not valid JSON (${(error as Error).message}); it starts: ${JSON.stringify(start)}`);
  }
}

function parseError(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Deadlines of the direct route's requests, swept by one shared interval rather than a timer per
 * request (setTimeout + clearTimeout per call was a measurable share of the client's CPU). A request
 * times out at most SWEEP_MS after its deadline.
 */
const SWEEP_MS = 25;
const deadlines = new Map<AbortController, [deadline: number, timeoutMs: number]>();
let sweeper: ReturnType<typeof setInterval> | undefined;

function sweep() {
  const now = Date.now();
  for (const [controller, [deadline, timeoutMs]] of deadlines) {
    if (deadline > now) continue;
    deadlines.delete(controller);
    controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
  }
  if (!deadlines.size) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
}

function watch(controller: AbortController, timeoutMs: number) {
  deadlines.set(controller, [Date.now() + timeoutMs, timeoutMs]);
  if (!sweeper) {
    sweeper = setInterval(sweep, SWEEP_MS);
    (sweeper as { unref?: () => void }).unref?.();
  }
}

/** The direct path: one fetch, no Request copies; the same errors as the openapi-fetch path. */
async function getDirect(s: Settings, path: string, signal: AbortSignal | undefined): Promise<unknown> {
  const url = s.baseUrl + path;
  const controller = new AbortController();
  watch(controller, s.timeoutMs);
  const onAbort = () => controller.abort(signal!.reason);
  if (signal) {
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  try {
    const headers = s.auth && !('token' in s.auth) ? { ...s.headers, ...authHeaders(s.auth, 'GET', url) } : s.headers;
    const init: RequestInit = { ...s.init, method: 'GET', headers, signal: controller.signal };
    const response = await (s.fetch ? s.fetch(new Request(url, init)) : fetch(url, init));
    const text = await response.text();
    if (!response.ok) throw apiError(response, text ? parseError(text) : undefined, s.secrets);
    return parseBody(response, text, s.secrets);
  } catch (error) {
    throw toSmsError(error, { timeoutMs: s.timeoutMs, aborted: signal?.aborted ?? false, secrets: s.secrets });
  } finally {
    deadlines.delete(controller);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Sends the GET and returns the parsed 2xx JSON body, or rejects with a typed error. `path` is the
 * encoded path for the direct route; `schemaPath` and `pathParams` feed openapi-fetch's route.
 */
export function getJson(client: Client<any, any>, path: string, schemaPath: string, pathParams: Record<string, string>, call: CallOptions | undefined): Promise<unknown> {
  const known = settings.get(client);
  if (!known) return Promise.reject(invalid('showCommand needs a client made by createSmsClient'));
  // Returned as is, not awaited here: one promise fewer per call on the hot path.
  return known.direct ? getDirect(known, path, call?.signal) : getRouted(client, known, schemaPath, pathParams, call?.signal);
}

async function getRouted(client: Client<any, any>, known: Settings, schemaPath: string, pathParams: Record<string, string>, signal: AbortSignal | undefined): Promise<unknown> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await client.GET(schemaPath, { params: { path: pathParams }, parseAs: 'text', ...(signal ? { signal } : {}) });
  } catch (error) {
    throw toSmsError(error, { aborted: signal?.aborted ?? false, secrets: known.secrets });
  }
  const { response } = result;
  if (!response.ok) throw apiError(response, result.error, known.secrets);
  return parseBody(response, typeof result.data === 'string' ? result.data : '', known.secrets);
}

export interface KnownCommandOf<Name extends string, Param, Raw> {
  known: true;
  /** One of the documented command values. */
  name: Name;
  param: Param | undefined;
  /** The body as received. */
  raw: Raw;
}
export interface UnknownCommandOf<Param> {
  known: false;
  /** The value the server sent, outside the documented set; undefined when it sent none. */
  name: string | undefined;
  param: Param | undefined;
  raw: Record<string, unknown>;
}

/**
 * The tolerant reader: checks the types the spec documents (an object; `command_name` a string;
 * `command_param` an object whose listed keys are strings; null counts as absent) and sorts the
 * name into known or unknown. It never rejects or rewrites a value outside the known set.
 */
export function readCommand<Name extends string, Param, Raw>(body: unknown, knownNames: ReadonlyArray<Name>, stringKeys: ReadonlyArray<string>): KnownCommandOf<Name, Param, Raw> | UnknownCommandOf<Param> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badResponse(`expected a JSON object, got ${describeJson(body)}`);
  const raw = body as Record<string, unknown>;
  const name = raw.command_name ?? undefined;
  if (name !== undefined && typeof name !== 'string') throw badResponse(`command_name is ${describeJson(name)}, expected a string`);
  const param = raw.command_param ?? undefined;
  if (param !== undefined) {
    if (typeof param !== 'object' || Array.isArray(param)) throw badResponse(`command_param is ${describeJson(param)}, expected an object`);
    for (const key of stringKeys) {
      const value = (param as Record<string, unknown>)[key];
      if (value !== undefined && value !== null && typeof value !== 'string') throw badResponse(`command_param.${key} is ${describeJson(value)}, expected a string`);
    }
  }
  if (name !== undefined && (knownNames as ReadonlyArray<string>).includes(name)) {
    return { known: true, name: name as Name, param: param as Param | undefined, raw: raw as Raw };
  }
  return { known: false, name, param: param as Param | undefined, raw };
}

/** Rejects an id before any request: it must be a string of min..max characters and not '.'/'..'. */
export function checkId(id: unknown, what: string, max?: number): asserts id is string {
  if (typeof id !== 'string') throw invalid(`${what} must be a string, got ${describeJson(id)}`);
  if (id.length === 0) throw invalid(`${what} must not be empty`);
  if (max !== undefined && id.length > max) throw invalid(`${what} is ${id.length} characters long; at most ${max} are allowed`);
  if (id === '.' || id === '..') throw invalid(`${what} must not be "." or ".."`);
}
