// Where a value is in a YAML or JSON text, for the messages that name a line and column (a scenario
// step the contract refuses): read with the same reader as parseYaml (yaml.ts).
import type { YamlNode } from '../engine/prism-yaml.js';
import { KIND, linearReader } from './yaml.js';

/**
 * Where values are in a YAML (or JSON: the same reader gives JSON's positions) text: a function from
 * a path (object keys and array indexes from the root) to the offset of the value's key when it is an
 * object member, of the item when it is an array item. Where the path leaves the document (a default
 * the text left out), the deepest part that is there; undefined when the text cannot be read. An
 * alias is followed to its anchor's value; of two equal keys (JSON), the last, as JSON.parse reads it.
 * The text is read once, on the first call.
 */
export function locatorIn(text: string): (path: ReadonlyArray<string | number>) => number | undefined {
  let root: YamlNode | null | undefined;
  let read = false;
  return (path) => {
    if (!read) {
      read = true;
      try {
        root = linearReader().load(text);
      } catch {
        root = undefined; // nested too deeply to read: the message goes without a place
      }
    }
    let node = root;
    if (!node) return undefined;
    let at = node.startPosition;
    for (const segment of path) {
      while (node?.kind === KIND.ANCHOR_REF) node = node.value as YamlNode | undefined;
      if (!node) break;
      if (node.kind === KIND.MAP && typeof segment === 'string') {
        const mappings: NonNullable<YamlNode['mappings']> = node.mappings ?? [];
        let member: NonNullable<YamlNode['mappings']>[number] | undefined;
        for (let i = mappings.length - 1; i >= 0 && !member; i--)
          if (mappings[i]?.key?.value === segment) member = mappings[i];
        if (!member?.key) break;
        at = member.key.startPosition;
        node = member.value;
      } else if (node.kind === KIND.SEQ && typeof segment === 'number') {
        const item = node.items?.[segment];
        if (!item) break;
        at = item.startPosition;
        node = item;
      } else break;
    }
    return at;
  };
}
