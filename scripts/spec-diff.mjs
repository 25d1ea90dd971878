// `npm run spec:diff -- --base <git-ref>`: what a spec change does to clients, per API version.
// Bundles each version at <git-ref> and in the working tree, diffs them with api-smart-diff, prints a
// Markdown report (breaking changes first, then new command values, then the rest) and exits 1 when
// anything breaks clients, 2 when it could not compare.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { apiCompare } from 'api-smart-diff';
import { bundleApis, root, VERSIONS } from './bundle.mjs';
import { isMain } from './root.mjs';

const run = promisify(execFile);
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
// Component diffs that api-smart-diff also reports, resolved and direction-aware, under paths.
const MIRRORED = new Set(['schemas', 'parameters', 'responses', 'headers', 'requestBodies', 'pathItems']);

/** @typedef {import('./bundle.mjs').OpenApiDocument} OpenApiDocument */
/**
 * `value` is set on a new command value: the value itself; `changelog` says whether the version's
 * CHANGELOG.md names it (filled in by diffAgainst, which reads the file).
 * @typedef {{ type: string; operation: string; field: string; description: string; value?: string; changelog?: boolean }} SpecChange
 */
/** @typedef {{ version: import('./bundle.mjs').Version; added: boolean; breaking: SpecChange[]; commandValues: SpecChange[]; other: SpecChange[] }} VersionDiff */

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

/** A mistake spec:diff can name (exit 2): the message says what is wrong and how to fix it. */
export class SpecDiffError extends Error {
  /** @override */
  name = 'SpecDiffError';
}

/**
 * The commit `ref` names in the repository at `root`, or a SpecDiffError saying why there is none:
 * git missing, not a repository, a ref that is not there (or not fetched).
 * @param {string} ref
 * @returns {Promise<string>}
 */
async function commitOf(ref) {
  const git = (/** @type {string[]} */ ...args) => run('git', ['-C', root, ...args]);
  await git('rev-parse', '--git-dir').catch((/** @type {any} */ error) => {
    if (error.code === 'ENOENT')
      throw new SpecDiffError('git is not installed (spec:diff reads --base with git): install git');
    throw new SpecDiffError(
      `${root} is not in a git repository, so there is no --base ${ref} to read: run spec:diff in a clone of the repository`,
    );
  });
  // --end-of-options: a ref is never read as an option of git (`--base=--output=…`).
  const { stdout } = await git('rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`).catch(() => ({
    stdout: '',
  }));
  if (stdout.trim()) return stdout.trim();
  const shallow =
    (await git('rev-parse', '--is-shallow-repository').catch(() => ({ stdout: '' }))).stdout.trim() === 'true';
  throw new SpecDiffError(
    `--base ${ref} is not a branch, tag or commit of this repository: check the name (git branch -a lists branches)${
      shallow
        ? ', or fetch it: this clone is shallow (git fetch --unshallow; in CI, actions/checkout with fetch-depth: 0)'
        : ', or fetch it (git fetch origin)'
    }`,
  );
}

