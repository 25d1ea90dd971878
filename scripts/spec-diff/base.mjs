// The other side of the comparison: the specs at a git ref, read with git into a scratch directory and
// bundled there, diffed version by version against the working tree's, each new command value
// checked against its version's CHANGELOG.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleApis, root, VERSIONS } from '../bundle.mjs';
import { diffDocuments } from './changes.mjs';
import { SpecDiffError } from './error.mjs';

/** @typedef {import('./changes.mjs').VersionDiff} VersionDiff */

const run = promisify(execFile);

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
