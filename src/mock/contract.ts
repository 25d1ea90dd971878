// What the contract says about requests and answers, read once from Prism's operations: the two API
// paths, the id rule, the documented statuses, their examples and their body schemas. The mock
// validates requests and scripted steps with it.
import type { Engine, EngineOperation, Schema } from './engine.js';

export type Version = 'v1' | 'v3';

/** Statuses the pages do not document but Huawei's API gateway sends in front of any API. */
export const GATEWAY_STATUSES = [429, 502, 503, 504] as const;

/** Gateway-shaped bodies for those statuses (`request_id` is set per request). 429's code and text
 * are the gateway's documented ones; the pages name no code for the 5xx, so these say they are the mock's. */
const GATEWAY_BODIES: Record<number, { error_code: string; error_msg: string }> = {
  429: { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached.' },
  502: { error_code: 'MOCK.0502', error_msg: 'Bad Gateway (the mock\'s stand-in: the pages document no code for it)' },
  503: { error_code: 'MOCK.0503', error_msg: 'Service Unavailable (the mock\'s stand-in: the pages document no code for it)' },
  504: { error_code: 'MOCK.0504', error_msg: 'Gateway Timeout (the mock\'s stand-in: the pages document no code for it)' },
};

export interface Violation {
  /** Where: `server_id`, `steps[0].body.command_name`, ... */
  field: string;
  /** The JSON Schema rule that failed (`maxLength`, `type`, ...) or the mock's own rule. */
  rule: string;
  message: string;
}
export const describeViolation = (v: Violation) => `${v.field}: ${v.message} (${v.rule})`;

export interface Route {
  version: Version;
  /** The spec's path template, such as `/v3/sources/{server_id}/command`. */
  template: string;
  idParam: string;
  /** The template's text before and after the id. */
  prefix: string;
  suffix: string;
  /** Documented statuses, ascending. */
  statuses: number[];
  /** Example names per documented status, in the spec's order. */
  examples: Map<number, string[]>;
  checkId(id: string): Violation[];
  /** Checks a body for a status (documented or gateway); `field` prefixes the violations. */
  checkBody(status: number, body: unknown, field: string): Violation[];
  /** The documented example for a status (the first), or the gateway body; undefined if neither. */
  defaultBody(status: number): unknown;
  /** The API path for an id: the template with the id encoded into it. */
  pathFor(id: string): string;
}

export type Match = { route: Route; id: string } | { route: Route; malformed: string };

export interface Contract {
  routes: Route[];
  /** The route a raw request path (as received, still encoded) addresses, if any. */
  match(rawPath: string): Match | undefined;
  route(version: Version): Route | undefined;
}

type Validator = ReturnType<Engine['compile']>;

function violations(check: Validator, value: unknown, field: string): Violation[] {
  if (check(value)) return [];
  return (check.errors ?? []).map((e) => ({
    field: field + e.instancePath.replace(/\/([^/]*)/g, (_, key: string) => (/^\d+$/.test(key) ? `[${key}]` : `.${key}`)),
    rule: e.keyword,
    message: e.keyword === 'additionalProperties' ? `must not have the property ${JSON.stringify(e.params.additionalProperty)}` : e.keyword === 'enum' ? `${e.message} (${JSON.stringify(e.params.allowedValues)})` : e.message ?? 'is invalid',
  }));
}

function versionOf(path: string): Version | undefined {
  return path.startsWith('/v1/') ? 'v1' : path.startsWith('/v3/') ? 'v3' : undefined;
}

function buildRoute(operation: EngineOperation, version: Version, engine: Engine): Route {
  const param = operation.request.path?.[0];
  if (!param) throw new Error(`${operation.path} has no path parameter`);
  const marker = `{${param.name}}`;
  const at = operation.path.indexOf(marker);
  const [prefix, suffix] = [operation.path.slice(0, at), operation.path.slice(at + marker.length)];
  const idCheck = engine.compile(param.schema ?? {});
  const bodies = new Map<number, Validator>();
  const examples = new Map<number, string[]>();
  const exampleValues = new Map<number, unknown>();
  let gatewaySchema: Schema | undefined;
  for (const response of operation.responses) {
    const status = Number(response.code);
    const json = response.contents?.find((c) => c.mediaType.includes('json'));
    if (!Number.isInteger(status) || !json) continue;
    if (json.schema) bodies.set(status, engine.compile(json.schema));
    if (status === 401) gatewaySchema = json.schema; // gateway errors come in the 401 shape
    examples.set(status, (json.examples ?? []).map((e) => e.key));
    if (json.examples?.[0]) exampleValues.set(status, json.examples[0].value);
  }
  const statuses = [...bodies.keys()].sort((a, b) => a - b);
  const gatewayCheck = gatewaySchema ? engine.compile(gatewaySchema) : undefined;
  return {
    version,
    template: operation.path,
    idParam: param.name,
    statuses,
    examples,
    checkId: (id) => violations(idCheck, id, param.name),
    checkBody(status, body, field) {
      const check = bodies.get(status) ?? ((GATEWAY_STATUSES as readonly number[]).includes(status) ? gatewayCheck : undefined);
      return check ? violations(check, body, field) : [];
    },
    // A gateway body's request_id is filled in with each answer's X-Request-Id.
    defaultBody: (status) => (exampleValues.has(status) ? structuredClone(exampleValues.get(status)) : GATEWAY_BODIES[status] ? { ...GATEWAY_BODIES[status], request_id: '' } : undefined),
    pathFor: (id) => prefix + encodeURIComponent(id) + suffix,
    prefix,
    suffix,
  };
}

export function createContract(engine: Engine): Contract {
  const routes: Route[] = [];
  for (const operation of engine.operations) {
    const version = versionOf(operation.path);
    if (version && operation.method.toLowerCase() === 'get') routes.push(buildRoute(operation, version, engine));
  }
  return {
    routes,
    route: (version) => routes.find((r) => r.version === version),
    match(rawPath) {
      for (const route of routes) {
        if (!rawPath.startsWith(route.prefix) || !rawPath.endsWith(route.suffix) || rawPath.length < route.prefix.length + route.suffix.length) continue;
        const raw = rawPath.slice(route.prefix.length, rawPath.length - route.suffix.length);
        if (raw.includes('/')) continue;
        try {
          return { route, id: decodeURIComponent(raw) };
        } catch {
          return { route, malformed: raw };
        }
      }
      return undefined;
    },
  };
}
