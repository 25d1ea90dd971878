// The Markdown report of spec:diff: breaking changes first, then new command values, then the rest,
// per version.

/** @typedef {import('./changes.mjs').SpecChange} SpecChange */
/** @typedef {import('./changes.mjs').VersionDiff} VersionDiff */

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
