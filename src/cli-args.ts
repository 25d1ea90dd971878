// What both bins do with their command line the same way: --version, an option they do not know
// (exit 2, naming it and pointing to --help), and numbers checked before use.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** This package's version, from its package.json (dist/src/ in a package, src/ in the repository). */
export function packageVersion(): string {
  for (const path of ['../../package.json', '../package.json']) {
    const file = fileURLToPath(new URL(path, import.meta.url));
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'sms-command-contract' && pkg.version) return pkg.version;
  }
  return 'unknown';
}

/** Prints `message` and the way to the options, and exits 2 (a usage error). */
export function usageError(bin: string, message: string): never {
  console.error(`${bin}: ${message}\nRun ${bin} --help for the options.`);
  process.exit(2);
}

/**
 * The usage error (exit 2) for what parseArgs refused: an option the bin does not know, or one
 * missing its value: Node's own message, first sentence, then the pointer to --help.
 */
export function optionError(bin: string, error: unknown): never {
  return usageError(bin, (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
}

/** A whole number from `min` to `max` given as an option's text, or a usage error naming the option and the range. */
export function wholeNumber(bin: string, option: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max))
    usageError(bin, `${option} ${JSON.stringify(text)} is not a whole number from ${min} to ${max}`);
  return value;
}
