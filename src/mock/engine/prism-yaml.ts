// The YAML reader Prism installs (`@stoplight/yaml` under prism-http) and its AST parser, taken from
// Prism's own install as prism.ts takes its engine: scenario files and the spec are read with it.
import { createRequire } from 'node:module';
import { prismRequire } from './prism.js';

/** A node of Prism's YAML AST (`@stoplight/yaml-ast-parser`), as the alias check reads it. */
export interface YamlNode {
  kind: number;
  startPosition: number;
  value?: unknown;
  mappings?: Array<{ key?: YamlNode; value?: YamlNode | null }>;
  items?: Array<YamlNode | null>;
  errors?: Array<{ reason: string; isWarning?: boolean; mark?: { line: number; column: number } }>;
}

/** The YAML reader Prism installs (under prism-http), and its AST parser: scenario files and the spec are read with it. */
export function prismYamlReader(): {
  yaml: { parse(text: string): unknown };
  ast: { load(text: string): YamlNode | undefined };
} {
  const load = prismRequire();
  const yamlRequire = createRequire(
    createRequire(load.resolve('@stoplight/prism-http/package.json')).resolve('@stoplight/yaml'),
  );
  return {
    yaml: yamlRequire('@stoplight/yaml') as { parse(text: string): unknown },
    ast: yamlRequire('@stoplight/yaml-ast-parser') as { load(text: string): YamlNode | undefined },
  };
}
