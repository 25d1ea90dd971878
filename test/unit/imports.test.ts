// Gates on how src/ is wired: no import cycle (type-only imports count too: a cycle of types is still
// two modules that cannot be read apart), and package.json "imports" pointing the sources and dist/ at
// the same modules.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';

const SOURCE_CONDITION = 'sms-command-contract:source';
type ImportMap = Record<string, Record<string, string | Record<string, string>>>;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { imports: ImportMap };

/** Every file a `#name` specifier can resolve to from the sources (each condition under the source one). */
function sourceTargets(specifier: string): string[] {
  const entry = pkg.imports[specifier]?.[SOURCE_CONDITION];
  if (!entry) throw new Error(`package.json imports has no ${SOURCE_CONDITION} condition for ${specifier}`);
  return Object.values(typeof entry === 'string' ? { default: entry } : entry).map((target) => resolve(root, target));
}

/** The modules of src/ each module imports (static, re-exports and dynamic; type-only included). */
function importGraph(): Map<string, string[]> {
  const src = join(root, 'src');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(src, f));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const edges: string[] = [];
    for (const [, specifier] of text.matchAll(/(?:\bfrom|^import|\bimport\()\s*['"]([^'"]+)['"]/gm)) {
      if (specifier!.startsWith('.')) edges.push(resolve(dirname(file), specifier!.replace(/\.js$/, '.ts')));
      else if (specifier!.startsWith('#')) edges.push(...sourceTargets(specifier!));
    }
    graph.set(
      file,
      edges.filter((edge) => edge.startsWith(src)),
    );
  }
  return graph;
}

/** The first cycle found by depth-first search, as a list of paths relative to the root; or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle.map((file) => relative(root, file));
  }
  return undefined;
}

describe('how src/ is wired', () => {
  it('has no import cycle', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(20);
    for (const [file, edges] of graph) {
      for (const edge of edges)
        expect(graph.has(edge), `${relative(root, file)} -> ${relative(root, edge)}`).toBe(true);
    }
    expect(findCycle(graph)).toBeUndefined();
  });

  it('the checker finds a cycle, also through type-only imports', () => {
    const a = join(root, 'src/a.ts'),
      b = join(root, 'src/b.ts'),
      c = join(root, 'src/c.ts');
    const cycle = findCycle(
      new Map([
        [a, [b]],
        [b, [c]],
        [c, [a]],
      ]),
    );
    expect(cycle).toEqual(['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts']);
    expect(
      findCycle(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, []],
        ]),
      ),
    ).toBeUndefined();
  });

  it('package.json "imports": the source condition and the published targets name the same modules', () => {
    for (const [specifier, map] of Object.entries(pkg.imports)) {
      const { [SOURCE_CONDITION]: source, ...published } = map;
      expect(Object.keys(map)[0], `${specifier}: the source condition must come first`).toBe(SOURCE_CONDITION);
      const compiledPath = (target: string) => target.replace(/^\.\/src\//, './dist/src/').replace(/\.ts$/, '.js');
      const targets = Object.entries(source as Record<string, string>);
      const compiled = Object.fromEntries(targets.map(([condition, target]) => [condition, compiledPath(target)]));
      expect(published, specifier).toEqual(compiled);
    }
  });
});
