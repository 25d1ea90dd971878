// npm's lifecycle scripts that build dist/ and keep `prepare` out of the manifest a consumer gets.
//
//   node scripts/prepare.mjs            `prepare`: build dist/
//   node scripts/prepare.mjs prepack    `prepack` (npm pack, npm publish): build dist/, drop `prepare`
//   node scripts/prepare.mjs postpack   `postpack`: package.json back as it was
//
// Why: a git install needs `prepare` (npm clones the repository, installs its dev dependencies and
// runs `prepare` before it packs the clone; there is no dist/ in git). A consumer never does: the
// tarball carries dist/, and npm never runs the `prepare` of a dependency that is not a link. Yet
// npm 11 lists a `prepare` in the manifest of a package installed from a tarball as "install scripts
// not yet covered by allowScripts" (a warning on every install). So the packed manifest has none:
// - `npm pack` / `npm publish` run `prepack` before npm reads package.json to pack it: the build, then
//   package.json without `scripts.prepare` (its text kept in PACK_BACKUP), written back by `postpack`.
//   npm then neither runs `prepare` nor packs it. (`npm publish` from the directory reads package.json
//   again after `postpack` for the registry's metadata: the release workflow publishes the packed
//   tarball instead, whose package.json is that metadata.)
// - A git install runs no `prepack`: npm runs `prepare` in its temporary clone (inside its cache,
//   `<cache>/_cacache/tmp/git-clone…`, deleted afterwards) when it installs the clone's dependencies,
//   then packs the clone. There `prepare` removes itself from the clone's package.json once dist/ is
//   built, so npm does not build a second time and the installed package.json is the tarball's.
//   (npm still names the script once, at the end of that install: it read the repository's own
//   package.json, which has it.) Anywhere else `prepare` never changes package.json.
// In a clone's own `npm ci` there is nothing to install it into, and `npm start` and `npm test` build
// what they need, so `prepare` skips the build there (it would cost every fresh clone's CI run one).
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isMain, root } from './root.mjs';

const PACKAGE_JSON = join(root, 'package.json');
/** package.json as it was before `prepack`, until `postpack` writes it back. */
export const PACK_BACKUP = join(root, '.tmp', 'package.json.prepack');
/** npm's temporary clone of a git dependency (pacote's `git-clone` prefix in cacache's tmp/). */
const NPM_GIT_CLONE = /[\\/]_cacache[\\/]tmp[\\/]git-clone[^\\/]*$/;

/**
 * A package.json text without `scripts.prepare`, everything else as it was.
 * @param {string} text
 * @returns {string}
 */
export function withoutPrepare(text) {
  const pkg = JSON.parse(text);
  if (!pkg.scripts?.prepare) return text;
  delete pkg.scripts.prepare;
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

async function build() {
  await (await import('./build.mjs')).build();
}

/** `postpack`, and a `prepack` after a pack that died before its `postpack`: package.json restored. */
async function restore() {
  if (!existsSync(PACK_BACKUP)) return false;
  await writeFile(PACKAGE_JSON, await readFile(PACK_BACKUP));
  await rm(PACK_BACKUP);
  return true;
}

const command = isMain(import.meta.url) ? (process.argv[2] ?? 'prepare') : undefined;
if (command === 'prepare') {
  if (process.env.npm_command === 'ci') {
    console.log('prepare: npm ci in the repository itself, dist/ is built by npm start, npm test and npm run build');
  } else {
    await build();
    if (NPM_GIT_CLONE.test(root)) await writeFile(PACKAGE_JSON, withoutPrepare(await readFile(PACKAGE_JSON, 'utf8')));
  }
} else if (command === 'prepack') {
  if (await restore()) console.log(`prepack: package.json restored from ${PACK_BACKUP} (a pack that did not finish)`);
  await build();
  const text = await readFile(PACKAGE_JSON, 'utf8');
  await mkdir(dirname(PACK_BACKUP), { recursive: true });
  await writeFile(PACK_BACKUP, text);
  await writeFile(PACKAGE_JSON, withoutPrepare(text));
} else if (command === 'postpack') {
  await restore();
} else if (command !== undefined) {
  console.error(`usage: node scripts/prepare.mjs [prepack|postpack], not ${JSON.stringify(command)}`);
  process.exitCode = 2;
}
