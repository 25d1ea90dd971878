// What a user sees for a scenario file they got wrong, from our readers (through the built bin's
// `--check-scenario`, as a user meets them) beside what the `yaml` package says of the same text, for
// bench/parsers.mjs: the messages half of weighing `yaml` against the hand-written readers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { root } from '../../scripts/root.mjs';
import { laughs } from './parser-inputs.mjs';

const PATH = '/v3/sources/s1/command';
const STEP = '{"status":200,"body":{"command_name":"START"}}';
/** The bad inputs users make: a file name (its extension picks the reader) and its bytes. */
export const BAD_INPUTS = [
  ['a tab indent', 'tab.yaml', `scripts:\n\t"${PATH}":\n\t\t- status: 200\n`],
  ['a tab among the spaces', 'tab-mixed.yaml', `scripts:\n  "${PATH}":\n    - status: 200\n\t  times: 2\n`],
  ['an unclosed quote', 'quote.yaml', `scripts:\n  "${PATH}:\n    - status: 200\n`],
  ['a key twice (YAML)', 'twice.yaml', `scripts:\n  "${PATH}":\n    - status: 200\n  "${PATH}":\n    - status: 503\n`],
  ['a "billion laughs"', 'laughs.yaml', laughs],
  ['a trailing comma (JSON)', 'comma.json', `{"scripts":{"${PATH}":[${STEP},]}}`],
  ['a truncated JSON file', 'truncated.json', `{"scripts":{"${PATH}":[${STEP}`],
  ['a key twice (JSON)', 'twice.json', `{"scripts":{"${PATH}":[${STEP}],"${PATH}":[]}}`],
  [
    'a Latin-1 byte (not UTF-8)',
    'latin1.yaml',
    Buffer.concat([Buffer.from(`scripts:\n  "${PATH}":\n    - note: "caf`), Buffer.from([0xe9]), Buffer.from('"\n')]),
  ],
];

/** The first line the bin prints for `--check-scenario FILE`, and its exit code. */
function ours(file) {
  try {
    const out = execFileSync(process.execPath, [join(root, 'dist/src/mock/cli.js'), '--check-scenario', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return `exit 0: ${out.split('\n')[0]}`;
  } catch (error) {
    return `exit ${error.status}: ${`${error.stderr}${error.stdout}`.split('\n')[0]}`;
  }
}

/**
 * What `yaml` says of the text the bin reads (the file decoded as UTF-8, as readTextFile does): the
 * first line of its error's message (the rest is an excerpt of the text), or the start of what it read.
 * @param {number} maxAliasCount
 */
function theirs(text, maxAliasCount) {
  try {
    return `read: ${JSON.stringify(parse(text, { maxAliasCount, uniqueKeys: true })).slice(0, 60)}…`;
  } catch (error) {
    return `${error.name}${error.linePos ? '' : ' (no position)'}: ${error.message.split('\n')[0]}`;
  }
}

/** The messages table: each bad input, our bin's first line and `yaml`'s message. */
export function messagesTable(maxAliasCount) {
  const dir = mkdtempSync(join(tmpdir(), 'sms-bench-messages-'));
  const cell = (s) => s.replaceAll('|', '\\|').replaceAll('\n', '⏎').replaceAll(dir, 'DIR');
  try {
    const lines = ['| input | ours (`--check-scenario`) | `yaml` 2 (`parse`) |', '|---|---|---|'];
    for (const [name, base, bytes] of BAD_INPUTS) {
      const file = join(dir, base);
      writeFileSync(file, bytes);
      const text = Buffer.from(bytes).toString('utf8');
      lines.push(`| ${name} (\`${base}\`) | ${cell(ours(file))} | ${cell(theirs(text, maxAliasCount))} |`);
    }
    return lines.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