/** @param {string} ref */
async function bundleAt(ref) {
  const commit = await commitOf(ref);
  const missing = [];
  for (const [path, name] of [
    ['spec', 'spec/'],
    ['redocly.yaml', 'redocly.yaml'],
  ])
    if (
      !(await run('git', ['-C', root, 'cat-file', '-e', `${commit}:${path}`]).then(
        () => true,
        () => false,
      ))
    )
      missing.push(name);
  if (missing.length)
    throw new SpecDiffError(
      `--base ${ref} has no ${missing.join(' and no ')} to compare with: give a ref from after the specs were added`,
    );
  const dir = await mkdtemp(join(tmpdir(), 'sms-spec-base-'));
  try {
    const { stdout: tar } = await run(
      'git',
      ['-C', root, 'archive', '--format=tar', commit, '--', 'spec', 'redocly.yaml'],
      { encoding: 'buffer', maxBuffer: 64 << 20 },
    ).catch((error) => {
      throw new Error(`cannot read spec/ and redocly.yaml at ${ref}: ${String(error.stderr ?? error.message).trim()}`);
    });
    await /** @type {Promise<void>} */ (
      new Promise((resolve, reject) => {
        const child = execFile('tar', ['-x', '-C', dir], (error) => (error ? reject(error) : resolve()));
        child.stdin?.end(tar);
      })
    );
    return await bundleApis(dir, { optional: true });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A CHANGELOG's newest section (from its first `## ` heading to the next): where a new value must be
 * named, not in an older entry that happens to quote it.
 * @param {string} text
 */
export function newestSection(text) {
  const start = text.search(/^## /m);
  if (start < 0) return '';
  const next = text.slice(start + 3).search(/^## /m);
  return next < 0 ? text.slice(start) : text.slice(start, start + 3 + next);
}

/**
 * Diffs every version at `base` against the working tree.
 * @param {string} base
 * @returns {Promise<VersionDiff[]>}
 */
export async function diffAgainst(base) {
  const [before, after] = await Promise.all([bundleAt(base), bundleApis()]);
  return Promise.all(
    VERSIONS.map(async (version) => {
      if (!before[version]) return { version, added: true, breaking: [], commandValues: [], other: [] };
      const diff = diffDocuments(before[version].document, after[version].document);
      if (diff.commandValues.length) {
        const changelog = newestSection(
          await readFile(join(root, 'spec', version, 'CHANGELOG.md'), 'utf8').catch(() => ''),
        );
        for (const c of diff.commandValues) c.changelog = changelog.includes(`\`${c.value}\``);
      }
      return { version, added: false, ...diff };
    }),
  );
}

/** @type {(c: SpecChange) => string} */
const line = (c) => `- ${c.operation} — ${c.description.replace(/\n/g, ' ')} (\`${c.field}\`, ${c.type})`;

/**
 * @param {string} version
 * @returns {(c: SpecChange) => string}
 */
const valueLine = (version) => (c) =>
  line(c) +
  (c.changelog === undefined
    ? ''
    : c.changelog
      ? `; named in spec/${version}/CHANGELOG.md`
      : `; not yet in spec/${version}/CHANGELOG.md: add a line naming \`${c.value}\``);

/**
 * @param {VersionDiff[]} results
 * @param {string} base
 */
export function renderReport(results, base) {
  const breaking = results.reduce((n, r) => n + r.breaking.length, 0);
  const values = results.reduce((n, r) => n + r.commandValues.length, 0);
  const out = [
    `## Spec review against \`${base}\``,
    '',
    breaking
      ? `**${breaking} breaking change${breaking === 1 ? '' : 's'}.** A breaking change needs a new API version folder, not an edit (see CONTRIBUTING.md); label the pull request \`new-api-version\` if that is what it is.`
      : '**No breaking changes.**',
    ...(values
      ? [
          '',
          `**${values} new command value${values === 1 ? '' : 's'}**, not breaking: CONTRIBUTING.md's standing exception for \`command_name\` (read tolerantly by design) — add ${values === 1 ? 'it' : 'them'} to the known set of the current version, no new version folder, no label, and say so in the version's CHANGELOG.md.`,
        ]
      : []),
    '',
  ];
  for (const { version, added, breaking: broken, commandValues, other } of results) {
    out.push(`### ${version}`, '');
    if (added) {
      out.push(`New version: \`${version}\` does not exist at \`${base}\`.`, '');
      continue;
    }
    if (!broken.length && !commandValues.length && !other.length) {
      out.push('No changes.', '');
      continue;
    }
    if (broken.length) out.push(`**Breaking (${broken.length})**`, '', ...broken.map(line), '');
    if (commandValues.length)
      out.push(
        `**New command values (${commandValues.length})** — CONTRIBUTING's exception: add to the known set, say so in the CHANGELOG`,
        '',
        ...commandValues.map(valueLine(version)),
        '',
      );
    if (other.length) out.push(`**Other changes (${other.length})**`, '', ...other.map(line), '');
  }
  return out.join('\n');
}

export const HELP = `npm run spec:diff -- --base <git-ref>

What a spec change does to clients: bundles each API version at <git-ref> and in the working tree,
diffs them and prints a Markdown report per version: breaking changes, new command values
(CONTRIBUTING.md's exception for command_name), other changes. What counts as breaking: CONTRIBUTING.md.

  --base REF   the branch, tag or commit to compare the working tree with (main, origin/main, a sha)
  --help

Exit 0: nothing breaks clients (new command values included); 1: a breaking change (it needs a new
API version folder); 2: could not compare (a mistake on the command line, a ref that is not there,
a spec that does not bundle).`;

/**
 * The --base of a spec:diff command line, or a SpecDiffError naming the mistake; undefined for --help.
 * @param {string[]} args
 * @returns {string | undefined}
 */
export function baseFrom(args) {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { base: { type: 'string', multiple: true }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    const { code, message } = /** @type {Error & { code?: string }} */ (error);
    const option = /'(-[^']*)'/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new SpecDiffError(`unknown option ${option}: the one option is --base <git-ref> (--base main)`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new SpecDiffError(
        `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ''}: give the ref as --base <git-ref>`,
      );
    // A missing value, or one that looks like an option: --base then nothing, or --base --help.
    throw new SpecDiffError('--base needs a git ref: a branch, tag or commit (--base main)');
  }
  if (values.help) return undefined;
  const [base, ...more] = values.base ?? [];
  if (!base) throw new SpecDiffError('give --base <git-ref>: the branch, tag or commit to compare with (--base main)');
  const other = more.find((ref) => ref !== base);
  if (other !== undefined)
    throw new SpecDiffError(
      `--base ${JSON.stringify(base)}, then ${JSON.stringify(other)}: only one can count; give --base once`,
    );
  return base;
}

// Run, not imported (the tests import it).
if (isMain(import.meta.url)) {
  try {
    const base = baseFrom(process.argv.slice(2));
    if (base === undefined) {
      console.log(HELP);
      process.exit(0);
    }
    const results = await diffAgainst(base);
    console.log(renderReport(results, base));
    process.exit(results.some((r) => r.breaking.length) ? 1 : 0);
  } catch (error) {
    // A mistake it can name: one line and the way to the options. Anything else (a spec that does
    // not bundle) by its message: still one exit 2, never a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      `spec:diff: ${message}${error instanceof SpecDiffError ? '\nRun npm run spec:diff -- --help for the options.' : ''}`,
    );
    process.exit(2);
  }
}
