// What changesets (`@changesets/cli`, .changeset/) does not do for a release of this package:
//   node scripts/release.mjs version    after `changeset version` (npm run release:version runs both):
//                                       package.json `apiVersions` = each spec's info.version, and
//                                       the new CHANGELOG section names them
//   node scripts/release.mjs api-versions
//                                       package.json `apiVersions` = each spec's info.version, nothing
//                                       else (npm run api-versions: a pull request that changes a spec)
//   node scripts/release.mjs check      apiVersions match the specs (npm test, the release workflow)
//   node scripts/release.mjs preflight  the release workflow, before it publishes: this repository is
//                                       the one package.json names (else npm's provenance check
//                                       refuses the upload, E422), the tag is v<version>, no
//                                       changeset is left, apiVersions match the specs. Each failure
//                                       is a GitHub `::error::` line.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import YAML from 'yaml';
import { isMain, root } from './root.mjs';

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
 * The changesets waiting in `dir`/.changeset (every .md but its README).
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
export async function pendingChangesets(dir) {
  return (await readdir(join(dir, '.changeset')).catch(() => []))
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort();
}

/**
 * The line each CHANGELOG section of a release starts with.
 * @param {Record<string, string>} apis
 */
export function apiLine(apis) {
  return `API specs: ${Object.entries(apis)
    .map(([v, n]) => `${v} ${n}`)
    .join(', ')}.`;
}

/**
 * package.json and the specs' versions, and whether its `apiVersions` match them: what the sync and
 * the check both read.
 * @param {string} dir
 */
async function apiVersionsOf(dir) {
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const apis = await specVersions(dir);
  return { pkg, apis, match: JSON.stringify(pkg.apiVersions) === JSON.stringify(apis) };
}

/**
 * package.json `apiVersions` from the specs' `info.version`; resolves to package.json as it now is,
 * the specs' versions, and whether it changed. What a pull request that changes a spec's
 * info.version runs (`npm run api-versions`), and the release too.
 * @param {string} dir
 */
export async function syncApiVersions(dir) {
  const { pkg, apis, match } = await apiVersionsOf(dir);
  if (!match) {
    pkg.apiVersions = apis;
    await writeFile(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  }
  return { pkg, apis, changed: !match };
}

/**
 * After `changeset version`: `apiVersions` from the specs, and the line naming them under the
 * CHANGELOG heading changesets wrote for the version (`## <version>`) unless it has one. Resolves to
 * the version, whether it has a section (none: changesets had nothing to release), and what was written.
 * @param {string} dir
 * @returns {Promise<{ version: string; section: boolean; packageJson: boolean; changelog: boolean }>}
 */
export async function recordApiVersions(dir) {
  const { pkg, changed: packageJson } = await syncApiVersions(dir);
  const changelogPath = join(dir, 'CHANGELOG.md');
  const text = await readFile(changelogPath, 'utf8');
  const heading = new RegExp(`^## ${pkg.version.replaceAll('.', '\\.')}\n`, 'm').exec(text);
  let changelog = false;
  if (heading) {
    const after = heading.index + heading[0].length;
    if (!text.slice(after).replace(/^\n+/, '').startsWith('API specs:')) {
      await writeFile(changelogPath, `${text.slice(0, after)}\n${apiLine(pkg.apiVersions)}\n${text.slice(after)}`);
      changelog = true;
    }
  }
  return { version: pkg.version, section: Boolean(heading), packageJson, changelog };
}

/**
 * What `release.mjs version` says it did.
 * @param {{ version: string; section: boolean; packageJson: boolean; changelog: boolean }} result
 */
export function describeRecord({ version, section, packageJson, changelog }) {
  const done = [
    ...(packageJson ? ['apiVersions recorded in package.json'] : []),
    ...(changelog ? ['the API specs named in its CHANGELOG section'] : []),
  ];
  return `sms-command-contract ${version}: ${done.join(' and ') || 'apiVersions were already recorded'}${
    section ? '' : ' (no CHANGELOG section for it: changeset version had no changeset to release)'
  }`;
}

/**
 * apiVersions against the specs: undefined when they match, else what is wrong and the fix.
 * @param {string} dir
 */
export async function apiVersionsProblem(dir) {
  const { pkg, apis, match } = await apiVersionsOf(dir);
  return match
    ? undefined
    : `package.json apiVersions ${JSON.stringify(pkg.apiVersions)} do not match the specs ${JSON.stringify(apis)} (each spec's info.version): run npm run api-versions`;
}

/**
 * A repository URL as npm's provenance check compares it (`git+https://github.com/<owner>/<repo>.git`,
 * as `npm pkg fix` writes it) to `<owner>/<repo>`; undefined for anything else.
 * @param {unknown} url
 */
export function githubRepository(url) {
  const match = typeof url === 'string' ? /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)\.git$/.exec(url) : null;
  return match?.[1];
}

/**
 * The release workflow's checks before publishing: the `::error::` lines of every failure (none: go).
 * @param {string} dir
 * @param {{ repository?: string; ref?: string }} github `GITHUB_REPOSITORY`, `GITHUB_REF_NAME`
 * @returns {Promise<string[]>}
 */
export async function preflight(dir, { repository, ref }) {
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const errors = [];
  const named = githubRepository(pkg.repository?.url);
  if (!named)
    errors.push(
      `package.json repository.url ${JSON.stringify(pkg.repository?.url)} is not git+https://github.com/<owner>/<repo>.git: npm's provenance check compares it with the repository that runs the workflow`,
    );
  else if (repository !== named)
    errors.push(
      `this workflow runs in ${repository || '(GITHUB_REPOSITORY unset)'}, but package.json names ${named} (repository.url): npm would refuse the provenance (E422). Publish from ${named}, or change repository.url in package.json`,
    );
  if (ref !== `v${pkg.version}`)
    errors.push(`tag ${ref || '(GITHUB_REF_NAME unset)'} is not v${pkg.version} (package.json)`);
  const left = await pendingChangesets(dir);
  if (left.length)
    errors.push(
      `changesets are left in .changeset/ (${left.join(', ')}): run npm run release:version and commit before tagging`,
    );
  const problem = await apiVersionsProblem(dir);
  if (problem) errors.push(problem);
  return errors.map((e) => `::error::${e}`);
}

if (isMain(import.meta.url)) {
  const command = process.argv[2];
  try {
    if (command === 'version') {
      console.log(describeRecord(await recordApiVersions(root)));
    } else if (command === 'api-versions') {
      const { apis, changed } = await syncApiVersions(root);
      console.log(
        changed
          ? `package.json apiVersions set to the specs: ${apiLine(apis)}`
          : `package.json apiVersions already match the specs: ${apiLine(apis)}`,
      );
    } else if (command === 'check') {
      const problem = await apiVersionsProblem(root);
      if (problem) throw new Error(problem);
      const left = (await pendingChangesets(root)).length;
      console.log(`${left} changeset${left === 1 ? '' : 's'} waiting; apiVersions match the specs`);
    } else if (command === 'preflight') {
      const errors = await preflight(root, {
        repository: process.env.GITHUB_REPOSITORY,
        ref: process.env.GITHUB_REF_NAME,
      });
      for (const line of errors) console.log(line);
      if (errors.length) process.exitCode = 1;
      else console.log('release preflight: repository, tag, changesets and apiVersions in order');
    } else {
      console.error('usage: node scripts/release.mjs version|api-versions|check|preflight');
      process.exitCode = 2;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
