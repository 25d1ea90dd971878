// spec:diff's command line: its --help text and its one option, --base, each mistake a SpecDiffError.
import { parseArgs } from 'node:util';
import { SpecDiffError } from './error.mjs';

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
