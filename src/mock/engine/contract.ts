// What the contract says about requests and answers, for the mock: the API operations (ShowCommand's
// GET and UpdateCommandResult's POST, per version), the id rule, the request body's schema and size,
// the documented statuses, their examples and their body schemas, from the shared contract validator
// (src/contract/validator.ts, which sms-command-verify uses too) over the document the mock serves.
import { parseTarget, type RequestTarget } from '../../canonical.js';
import {
  type ContractValidator,
  type Finding,
  type Method,
  type OperationContract,
  type UnlistedField,
} from '../../contract/validator.js';
import type { Violation } from '../../contract/violations.js';

export type Version = 'v1' | 'v3';

/** Statuses the pages do not document but Huawei's API gateway sends in front of any API. */
export const GATEWAY_STATUSES = [429, 502, 503, 504] as const;
export const isGatewayStatus = (status: number) => (GATEWAY_STATUSES as readonly number[]).includes(status);

/** A body with an empty `request_id` (the default gateway bodies') filled with this answer's X-Request-Id. */
export function withRequestId(body: unknown, requestId: string): unknown {
  return (body as { request_id?: unknown } | undefined)?.request_id === ''
    ? { ...(body as object), request_id: requestId }
    : body;
}
/** Gateway errors come in the shape of the documented 401 (the gateway's own). */
export const GATEWAY_SHAPE = 401;

/** Gateway-shaped bodies for those statuses (`request_id` is set per request). 429's code and text
 * are the gateway's documented ones; the pages name no code for the 5xx, so these say they are the mock's. */
