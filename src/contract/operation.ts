// The operation model: one documented operation of a bundled OpenAPI document (a method on a path
// of /v1/ or /v3/), read once into what the mock and sms-command-verify ask of it: its statuses, its
// examples, its body limit, and checkers for its id, its answers and its request body.
import type { Finding, UnlistedField } from './findings.js';
import type { MediaContract, SchemaCheck, SchemaReader } from './schema-reader.js';

export type Version = 'v1' | 'v3';
/** The HTTP methods an OpenAPI path item can hold, as the document spells them (lower case). */
export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type Method = Uppercase<(typeof METHODS)[number]>;

export interface OperationContract {
  version: Version;
  /** The HTTP method, upper case: `GET`, `POST`. */
  method: Method;
  operationId: string | undefined;
  /** The path template, such as `/v3/sources/{server_id}/command`. */
  template: string;
  idParam: string;
  /** Every documented status, ascending, whether its answer has a body or not. */
  statuses: number[];
  /** Whether a documented status's answer has a JSON body (v1's report answers 200 with none). */
  hasBody(status: number): boolean;
  /** Named examples per documented status, in the spec's order (an empty list for a status without any). */
  examples: Map<number, Array<{ name: string; value: unknown }>>;
  /** The largest request body the operation takes (`x-max-body-bytes`), if the spec states one. */
  maxBodyBytes: number | undefined;
  /** Whether the operation takes a request body, and whether it must have one. */
  requestBody: { required: boolean; mediaTypes: string[] } | undefined;
  /** Checks an id against its parameter's schema (paths are `$`). */
  checkId(id: string): Finding[];
  /**
   * Checks a JSON body against the schema of a documented status. `as` borrows another status's
   * schema; `unlisted: false` skips the fields a schema neither lists nor allows or forbids (valid
   * JSON Schema, so the mock accepts them; drift to sms-command-verify). A status documented without
   * a body is checked to have none (`undefined`).
   */
  checkBody(status: number, body: unknown, options?: { as?: number; unlisted?: boolean }): Finding[];
  /**
   * The fields of a body that the schema of a documented status (or of `as`) does not list: the
   * findings `checkBody` reports as drift (`unlisted`), with the schema's name and its fields. None
   * for a status without a body schema.
   */
  unlistedFields(status: number, body: unknown, options?: { as?: number }): UnlistedField[];
  /**
   * Checks a request body (parsed JSON) against the operation's `application/json` requestBody
   * schema, as `checkBody` checks answers: each finding with its JSON path and rule. An operation
   * that takes no body finds any body drift.
   */
  checkRequestBody(body: unknown, options?: { unlisted?: boolean }): Finding[];
}

/** Where an operation stands in the document: its path item (resolved) and the operation object. */
export interface OperationSource {
  version: Version;
  template: string;
  lower: (typeof METHODS)[number];
  op: any;
  item: any;
  /** Where the path item lives, as segments (its $ref's target, or `paths/<template>`). */
  itemAt: string[];
}

/** An operation's answers as documented: statuses ascending, a body checker and examples per status. */
interface Answers {
  statuses: number[];
  bodies: Map<number, SchemaCheck>;
  examples: Map<number, Array<{ name: string; value: unknown }>>;
}

/** The operation's first path parameter (the path item's before its own), with where it lives. */
function idParameterOf(reader: SchemaReader, { op, item, itemAt, lower }: OperationSource) {
  const opAt = [...itemAt, lower];
  const parameters: Array<{ at: string[]; parameter: any }> = [
    ...(item.parameters ?? []).map((raw: any, i: number) => ({
      at: reader.whereIs(raw, [...itemAt, 'parameters', String(i)]),
      parameter: reader.resolve(raw),
    })),
    ...(op.parameters ?? []).map((raw: any, i: number) => ({
      at: reader.whereIs(raw, [...opAt, 'parameters', String(i)]),
      parameter: reader.resolve(raw),
    })),
  ];
  return parameters.find(({ parameter }) => parameter?.in === 'path');
}

