// Each bin's options, declared once in a table (src/mock/cli-options.ts, src/verify/cli-options.ts):
// from it come node's parseArgs config, the --help lines, docs/cli.md's list (a test holds the page to
// the table), which options may be given only once, and the nearest option to one mistyped.
import { parseArgs } from 'node:util';
import { onceEach, optionError, usageError } from './cli-args.js';

/** One option of a bin: everything --help, the docs and the parser say of it. */
export interface CliOption {
  /** Without the dashes: `port`. */
  name: string;
  type: 'string' | 'boolean';
  /** What its value is called in the help (`N`, `FILE`); string options only. */
  placeholder?: string;
  /** Given more than once, every value counts; otherwise a second, different value is refused. */
  multiple?: boolean;
  /** The value parseArgs gives when the option is absent, and what the help names as the default. */
  default?: string;
  /** What it does, in one sentence (the default and "repeatable" are added from the fields above). */
  help: string;
}

/** `--port N`, `--no-auth`. */
export const flagOf = (option: CliOption) => `--${option.name}${option.placeholder ? ` ${option.placeholder}` : ''}`;

/** The option's help text with what the table adds: `… (repeatable)`, `… (default 127.0.0.1)`. */
export function describeOption(option: CliOption): string {
  const notes = [option.multiple ? 'repeatable' : '', option.default !== undefined ? `default ${option.default}` : ''];
  const added = notes.filter(Boolean).join('; ');
  return added ? `${option.help} (${added})` : option.help;
}

const FLAG_COLUMN = 23;
const HELP_WIDTH = 100;

/** The options as --help prints them: the flag, then its description wrapped under a column of its own. */
export function optionsHelp(table: readonly CliOption[]): string {
  const lines: string[] = [];
  for (const option of table) {
    let line = `  ${flagOf(option)}`.padEnd(FLAG_COLUMN - 1) + ' ';
    let first = true;
    for (const word of describeOption(option).split(' ')) {
      if (!first && line.length + 1 + word.length > HELP_WIDTH) {
        lines.push(line);
        line = ' '.repeat(FLAG_COLUMN) + word;
      } else line += (first ? '' : ' ') + word;
      first = false;
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** The options as docs/cli.md lists them, one Markdown list item each (`<API path>` escaped, not taken for HTML). */
export function optionsMarkdown(table: readonly CliOption[]): string {
  return table.map((option) => `- \`${flagOf(option)}\`: ${describeOption(option).replace(/</g, '\\<')}`).join('\n');
}

/** What parseArgs gives for a table declared `as const`: a boolean, a list, or a string (maybe absent). */
export type OptionValues<T extends readonly CliOption[]> = {
  [O in T[number] as O['name']]: O['type'] extends 'boolean'
    ? boolean
    : O['multiple'] extends true
      ? string[] | undefined
      : O['default'] extends string
        ? string
        : string | undefined;
};

type Config = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; default?: string | boolean }>;

/** node's parseArgs options for the table (a boolean is false when absent). */
export function parseConfig(table: readonly CliOption[]): Config {
  return Object.fromEntries(
    table.map(({ name, type, multiple, default: value }) => [
      name,
      {
        type,
        ...(multiple ? { multiple } : {}),
        ...(type === 'boolean' ? { default: false } : value !== undefined ? { default: value } : {}),
      },
    ]),
  );
}

/**
 * The edit distance of two names, a swap of neighbours counting as one (optimal string alignment):
 * `prot` is 1 from `port`.
 */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  return d[a.length]![b.length]!;
}

/** The table's option nearest to `typed` (no dashes), when it is near enough to be what was meant. */
export function nearestOption(table: readonly CliOption[], typed: string): string | undefined {
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const { name } of table) {
    const distance = editDistance(typed.toLowerCase(), name);
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/**
 * The first argument that names an option the table does not have: `--prot` gives `prot`; `-port`
 * gives `port` (one dash: node reads it as the short options -p -o -r -t).
 */
function unknownTyped(table: readonly CliOption[], args: readonly string[]): string | undefined {
  for (const arg of args) {
    if (arg === '--') return undefined;
    const [, dashes, typed] = /^(--?)([^=-][^=]*)/.exec(arg) ?? [];
    if (typed && (dashes === '-' || !table.some((o) => o.name === typed))) return typed;
  }
  return undefined;
}

/**
 * The command line read by the table: an unknown option is a usage error with the nearest known one
 * (`did you mean --port?`), an option that takes one value given twice with different values too.
 */
export function parseOptions<T extends readonly CliOption[]>(
  bin: string,
  table: T,
  args: string[] = process.argv.slice(2),
): OptionValues<T> {
  let parsed;
  try {
    parsed = parseArgs({ args, strict: true, tokens: true, options: parseConfig(table) });
  } catch (error) {
    const typed = (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknownTyped(table, args);
    const near = typed ? nearestOption(table, typed) : undefined;
    if (near) usageError(bin, `${(error as Error).message.replace(/\.?$/, '')}: did you mean --${near}?`);
    return optionError(bin, error);
  }
  onceEach(
    bin,
    parsed.tokens,
    table.filter((o) => o.type === 'string' && !o.multiple).map((o) => o.name),
  );
  return parsed.values as OptionValues<T>;
}
