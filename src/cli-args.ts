// What both bins do with their command line the same way: --version, an option they do not know
// (exit 2, naming it and pointing to --help), numbers checked before use, and options that
// contradict each other refused rather than one of them silently ignored.
import { printable } from './text.js';

/**
 * Prints `message` (control and bidi characters of what the user typed as visible escapes) and the
 * way to the options, and exits 2 (a usage error).
 */
export function usageError(bin: string, message: string): never {
  console.error(`${bin}: ${printable(message)}\nRun ${bin} --help for the options.`);
  process.exit(2);
}

/** What a stray argument is told: never the argument itself, which may be a secret (`--credential AK SK`). */
export const STRAY_ARGUMENT =
  'an argument follows no option (not repeated here, in case it is a secret): an option takes one value, as one argument (quote a value with spaces; the mock takes --credential AK:SK, not --credential AK SK), and there are no positional arguments';

/**
 * The usage error (exit 2) for what parseArgs refused: an option the bin does not know, or one
 * missing its value: Node's own message, first sentence, then the pointer to --help. A stray
 * argument is not quoted (Node's message would quote it).
 */
export function optionError(bin: string, error: unknown): never {
  if ((error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return usageError(bin, STRAY_ARGUMENT);
  const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
  return usageError(bin, message.replace(/\n/g, ' ')); // Node's lines as one sentence each, on one line
}

/** A whole number from `min` to `max` given as an option's text, or a usage error naming the option and the range. */
export function wholeNumber(bin: string, option: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max))
    usageError(bin, `${option} ${JSON.stringify(text)} is not a whole number from ${min} to ${max}`);
  return value;
}

/**
 * The largest `--token-file` sms-command-verify reads. An IAM token is at most 16384 characters; the
 * limit is far above that and only keeps `/dev/zero` or a wrong multi-gigabyte file from filling memory.
 */
export const TOKEN_FILE_MAX_BYTES = 1024 * 1024;

/** What parseArgs({ tokens: true }) says of one option on the command line. */
export interface OptionToken {
  kind: string;
  name?: string;
  value?: string | undefined;
}

/**
 * A usage error for an option that takes one value given twice with different values (parseArgs
 * would keep the last one silently): `--port "4010", then "4011": give it once`. The same value
 * twice is no contradiction and passes.
 */
export function onceEach(bin: string, tokens: readonly OptionToken[], single: readonly string[]): void {
  const seen = new Map<string, string | undefined>();
  for (const token of tokens) {
    if (token.kind !== 'option' || !token.name || !single.includes(token.name)) continue;
    const before = seen.get(token.name);
    if (seen.has(token.name) && before !== token.value)
      usageError(
        bin,
        `--${token.name} ${JSON.stringify(before)}, then ${JSON.stringify(token.value)}: only one can count; give --${token.name} once`,
      );
    seen.set(token.name, token.value);
  }
}

/**
 * A usage error when two options that contradict each other are both given: `why` says what the
 * first one makes of the second. `--no-auth and --token contradict each other: --no-auth accepts
 * every request, so no token would be checked; drop one of them`.
 */
export function notTogether(bin: string, given: Record<string, unknown>, a: string, b: string, why: string): void {
  const has = (name: string) => {
    const value = given[name];
    return value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0);
  };
  if (has(a) && has(b)) usageError(bin, `--${a} and --${b} contradict each other: ${why}; drop one of them`);
}
