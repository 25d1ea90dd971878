// The changes between two bundled documents of one API version, each classified: api-smart-diff's
// classification with this package's policy on top (CONTRIBUTING.md), a new `command_name` value in
// a class of its own, and each change named by its operation and field.
import { apiCompare } from 'api-smart-diff';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
// Component diffs that api-smart-diff also reports, resolved and direction-aware, under paths.
const MIRRORED = new Set(['schemas', 'parameters', 'responses', 'headers', 'requestBodies', 'pathItems']);

/** @typedef {import('../bundle.mjs').OpenApiDocument} OpenApiDocument */
/**
 * `value` is set on a new command value: the value itself; `changelog` says whether the version's
 * CHANGELOG.md names it (filled in by diffAgainst, which reads the file).
 * @typedef {{ type: string; operation: string; field: string; description: string; value?: string; changelog?: boolean }} SpecChange
 */
/** @typedef {{ version: import('../bundle.mjs').Version; added: boolean; breaking: SpecChange[]; commandValues: SpecChange[]; other: SpecChange[] }} VersionDiff */

/** The class of a newly documented `command_name` value: CONTRIBUTING's standing exception, not breaking. */
export const COMMAND_VALUE = 'new command value';

/** @param {unknown} value */
const code = (value) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

/**
 * This package's policy on top of the engine's classification (see CONTRIBUTING.md), with the
 * words a reviewer uses for a value list. The engine already treats a new response enum value, a
 * new required request parameter and a narrowed request limit as breaking; it calls removing a
 * response property or a response enum value harmless, which it is not: a client that reads the
 * property stops getting it, and a server that still sends the value no longer conforms (old data
 * violates the stricter schema). A new `command_name` value (an enum value of a response, an
 * example of the request's open set) is CONTRIBUTING's standing exception: its own class.
 * @param {{ path: string[]; action: string; type: string; before?: unknown; after?: unknown }} diff
 * @returns {{ type: string; description?: string; note?: string; value?: string }}
 */
function classify(diff) {
  const { path, action, before, after } = diff;
  const inResponse = path.includes('responses');
  if (inResponse && action === 'remove' && path.at(-2) === 'properties') {
    return { type: 'breaking', note: 'a client that reads this field stops getting it' };
  }
  const list = path.at(-2);
  const field = path.at(-3) === 'properties' ? undefined : path.at(-3);
  if ((list === 'enum' || list === 'examples') && field && path.at(-4) === 'properties') {
    const known = list === 'enum' ? 'value' : 'example value';
    if (field === 'command_name' && action === 'add')
      return {
        type: COMMAND_VALUE,
        description: `command_name: new value ${code(after)} documented`,
        value: String(after),
      };
    if (action === 'add' && list === 'examples')
      return { type: diff.type, description: `${field}: new example value ${code(after)}` };
    if (action === 'add')
      return inResponse
        ? {
            type: diff.type,
            description: `${field}: new value ${code(after)}`,
            note: "a client's exhaustive switch does not handle it",
          }
        : { type: diff.type, description: `${field}: new value ${code(after)} accepted` };
    const gone =
      action === 'remove'
        ? `${field}: ${known} ${code(before)} removed`
        : `${field}: ${known} ${code(before)} replaced by ${code(after)}`;
    if (list === 'enum')
      return {
        type: 'breaking',
        description: gone,
        note: inResponse
          ? `a server that still sends ${code(before)} no longer conforms`
          : `a client that sends ${code(before)} is refused`,
      };
    return { type: diff.type, description: gone };
  }
  return { type: diff.type };
}

/**
 * @param {OpenApiDocument} doc
 * @param {string[]} path
 */
function describeOperation(doc, path) {
  const [, route, method] = path;
  if (!route) return 'the document';
  if (!method || !METHODS.has(method)) return `\`${route}\``;
  const operationId = doc?.paths?.[route]?.[method]?.operationId;
  return `\`${method.toUpperCase()} ${route}\`${operationId ? ` (${operationId})` : ''}`;
}

/**
 * Compares two bundled documents of one version; resolves to its breaking changes, its new command
 * values and the other changes.
 * @param {OpenApiDocument} before
 * @param {OpenApiDocument} after
 * @returns {{ breaking: SpecChange[]; commandValues: SpecChange[]; other: SpecChange[] }}
 */
export function diffDocuments(before, after) {
  const { diffs } = apiCompare(before, after);
  /** @type {SpecChange[]} */
  const changes = [];
  for (const diff of diffs) {
    const path = diff.path.map(String);
    if (path[0] === 'components' && MIRRORED.has(path[1] ?? '')) continue;
    const { type, description, note, value } = classify({ ...diff, path });
    const where = path[0] === 'paths' ? path.slice(METHODS.has(path[2] ?? '') ? 3 : 2) : path;
    // A value of a list is named in the description; its index in the list says nothing more (the
    // engine matches values, not positions).
    if (value !== undefined || (description && /^(enum|examples)$/.test(where.at(-2) ?? ''))) where.pop();
    changes.push({
      type,
      operation:
        path[0] === 'paths' ? describeOperation(after.paths?.[path[1] ?? ''] ? after : before, path) : `\`${path[0]}\``,
      field: where.join('.'),
      description:
        (description ?? diff.description ?? `[${diff.action}] ${where.join('.')}`) + (note ? ` — ${note}` : ''),
      ...(value !== undefined ? { value } : {}),
    });
  }
  const commandValues = changes.filter((c) => c.type === COMMAND_VALUE);
  // A new value's x-enumDescriptions entry is part of documenting it: said on the value's line.
  const described = (/** @type {SpecChange} */ c) =>
    commandValues.find(
      (v) =>
        v !== c &&
        v.operation === c.operation &&
        c.field === v.field.replace(/\.enum$/, `.x-enumDescriptions.${v.value}`),
    );
  for (const c of changes) {
    const value = described(c);
    if (value) value.description += ', described in x-enumDescriptions';
  }
  return {
    breaking: changes.filter((c) => c.type === 'breaking'),
    commandValues,
    other: changes.filter((c) => c.type !== 'breaking' && c.type !== COMMAND_VALUE && !described(c)),
  };
}