function answersOf(reader: SchemaReader, op: any, opAt: string[]): Answers {
  const statuses: number[] = [];
  const bodies = new Map<number, SchemaCheck>();
  const examples = new Map<number, Array<{ name: string; value: unknown }>>();
  for (const [code, rawResponse] of Object.entries(op.responses ?? {})) {
    const status = Number(code);
    if (!Number.isInteger(status)) continue;
    statuses.push(status);
    const responseAt = reader.whereIs(rawResponse, [...opAt, 'responses', code]);
    const media = reader.mediaOf(reader.resolve(rawResponse)?.content?.['application/json'], [
      ...responseAt,
      'content',
      'application/json',
    ]);
    if (media.check) bodies.set(status, media.check);
    examples.set(status, media.examples);
  }
  statuses.sort((a, b) => a - b);
  return { statuses, bodies, examples };
}

/** The operation's request body (resolved) and its `application/json` media, if it takes one. */
function requestOf(reader: SchemaReader, op: any, opAt: string[]) {
  const rawRequest = op.requestBody;
  const request = reader.resolve(rawRequest);
  const media: MediaContract | undefined = request?.content?.['application/json']
    ? reader.mediaOf(request.content['application/json'], [
        ...reader.whereIs(rawRequest, [...opAt, 'requestBody']),
        'content',
        'application/json',
      ])
    : undefined;
  return { request, media };
}

/** checkBody: a documented status's schema, no body for a status documented without one, drift for any other. */
function answerCheck(name: string, { statuses, bodies }: Answers): OperationContract['checkBody'] {
  return (status, body, { as = status, unlisted: withUnlisted = true } = {}) => {
    const check = bodies.get(as);
    if (check) return check(body, withUnlisted);
    if (statuses.includes(as))
      return body === undefined
        ? []
        : [
            {
              kind: 'violation',
              path: '$',
              rule: 'no content',
              message: `the ${as} answer of ${name} has no body in the spec`,
            },
          ];
    return [
      {
        kind: 'drift',
        path: '$',
        rule: 'status',
        message: `${status} is not a documented status (${statuses.join(', ')})`,
      },
    ];
  };
}

/** checkRequestBody: the request's JSON schema; any body is drift for an operation that takes none. */
function requestCheck(name: string, { request, media }: ReturnType<typeof requestOf>) {
  return (body: unknown, { unlisted: withUnlisted = true } = {}): Finding[] => {
    if (media?.check) return media.check(body, withUnlisted);
    return request
      ? []
      : [{ kind: 'drift', path: '$', rule: 'requestBody', message: `${name} takes no body in the spec` }];
  };
}

/** One operation of the document, or undefined for one without a path parameter (no command id to check). */
export function operationOf(reader: SchemaReader, source: OperationSource): OperationContract | undefined {
  const { version, template, lower, op, itemAt } = source;
  const opAt = [...itemAt, lower];
  const id = idParameterOf(reader, source);
  if (!id) return undefined;
  const checkId = id.parameter.schema ? reader.checker([...id.at, 'schema'], id.parameter.schema) : () => [];
  const answers = answersOf(reader, op, opAt);
  const request = requestOf(reader, op, opAt);
  const limit = op['x-max-body-bytes'];
  const method = lower.toUpperCase() as Method;
  const name = `${method} ${template}`;
  return {
    version,
    method,
    operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
    template,
    idParam: id.parameter.name,
    statuses: answers.statuses,
    hasBody: (status) => answers.bodies.has(status),
    examples: answers.examples,
    maxBodyBytes: Number.isSafeInteger(limit) && limit >= 0 ? limit : undefined,
    requestBody: request.request
      ? { required: request.request.required === true, mediaTypes: Object.keys(request.request.content ?? {}) }
      : undefined,
    checkId,
    checkBody: answerCheck(name, answers),
    unlistedFields: (status, body, { as = status } = {}) => answers.bodies.get(as)?.unlisted(body) ?? [],
    checkRequestBody: requestCheck(name, request),
  };
}
