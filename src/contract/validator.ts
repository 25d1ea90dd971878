// The contract validator: JSON Schema 2020-12 (Ajv) over a bundled OpenAPI document. The mock checks
// scripted steps and requests with it; sms-command-verify checks a live service's answers with it.
// Each finding is drift (the service went past what the pages document: a value, a field, a status,
// a limit) or a violation (it breaks the documented shape: a type, a required field).
import { createRequire } from 'node:module';
import type { Ajv2020 as AjvClass } from 'ajv/dist/2020.js';
import {
  driftOf,
  findingOf,
  type Finding,
  fragment,
  segmentsOf,
  unlistedFields,
  type UnlistedField,
} from './findings.js';

export type { Finding, UnlistedField } from './findings.js';

export type Version = 'v1' | 'v3';
export type OpenApiDocument = { paths: Record<string, any>; components?: Record<string, any> } & Record<string, any>;

/** The HTTP methods an OpenAPI path item can hold, as the document spells them (lower case). */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
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

export interface ContractValidator {
  operations: OperationContract[];
  /** A version's operation by method; GET (ShowCommand) unless told otherwise. */
  operation(version: Version, method?: Method): OperationContract | undefined;
}

const require = createRequire(import.meta.url);
export function createContractValidator(document: OpenApiDocument): ContractValidator {
  const Ajv2020 = (require('ajv/dist/2020.js') as { Ajv2020: typeof AjvClass }).Ajv2020;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ ...document, $id: 'contract' });

  const resolve = (node: any): any => {
    let current = node;
    for (let hops = 0; current && typeof current.$ref === 'string' && hops < 32; hops++) {
      current = segmentsOf(current.$ref).reduce((acc: any, key: string) => acc?.[key], document);
    }
    return current;
  };
  /** Where a node lives, as segments: its $ref's target, or where it stands. */
  const whereIs = (raw: any, where: string[]): string[] =>
    typeof raw?.$ref === 'string' ? segmentsOf(raw.$ref) : where;

  function checker(pointer: string, schemaNode: unknown) {
    const validate = ajv.compile({ $ref: `contract#${pointer}` });
    const check = (value: unknown, withUnlisted = true): Finding[] => {
      const findings: Finding[] = [];
      if (!validate(value)) {
        for (const error of validate.errors ?? []) findings.push(findingOf(error, value));
      }
      // One by one: an object of 100,000 unlisted fields is too many for push(...spread).
      if (withUnlisted) for (const field of unlistedFields(schemaNode, value, resolve)) findings.push(driftOf(field));
      return findings;
    };
    return Object.assign(check, { unlisted: (value: unknown) => unlistedFields(schemaNode, value, resolve) });
  }

  /** A media type's schema checker and its named examples. */
  const mediaOf = (media: any, at: string[]) => ({
    check: media?.schema ? checker(fragment([...at, 'schema']), media.schema) : undefined,
    examples: Object.entries(media?.examples ?? {}).map(([name, ex]) => ({ name, value: resolve(ex)?.value })),
  });

  const operations: OperationContract[] = [];
  for (const [template, rawItem] of Object.entries(document.paths)) {
    const version = template.startsWith('/v1/') ? 'v1' : template.startsWith('/v3/') ? 'v3' : undefined;
    const itemAt = whereIs(rawItem, ['paths', template]);
    const item = resolve(rawItem);
    if (!version || !item) continue;
    for (const lower of METHODS) {
      const op = item[lower];
      if (!op) continue;
      const operation = operationOf(version, template, lower, op, item, itemAt);
      if (operation) operations.push(operation);
    }
  }

  function operationOf(
    version: Version,
    template: string,
    lower: (typeof METHODS)[number],
    op: any,
    item: any,
    itemAt: string[],
  ): OperationContract | undefined {
    const opAt = [...itemAt, lower];
    const parameters: Array<{ at: string[]; parameter: any }> = [
      ...(item.parameters ?? []).map((raw: any, i: number) => ({
        at: whereIs(raw, [...itemAt, 'parameters', String(i)]),
        parameter: resolve(raw),
      })),
      ...(op.parameters ?? []).map((raw: any, i: number) => ({
        at: whereIs(raw, [...opAt, 'parameters', String(i)]),
        parameter: resolve(raw),
      })),
    ];
    const id = parameters.find(({ parameter }) => parameter?.in === 'path');
    if (!id) return undefined;
    const checkIdValue = id.parameter.schema ? checker(fragment([...id.at, 'schema']), id.parameter.schema) : () => [];
    const statuses: number[] = [];
    const bodies = new Map<number, NonNullable<ReturnType<typeof mediaOf>['check']>>();
    const examples = new Map<number, Array<{ name: string; value: unknown }>>();
    for (const [code, rawResponse] of Object.entries(op.responses ?? {})) {
      const status = Number(code);
      if (!Number.isInteger(status)) continue;
      statuses.push(status);
      const responseAt = whereIs(rawResponse, [...opAt, 'responses', code]);
      const media = mediaOf(resolve(rawResponse)?.content?.['application/json'], [
        ...responseAt,
        'content',
        'application/json',
      ]);
      if (media.check) bodies.set(status, media.check);
      examples.set(status, media.examples);
    }
    statuses.sort((a, b) => a - b);
    const rawRequest = op.requestBody;
    const request = resolve(rawRequest);
    const requestMedia = request?.content?.['application/json']
      ? mediaOf(request.content['application/json'], [
          ...whereIs(rawRequest, [...opAt, 'requestBody']),
          'content',
          'application/json',
        ])
      : undefined;
    const limit = op['x-max-body-bytes'];
    return {
      version,
      method: lower.toUpperCase() as Method,
      operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
      template,
      idParam: id.parameter.name,
      statuses,
      hasBody: (status) => bodies.has(status),
      examples,
      maxBodyBytes: Number.isSafeInteger(limit) && limit >= 0 ? limit : undefined,
      requestBody: request
        ? { required: request.required === true, mediaTypes: Object.keys(request.content ?? {}) }
        : undefined,
      checkId: checkIdValue,
      checkBody(status, body, { as = status, unlisted: withUnlisted = true } = {}) {
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
                  message: `the ${as} answer of ${lower.toUpperCase()} ${template} has no body in the spec`,
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
      },
      unlistedFields: (status, body, { as = status } = {}) => bodies.get(as)?.unlisted(body) ?? [],
      checkRequestBody(body, { unlisted: withUnlisted = true } = {}) {
        if (requestMedia?.check) return requestMedia.check(body, withUnlisted);
        return request
          ? []
          : [
              {
                kind: 'drift',
                path: '$',
                rule: 'requestBody',
                message: `${lower.toUpperCase()} ${template} takes no body in the spec`,
              },
            ];
      },
    };
  }
  return {
    operations,
    operation: (version, method = 'GET') => operations.find((o) => o.version === version && o.method === method),
  };
}
