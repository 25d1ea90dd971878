// `npm run release:version`: change entries (.changes/*.md) into a version, in the style of
// changesets. The largest bump wins; the package CHANGELOG gets a section; package.json gets the new
// version and each API's spec info.version (apiVersions); the entries are deleted.
// `node scripts/release.mjs check` validates the entries and apiVersions without changing anything.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { root } from './root.mjs';

/** @typedef {'major' | 'minor' | 'patch'} Bump */
/** @typedef {{ file: string; bump: Bump; text: string }} Entry */

const BUMPS = /** @type {const} */ (['patch', 'minor', 'major']);
const ENTRY = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/;

/**
 * The entries of `dir`/.changes, checked; throws naming the file of a malformed one.
 * @param {string} dir
 * @returns {Promise<Entry[]>}
 */
export async function readEntries(dir) {
  const files = (await readdir(join(dir, '.changes')).catch(() => []))
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const source = (await readFile(join(dir, '.changes', file), 'utf8')).replace(/\r\n/g, '\n');
      const match = ENTRY.exec(source);
      if (!match)
        throw new Error(
          `.changes/${file}: expected a front matter block (---, bump: major|minor|patch, ---) and then the text`,
        );
      const front = YAML.parse(match[1] ?? '') ?? {};
      const bump = front.bump;
      if (!BUMPS.includes(bump))
        throw new Error(`.changes/${file}: bump must be major, minor or patch, not ${JSON.stringify(bump)}`);
      const text = (match[2] ?? '').trim();
      if (!text) throw new Error(`.changes/${file}: the text is empty`);
      return { file, bump, text };
    }),
  );
}

/**
 * The next semantic version: the largest bump of the entries applied to `current`.
 * @param {string} current
 * @param {Bump[]} bumps
 * @returns {string}
 */
export function nextVersion(current, bumps) {
  const [major = 0, minor = 0, patch = 0] = (current.split('-')[0] ?? '').split('.').map(Number);
  const level = Math.max(...bumps.map((b) => BUMPS.indexOf(b)));
  if (level === 2) return `${major + 1}.0.0`;
  if (level === 1) return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/**
 * Each API version's spec `info.version`, read from spec/<version>/openapi.yaml.
 * @param {string} dir
 * @returns {Promise<Record<string, string>>}
 */
export async function specVersions(dir) {
  const versions = (await readdir(join(dir, 'spec'), { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const entries = await Promise.all(
    versions.map(async (v) => [
      v,
      String(YAML.parse(await readFile(join(dir, 'spec', v, 'openapi.yaml'), 'utf8')).info.version),
    ]),
  );
  return Object.fromEntries(entries);
}

/**
 * Applies the entries of `dir`: package.json, CHANGELOG.md, the entries deleted. Resolves to the new
 * version, or undefined when there is no entry.
 * @param {string} dir
 * @param {Date} [date]
 * @returns {Promise<string | undefined>}
 */
export async function release(dir, date = new Date()) {
  const entries = await readEntries(dir);
  if (!entries.length) return undefined;
  const pkgPath = join(dir, 'package.json');
  const pkg = JSON.parse(await readFile(pkgPath, 'utf8'));
  const version = nextVersion(
    pkg.version,
    entries.map((e) => e.bump),
  );
  pkg.version = version;
  pkg.apiVersions = await specVersions(dir);
  await writeFile(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  const apis = Object.entries(pkg.apiVersions)
    .map(([v, n]) => `${v} ${n}`)
    .join(', ');
  const groups = [...BUMPS]
    .reverse()
    .map((bump) => {
      const of = entries.filter((e) => e.bump === bump);
      const title = { major: 'Breaking changes', minor: 'Features', patch: 'Fixes' }[bump];
      return of.length ? `### ${title}\n\n${of.map((e) => `- ${e.text.replace(/\n+/g, ' ')}`).join('\n')}\n` : '';
    })
    .filter(Boolean);
  const section = `## ${version} — ${date.toISOString().slice(0, 10)}\n\nAPI specs: ${apis}.\n\n${groups.join('\n')}`;
  const changelogPath = join(dir, 'CHANGELOG.md');
  const old = await readFile(changelogPath, 'utf8').catch(() => '# Changelog\n');
  const [head, ...rest] = old.split(/\n(?=## )/);
  await writeFile(changelogPath, [head?.trimEnd(), section, ...rest].join('\n\n').replace(/\n{3,}/g, '\n\n'));
  await Promise.all(entries.map((e) => rm(join(dir, '.changes', e.file))));
  return version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  try {
    if (command === 'version') {
      const version = await release(root);
      console.log(
        version
          ? `sms-command-contract ${version}: package.json and CHANGELOG.md written, entries removed`
          : 'no change entries in .changes/: nothing to release',
      );
    } else if (command === 'check') {
      const entries = await readEntries(root);
      const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
      const specs = await specVersions(root);
      if (JSON.stringify(pkg.apiVersions) !== JSON.stringify(specs))
        throw new Error(
          `package.json apiVersions ${JSON.stringify(pkg.apiVersions)} do not match the specs ${JSON.stringify(specs)}: run npm run release:version`,
        );
      console.log(`${entries.length} change entr${entries.length === 1 ? 'y' : 'ies'}; apiVersions match the specs`);
    } else {
      console.error('usage: node scripts/release.mjs version|check');
      process.exitCode = 2;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
