// How an Ajv error becomes a Finding: its JSON path, the spec rule, drift or violation, and a message
// that says what was found (in code points, as the rules count); and the JSON-pointer helpers the
// validator resolves schemas with.
import type { ErrorObject } from 'ajv/dist/2020.js';
import { codePoints } from '../text.js';

export interface Finding {
  kind: 'drift' | 'violation';
  /** A JSON path into the checked value: `$`, `$.command_name`, `$.details[0].error_msg`. */
  path: string;
  /** The spec rule: `enum`, `maxLength 255`, `type string`, `required`, `additionalProperties`, `status`. */
  rule: string;
  message: string;
}

/** Drift: the answer goes past a documented list or limit. Any other failed rule is a violation. */
const DRIFT_RULES = new Set([
  'enum',
  'const',
  'maxLength',
  'maxItems',
  'maximum',
  'exclusiveMaximum',
  'maxProperties',
  'additionalProperties',
  'unevaluatedProperties',
]);

/** A JSON pointer (`/a/b~1c`, `#/a/b`) as its segments, unescaped. */
export const segmentsOf = (pointer: string) =>
  pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
/** Segments as a URI fragment for Ajv: each JSON-pointer-escaped, then percent-encoded. */
export const fragment = (segments: string[]) =>
  segments.map((s) => `/${encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('');
const jsonPath = (instancePath: string) =>
  '$' +
  segmentsOf(instancePath)
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('');

function ruleOf(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (typeof p.limit === 'number') return `${error.keyword} ${p.limit}`;
  if (error.keyword === 'type') return `type ${String(p.type)}`;
  return error.keyword;
}

function describe(error: ErrorObject, data: unknown): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `${JSON.stringify(data)} is not a documented value (${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`;
    case 'maxLength':
      return `${codePoints(data as string)} characters, over the documented ${p.limit}`;
    case 'maxItems':
      return `${(data as unknown[]).length} items, over the documented ${p.limit}`;
    case 'additionalProperties':
      return `the field ${JSON.stringify(p.additionalProperty)} is not in the spec`;
    case 'required':
      return `the required field ${JSON.stringify(p.missingProperty)} is missing`;
    case 'type':
      return `${data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data}, expected ${String(p.type)}`;
    default:
      return error.message ?? 'is invalid';
  }
}

const valueAt = (root: unknown, instancePath: string): unknown =>
  segmentsOf(instancePath).reduce<unknown>(
    (value, segment) => (value as Record<string, unknown> | undefined)?.[segment],
    root,
  );

/** One Ajv error over `value` as a Finding. */
export function findingOf(error: ErrorObject, value: unknown): Finding {
  return {
    kind: DRIFT_RULES.has(error.keyword) ? 'drift' : 'violation',
    path: jsonPath(error.instancePath),
    rule: ruleOf(error),
    message: describe(error, valueAt(value, error.instancePath)),
  };
}
