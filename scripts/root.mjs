// The repository root, without loading anything heavy (bundle.mjs loads the Redocly bundler).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
