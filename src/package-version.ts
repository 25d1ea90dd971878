// This package's version, for --version, the mock's health answer and a HAR log's creator.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let version: string | undefined;

/** This package's version, from its package.json (dist/src/ in a package, src/ in the repository), read once. */
export function packageVersion(): string {
  return (version ??= readPackageVersion());
}

function readPackageVersion(): string {
  for (const path of ['../../package.json', '../package.json']) {
    const file = fileURLToPath(new URL(path, import.meta.url));
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'sms-command-contract' && pkg.version) return pkg.version;
  }
  return 'unknown';
}
