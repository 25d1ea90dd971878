// Where a file this package ships beside its compiled code lives (the bundled specs): next to dist/src
// in an installed package, in dist/ of the repository when running from src/. The mock (its YAML) and
// sms-command-verify (its JSON) both ask here.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The path of `name` as shipped: `../name` from this module (dist/src/ in a package, so dist/name),
 * else `../dist/name` (src/ in the repository, after `npm run build` or the contract set-up). When
 * neither exists yet, the first: the error that follows names where it was looked for.
 */
export function shippedFile(name: 'sms-command.yaml' | 'sms-command.json'): string {
  const candidates = [`../${name}`, `../dist/${name}`].map((path) => fileURLToPath(new URL(path, import.meta.url)));
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!;
}
