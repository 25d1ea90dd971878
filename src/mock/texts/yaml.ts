// YAML (or JSON) text read with the YAML reader Prism installs (scenario files and the spec): the
// line and column of a problem, and no "billion laughs".
// Why not the `yaml` package: CONTRIBUTING.md, "Decisions" (figures from bench/parsers.mjs).
import { prismYamlReader, type YamlNode } from '../engine/prism-yaml.js';
import { TextError } from '../../errors/text-error.js';
import { keyOnce, lineColumn } from './files.js';

/**
 * How many nodes YAML aliases (`*name`, `<<: *name`) may add to a document when they are expanded.
 * Each alias is a copy of its anchor's value, so nested aliases multiply: a 551-byte "billion
 * laughs" file expands to gigabytes. Ordinary reuse of a step or a body stays far below this.
 */
export const YAML_MAX_ALIAS_NODES = 100_000;

export const KIND = { SCALAR: 0, MAPPING: 1, MAP: 2, SEQ: 3, ANCHOR_REF: 4 } as const;

/** The children of a node as its data has them: an alias stands for its anchor's value. */
function children(node: YamlNode): YamlNode[] {
  if (node.kind === KIND.ANCHOR_REF) return node.value ? [node.value as YamlNode] : [];
  if (node.kind === KIND.MAP)
    return (node.mappings ?? []).flatMap((m) => [m.key, m.value]).filter((n): n is YamlNode => !!n);
  if (node.kind === KIND.SEQ) return (node.items ?? []).filter((n): n is YamlNode => !!n);
  return [];
}

/**
 * Refuses a document whose aliases would expand past YAML_MAX_ALIAS_NODES, before anything expands
 * them. Counts each node's expanded size once (memoised, iteratively: a deep document cannot
 * overflow the stack here), so the check costs the size of the text, not of its expansion.
 */
function checkAliases(text: string, root: YamlNode): void {
  const size = new Map<YamlNode, number>();
  const open = new Set<YamlNode>();
  const aliases: YamlNode[] = [];
  let literal = 0;
  // Literal nodes (an alias counted once), and the aliases written in the text.
  const walk: YamlNode[] = [root];
  while (walk.length) {
    const node = walk.pop()!;
    literal += 1;
    if (node.kind === KIND.ANCHOR_REF) aliases.push(node);
    else for (const child of children(node)) walk.push(child); // not push(...): a mapping may have 100,000s of keys
  }
  if (aliases.length === 0) return;
  // Expanded sizes, post-order; a node met again while open is a self-reference (read as null).
  const stack: Array<[YamlNode, boolean]> = [[root, false]];
  while (stack.length) {
    const [node, done] = stack.pop()!;
    if (done) {
      open.delete(node);
      const own = node.kind === KIND.ANCHOR_REF ? 0 : 1;
      size.set(
        node,
        children(node).reduce((sum, child) => sum + (size.get(child) ?? 1), own),
      );
      continue;
    }
    if (size.has(node) || open.has(node)) continue;
    open.add(node);
    stack.push([node, true]);
    for (const child of children(node)) if (!size.has(child) && !open.has(child)) stack.push([child, false]);
  }
  const added = (size.get(root) ?? 0) - literal;
  if (added <= YAML_MAX_ALIAS_NODES) return;
  const worst = aliases.reduce((a, b) => ((size.get(b) ?? 0) > (size.get(a) ?? 0) ? b : a));
  const { line, column } = lineColumn(text, worst.startPosition);
  const count = (n: number) => (Number.isFinite(n) && n < 1e15 ? String(n) : 'more than 10^15');
  throw new TextError(
    line,
    column,
    `its aliases would expand the document by ${count(added)} nodes (this alias alone by ${count(size.get(worst) ?? 0)}), over the limit of ${YAML_MAX_ALIAS_NODES} (YAML_MAX_ALIAS_NODES): nested aliases multiply ("billion laughs"); write the repeated parts out or nest fewer aliases`,
  );
}

/** The YAML reader's scalar functions (yaml-ast-parser's), to read a scalar as its data. */
interface ScalarReader {
  determineScalarType(node: YamlNode): number;
  parseYamlBoolean(text: unknown): boolean;
  parseYamlBigInteger(text: unknown): bigint | number;
  parseYamlFloat(text: unknown): number;
}
/** yaml-ast-parser's ScalarType. */
const SCALAR = { NULL: 0, BOOL: 1, INT: 2, FLOAT: 3, STRING: 4 } as const;

/**
 * The reader's AST without its own duplicate-key check (it compares each key with every earlier key
 * of its mapping: a 4 MiB file with one mapping of 400,000 keys took minutes; checkDuplicateKeys
 * finds duplicates with a set per mapping instead), and the data of an AST (dataOf).
 */
