// A scenario file (`sms-command-mock --scenario FILE`): read bounded, parsed as JSON or YAML, and each
// problem told with the file, line and column it is at: a syntax error, and a step the contract
// refuses (pointing at that step's field in the file).
import { type ScriptError } from '../../errors/script-error.js';
import { describeViolation, listViolations, MAX_VIOLATIONS } from '../../contract/violations.js';
import { TextError } from '../../errors/text-error.js';
import { parseJsonDocument } from '../texts/json.js';
import { describeHits, scanForSecrets } from '../record/secrets.js';
import type { Step } from './step-types.js';
import { lineColumnIn, SCENARIO_MAX_BYTES } from '../texts/files.js';
import { readTextFile, unreadableReason } from '../../files.js';
import { parseYaml } from '../texts/yaml.js';
import { locatorIn } from '../texts/yaml-locator.js';

/** A scenario read: its scripts by API path, and what is needed to say where a refused step is. */
export interface Scenario {
  file: string;
  scripts: Record<string, Step[]>;
  /** The file's text, to find a refused field in. */
  text: string;
}

/** A scenario file that cannot be used; the message names the file (and line and column where known). */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  /** True when the file itself could not be read (missing, unreadable): its content was never seen. */
  readonly unreadable: boolean;
  constructor(message: string, { unreadable = false }: { unreadable?: boolean } = {}) {
    super(message);
    this.unreadable = unreadable;
  }
}

/**
 * Reads a scenario; throws a ScenarioError saying what is wrong and where. A file holding anything
 * shaped like a credential, or one of `secrets` by value, is refused (record/secrets.ts).
 */
export function readScenario(file: string, secrets: readonly string[] = []): Scenario {
  let text: string;
  try {
    text = readTextFile(file, SCENARIO_MAX_BYTES, 'SCENARIO_MAX_BYTES');
  } catch (error) {
    throw new ScenarioError(`--scenario ${file}: ${unreadableReason(error)}`, { unreadable: true });
  }
  const format = /\.json$/i.test(file) ? 'JSON' : 'YAML';
  let parsed: unknown;
  try {
    parsed = format === 'JSON' ? parseJsonDocument(text) : parseYaml(text);
  } catch (error) {
    if (error instanceof TextError)
      throw new ScenarioError(
        `--scenario ${file}:${error.line}:${error.column}: not valid ${format}: ${error.reason} (line ${error.line}, column ${error.column}: fix the file there)`,
      );
    throw new ScenarioError(`--scenario ${file}: not valid ${format}: ${(error as Error).message}`);
  }
  const hits = scanForSecrets(parsed, secrets);
  if (hits.length) throw new ScenarioError(describeHits(`--scenario ${file}`, hits, 'not loaded'));
  const scripts = (parsed as { scripts?: unknown } | null)?.scripts;
  if (!scripts || typeof scripts !== 'object' || Array.isArray(scripts))
    throw new ScenarioError(`--scenario ${file}: expected { "scripts": { "<API path>": [steps] } }`);
  return { file, scripts: scripts as Record<string, Step[]>, text };
}

/** `["a\"b"]` at `at` in `field`: the string and the index past `]`, or undefined. */
function quotedKey(field: string, at: number): { key: string; end: number } | undefined {
  const match = /^\["(?:[^"\\]|\\.)*"\]/.exec(field.slice(at));
  if (!match) return undefined;
  try {
    return { key: JSON.parse(match[0].slice(1, -1)) as string, end: at + match[0].length };
  } catch {
    return undefined;
  }
}

/**
 * A violation's field after the script's key (`[0].body.command_param.task_id`) as keys and indexes
 * into the steps. A `.name` takes the longest key of the value there that the field spells (a key may
 * hold a dot); where the value has none, up to the next `.` or `[`.
 */
function fieldPath(rest: string, steps: unknown): Array<string | number> {
  const path: Array<string | number> = [];
  let node = steps;
  let at = 0;
  while (at < rest.length) {
    let segment: string | number;
    const index = /^\[(\d+)\]/.exec(rest.slice(at));
    const quoted = index ? undefined : quotedKey(rest, at);
    if (index) {
      segment = Number(index[1]);
      at += index[0].length;
    } else if (quoted) {
      segment = quoted.key;
      at = quoted.end;
    } else if (rest[at] === '.') {
      const ends = (key: string) => rest.startsWith(key, at + 1) && /^(?:$|[.[])/.test(rest.slice(at + 1 + key.length));
      const keys = node && typeof node === 'object' && !Array.isArray(node) ? Object.keys(node).filter(ends) : [];
      segment = keys.sort((a, b) => b.length - a.length)[0] ?? /^[^.[]*/.exec(rest.slice(at + 1))![0];
      at += 1 + segment.length;
    } else break;
    path.push(segment);
    // Own keys only: a `constructor` the steps do not have is not Object's.
    node =
      node && typeof node === 'object' && Object.hasOwn(node, segment)
        ? (node as Record<string | number, unknown>)[segment]
        : undefined;
  }
  return path;
}

/**
 * The most problems the bin lists for a scenario the mock refused: MAX_VIOLATIONS, the most any
 * refusal lists; the rest are counted. A 4 MiB file (SCENARIO_MAX_BYTES) can hold hundreds of
 * thousands of unlisted fields: listed, each with its place, they would be a hundred megabytes on
 * the terminal, and the first ones say what to fix.
 */
export const SCENARIO_MAX_PROBLEMS = MAX_VIOLATIONS;

/**
 * The bin's message for a scenario whose steps the mock refused: one line per violation (the
 * ScriptError lists at most MAX_VIOLATIONS), each with its place in the file (`FILE:LINE:COL:
 * scripts["<path>"] steps[0].body.x: … (rule)`), in the file's order, those without a place first;
 * last, the count of those not listed (`FILE: scripts["<path>"]: and N more problems … (MAX_VIOLATIONS)`).
 */
export function scenarioScriptError(scenario: Scenario, error: ScriptError): string {
  const locate = locatorIn(scenario.text);
  const place = lineColumnIn(scenario.text);
  const listed = listViolations(error.violations);
  const counted = listed.length > MAX_VIOLATIONS ? listed.pop() : undefined;
  const lines = listed.map((violation) => {
    const prefix = /^scripts(?=\[")/.exec(violation.field) && quotedKey(violation.field, 'scripts'.length);
    if (!prefix || !Object.hasOwn(scenario.scripts, prefix.key))
      return { offset: -1, line: `--scenario ${scenario.file}: ${describeViolation(violation)}` };
    const rest = violation.field.slice(prefix.end);
    const offset = locate(['scripts', prefix.key, ...fieldPath(rest, scenario.scripts[prefix.key])]);
    const at = offset === undefined ? undefined : place(offset);
    const field = `scripts[${JSON.stringify(prefix.key)}]${rest.startsWith('[') ? ` steps${rest}` : rest}`;
    const where = at ? `:${at.line}:${at.column}` : '';
    return {
      offset: offset ?? -1,
      line: `--scenario ${scenario.file}${where}: ${describeViolation({ ...violation, field })}`,
    };
  });
  return [
    ...lines.sort((a, b) => a.offset - b.offset).map(({ line }) => line),
    ...(counted ? [`--scenario ${scenario.file}: ${describeViolation(counted)}`] : []),
  ].join('\n');
}