const GATEWAY_BODIES: Record<number, { error_code: string; error_msg: string }> = {
  429: { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached.' },
  502: { error_code: 'MOCK.0502', error_msg: "Bad Gateway (the mock's stand-in: the pages document no code for it)" },
  503: {
    error_code: 'MOCK.0503',
    error_msg: "Service Unavailable (the mock's stand-in: the pages document no code for it)",
  },
  504: {
    error_code: 'MOCK.0504',
    error_msg: "Gateway Timeout (the mock's stand-in: the pages document no code for it)",
  },
};

/** One operation of the contract: a method on a path template. */
export interface Route {
  version: Version;
  method: Method;
  operationId: string | undefined;
  /** The spec's path template, such as `/v3/sources/{server_id}/command`. */
  template: string;
  idParam: string;
  /** The template's segments (split at `/`), and which one is the id: a target matches on its decoded segments. */
  segments: readonly string[];
  idAt: number;
  /** Documented statuses, ascending (with a body or not). */
  statuses: number[];
  /** The largest request body taken (the spec's `x-max-body-bytes`); undefined for an operation without one. */
  maxBodyBytes: number | undefined;
  /** Whether the operation takes a request body. */
  takesBody: boolean;
  /** Checks a parsed request body against the operation's requestBody schema: fields named from the body's root (`result`), the root itself `body`. */
  checkRequestBody(body: unknown): Violation[];
  /** Example names per documented status, in the spec's order. */
  examples: Map<number, string[]>;
  /** Whether the status is one this API path answers: documented, or a gateway status. */
  sends(status: number): boolean;
  checkId(id: string): Violation[];
  /** Whether a status's answer has a body: documented with one, or a gateway status. */
  hasBody(status: number): boolean;
  /** Checks a body for a status (documented or gateway); `field` prefixes the violations. A status documented without a body must have none. */
  checkBody(status: number, body: unknown, field: string): Violation[];
  /** The documented example for a status (the first), or the gateway body; undefined if neither. */
  defaultBody(status: number): unknown;
  /** The API path for an id: the template with the id encoded into it. */
  pathFor(id: string): string;
}

/**
 * A route and the id its target names (decoded once); `methods`, every method the spec has on that
 * path (a request with another is 405 naming them in `Allow`).
 */
export type Match = { route: Route; id: string; methods: Method[] };

export interface Contract {
  routes: Route[];
  /**
   * The route a request target addresses, if any: parsed by `parseTarget` (a raw path, as received
   * and still encoded, is parsed here). A target that parse refuses addresses no route. With a
   * `method`, the route for it on that path when the spec has one (HEAD is GET's); otherwise, or
   * without one, the path's first route.
   */
  match(target: string | RequestTarget, method?: string): Match | undefined;
  /** The route of another method on the same version, such as a report's ShowCommand (GET). */
  sibling(route: Route, method: Method): Route | undefined;
}

const violationOf =
  (field: string) =>
  (finding: Finding): Violation => ({
    field: field + finding.path.slice(1),
    rule: finding.rule,
    message: finding.message,
  });

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, or `limit + 1` once it is over `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, before[j - 2]! + 1);
    }
    if (Math.min(...row) > limit) return limit + 1;
    [before, previous] = [previous, row];
  }
  return previous[b.length]!;
}

/** The listed field a key most likely misspells (at most 2 edits, or the same but for case), if one does. */
function nearest(key: string, listed: string[]): string | undefined {
  if (key.length > 256) return undefined; // a name that long is no typo of a listed one; spare the work
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of listed) {
    const distance = name.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, name, 2);
    if (distance < bestDistance && distance < name.length) [best, bestDistance] = [name, distance];
  }
  return best;
}

/**
 * A scripted field the contract does not list, as the mock refuses it: the very fields that
 * sms-command-verify reports as drift (OperationContract.unlistedFields), named with their schema.
 */
function unlistedViolation(field: string, unlisted: UnlistedField): Violation {
  const near = nearest(unlisted.key, unlisted.listed);
  const of = unlisted.schema ? `a field of ${unlisted.schema}` : 'a field of this object';
  return {
    field: field + unlisted.path.slice(1),
    rule: 'properties',
    message: `not ${of} (the contract lists ${unlisted.listed.join(', ')})${near ? ` — a typo of ${near}?` : ''}; sms-command-verify reports a field the contract does not list as drift: set "unchecked": true to send it anyway`,
  };
}

/** The mock's view of one operation of the contract: its template's segments, statuses, examples and checks. */
function routeFromOperation(operation: OperationContract): Route {
  const segments = operation.template.split('/');
  const idAt = segments.indexOf(`{${operation.idParam}}`);
  // The segments around the id, joined once: pathFor runs on every request.
  const before = [...segments.slice(0, idAt), ''].join('/');
  const after = ['', ...segments.slice(idAt + 1)].join('/');
  const bodyless = (status: number) => operation.statuses.includes(status) && !operation.hasBody(status);
  return {
    version: operation.version,
    method: operation.method,
    operationId: operation.operationId,
    template: operation.template,
    idParam: operation.idParam,
    segments,
    idAt,
    statuses: operation.statuses,
    examples: new Map([...operation.examples].map(([status, list]) => [status, list.map((e) => e.name)])),
    maxBodyBytes: operation.maxBodyBytes,
    takesBody: operation.requestBody !== undefined,
    // A field is named as the request's own JSON names it (`result`, `result_detail.a`); the whole body is `body`.
    checkRequestBody: (body) =>
      operation.checkRequestBody(body, { unlisted: false }).map((finding) => ({
        field:
          finding.path === '$'
            ? 'body'
            : finding.path.startsWith('$.')
              ? finding.path.slice(2)
              : `body${finding.path.slice(1)}`,
        rule: finding.rule,
        message: finding.message,
      })),
    sends: (status) => operation.statuses.includes(status) || isGatewayStatus(status),
    hasBody: (status) => operation.hasBody(status) || (isGatewayStatus(status) && !operation.statuses.includes(status)),
    checkId: (id) => operation.checkId(id).map(violationOf(operation.idParam)),
    // What JSON Schema refuses, and the fields the schema does not list where it says nothing of
    // others: the same fields sms-command-verify reports as drift (one rule, in the validator).
    checkBody(status, body, field) {
      if (bodyless(status)) {
        return body === undefined
          ? []
          : [
              {
                field,
                rule: 'no content',
                message: `the ${status} answer of ${operation.method} ${operation.template} has no body in the spec: leave "body" out, or add "unchecked": true to send one anyway`,
              },
            ];
      }
      const as = operation.statuses.includes(status)
        ? status
        : isGatewayStatus(status) && operation.statuses.includes(GATEWAY_SHAPE)
          ? GATEWAY_SHAPE
          : undefined;
      if (as === undefined) return [];
      return [
        ...operation.checkBody(status, body, { as, unlisted: false }).map(violationOf(field)),
        ...operation.unlistedFields(status, body, { as }).map((unlisted) => unlistedViolation(field, unlisted)),
      ];
    },
    // A gateway body's request_id is filled in with each answer's X-Request-Id.
    defaultBody(status) {
      const example = operation.examples.get(status)?.[0];
      if (example) return structuredClone(example.value);
      return GATEWAY_BODIES[status] ? { ...GATEWAY_BODIES[status], request_id: '' } : undefined;
    },
    pathFor: (id) => before + encodeURIComponent(id) + after,
  };
}

export function createContract(validator: ContractValidator): Contract {
  const routes = validator.operations.map(routeFromOperation);
  const onPath = (route: Route, segments: string[]) =>
    segments.length === route.segments.length &&
    route.segments.every((part, i) => i === route.idAt || part === segments[i]);
  return {
    routes,
    match(target, method) {
      const parsed = typeof target === 'string' ? parseTarget(target) : target;
      if ('problem' in parsed) return undefined;
      const { segments } = parsed;
      const found = routes.filter((route) => onPath(route, segments));
      if (found.length === 0) return undefined;
      const wanted = method === 'HEAD' ? 'GET' : method;
      const route = found.find((r) => r.method === wanted) ?? found[0]!;
      return { route, id: segments[route.idAt]!, methods: found.map((r) => r.method) };
    },
    sibling: (route, method) => routes.find((r) => r.version === route.version && r.method === method),
  };
}