export function linearReader() {
  const { ast } = prismYamlReader();
  const load = ast.load as (text: string, options: { ignoreDuplicateKeys: true }) => YamlNode | undefined;
  return { load: (text: string) => load(text, { ignoreDuplicateKeys: true }), scalars: ast as unknown as ScalarReader };
}

/** A scalar's value as the reader's parse reads it (`@stoplight/yaml`, JSON mode: no big integers). */
function scalarOf(scalars: ScalarReader, node: YamlNode): unknown {
  switch (scalars.determineScalarType(node)) {
    case SCALAR.NULL:
      return null;
    case SCALAR.BOOL:
      return scalars.parseYamlBoolean(node.value);
    case SCALAR.INT:
      return Number(scalars.parseYamlBigInteger(node.value));
    case SCALAR.FLOAT:
      return scalars.parseYamlFloat(node.value);
    default:
      return String(node.value);
  }
}

/**
 * The data of a YAML AST, as the reader's parse (`@stoplight/yaml` parseWithPointers) reads it but
 * for one thing: every key is an own property, as JSON.parse makes it. The reader sets each key with
 * `object[key] = value`, so a `__proto__` key became the object's prototype, and a step's defaults
 * and the contract's `required` were read through it (a `__proto__: {status: 503}` step served 503).
 * A key that is no scalar (`? [a]`) is left out, as the reader leaves it; an alias inside the value
 * it names (a self-reference) is null. Recursive, as the AST's reader is: a document too deep for it
 * fails there first.
 */
function dataOf(scalars: ScalarReader, root: YamlNode): unknown {
  const open = new Set<YamlNode>();
  const walk = (node: YamlNode | null | undefined): unknown => {
    if (!node) return null;
    switch (node.kind) {
      case KIND.SCALAR:
        return scalarOf(scalars, node);
      case KIND.ANCHOR_REF: {
        const target = node.value as YamlNode | null | undefined;
        return target && open.has(target) ? null : walk(target);
      }
      case KIND.SEQ: {
        open.add(node);
        const items = (node.items ?? []).map((item) => walk(item));
        open.delete(node);
        return items;
      }
      case KIND.MAP: {
        open.add(node);
        const object: Record<string, unknown> = {};
        for (const { key, value } of node.mappings ?? []) {
          if (key?.kind !== KIND.SCALAR) continue;
          const data = walk(value);
          // An integer key as written in full (1e21 stays 1000000000000000000000), as the reader keys it.
          const name =
            scalars.determineScalarType(key) === SCALAR.INT
              ? String(scalars.parseYamlBigInteger(key.value))
              : String(scalarOf(scalars, key));
          Object.defineProperty(object, name, {
            value: data,
            writable: true,
            enumerable: true,
            configurable: true,
          });
        }
        open.delete(node);
        return object;
      }
      default:
        return null;
    }
  };
  return walk(root);
}

/** Refuses a mapping that has a key twice (at the second), as the reader's own check did. */
function checkDuplicateKeys(text: string, root: YamlNode): void {
  const walk: YamlNode[] = [root];
  while (walk.length) {
    const node = walk.pop()!;
    if (node.kind === KIND.ANCHOR_REF) continue; // its anchor is walked where it is written
    if (node.kind === KIND.MAP) {
      const seen = new Set<unknown>();
      for (const { key } of node.mappings ?? []) {
        if (key?.kind !== KIND.SCALAR) continue;
        keyOnce(seen, key.value, text, key.startPosition);
      }
    }
    for (const child of children(node)) walk.push(child);
  }
}

/**
 * YAML (or JSON) text parsed with the YAML reader Prism installs (scenario files and the spec), every
 * key an own property (a `__proto__` key is data, as JSON.parse reads it, never a prototype).
 * Throws a TextError (`line L, column C: reason`) for a syntax error, a duplicate key or aliases that
 * would expand past YAML_MAX_ALIAS_NODES; an Error for a document nested too deeply to read.
 */
export function parseYaml(text: string): unknown {
  const reader = linearReader();
  const nested = (error: unknown) => {
    if (error instanceof RangeError)
      return new Error(`nested too deeply to read (${error.message}): flatten the document`);
    return error;
  };
  let root: YamlNode | undefined;
  try {
    root = reader.load(text);
  } catch (error) {
    throw nested(error);
  }
  if (!root) return undefined;
  const error = root.errors?.find((e) => !e.isWarning);
  if (error) throw new TextError((error.mark?.line ?? 0) + 1, (error.mark?.column ?? 0) + 1, error.reason);
  checkDuplicateKeys(text, root);
  checkAliases(text, root);
  try {
    return dataOf(reader.scalars, root);
  } catch (error) {
    throw nested(error);
  }
}
