// Package-level promises: two runtime dependencies (openapi-fetch for the clients, ajv for the
// contract validator of the mock and sms-command-verify, never loaded by the clients), a client path
// that bundles for browsers, the region table matching the specs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/bundle.mjs';
import { SMS_REGIONS } from '../../src/v3.js';
import { v1, v3 } from '../support/specs.js';

describe('package', () => {
  it('has openapi-fetch and ajv as its only runtime dependencies, pinned exactly', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({
      ajv: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      'openapi-fetch': expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
  });

  it('bundles the clients and the signer for a browser, with no Node built-in', async () => {
    const result = await build({
      stdin: {
        contents:
          "export * from './src/v3.ts'; export { showCommand as showCommandV1 } from './src/v1.ts'; export { signRequest } from './src/index.ts';",
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'browser',
      // The sources' side of package.json "imports" (`#sha256`): still the `default`, browser, target.
      conditions: ['sms-command-contract:source'],
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(
      inputs.filter((input) => input.startsWith('node:') || /(^|\/)node_modules\/(?!openapi-fetch\/)/.test(input)),
    ).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/from\s*["']node:|require\(["']node:/);
  });

  it('knows exactly the regional endpoints both specs list as servers', () => {
    for (const doc of [v1, v3])
      expect(Object.values(SMS_REGIONS)).toEqual(doc.servers.map((s: { url: string }) => s.url));
  });
});
