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

/**
 * A field of an object whose schema lists properties but neither lists this one nor says whether
 * more are allowed (no `additionalProperties`): what sms-command-verify reports as drift, and what
 * the mock refuses in a scripted step unless it is `unchecked`. `schema` names the object's schema
 * (its `title`, else its `$ref`'s last segment); `listed`, the fields it lists.
 */
export interface UnlistedField {
  /** The field's JSON path: `$.command_nam`, `$.command_param.task`. */
  path: string;
  key: string;
  schema: string | undefined;
  listed: string[];
}

/**
 * The drift rule for fields: every field of `value` (nested objects and array items included) that
 * its schema does not list, where the schema says nothing of others. `resolve` follows `$ref`s.
 * Own keys only: `constructor`, `toString` or `__proto__` (JSON.parse makes that an own key too) are
 * fields like any other, not listed because Object.prototype has them.
 */
export function unlistedFields(
  schemaNode: unknown,
  value: unknown,
  resolve: (node: unknown) => any,
  path = '$',
  out: UnlistedField[] = [],
): UnlistedField[] {
  const schema = resolve(schemaNode);
  if (!schema || typeof schema !== 'object') return out;
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => unlistedFields(schema.items, item, resolve, `${path}[${i}]`, out));
    return out;
  }
  if (!value || typeof value !== 'object' || !schema.properties) return out;
  const ref = (schemaNode as { $ref?: unknown })?.$ref;
  const name =
    typeof schema.title === 'string' ? schema.title : typeof ref === 'string' ? segmentsOf(ref).at(-1) : undefined;
  let listed: string[] | undefined; // one list for every unlisted field of this object (80,000 of them, say)
  for (const [key, item] of Object.entries(value)) {
    if (Object.hasOwn(schema.properties, key))
      unlistedFields(schema.properties[key], item, resolve, `${path}.${key}`, out);
    else if (schema.additionalProperties === undefined)
      out.push({ path: `${path}.${key}`, key, schema: name, listed: (listed ??= Object.keys(schema.properties)) });
  }
  return out;
}

/** An unlisted field as sms-command-verify reports it. */
export const driftOf = (field: UnlistedField): Finding => ({
  kind: 'drift',
  path: field.path,
  rule: 'properties',
  message: `the field ${JSON.stringify(field.key)} is not in the spec`,
});

/** One Ajv error over `value` as a Finding. */
export function findingOf(error: ErrorObject, value: unknown): Finding {
  return {
    kind: DRIFT_RULES.has(error.keyword) ? 'drift' : 'violation',
    path: jsonPath(error.instancePath),
    rule: ruleOf(error),
    message: describe(error, valueAt(value, error.instancePath)),
  };
}
