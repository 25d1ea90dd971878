// `npm run lint` must stay at zero errors and zero warnings; the bundles must pass an independent validator.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { joinApis } from '../../scripts/bundle.mjs';
import { root, toolPath } from '../../scripts/root.mjs';
import { v1, v3 } from '../support/specs.js';

const run = promisify(execFile);
const redocly = toolPath('@redocly/cli', 'bin/cli.js');

describe('lint', () => {
  it('redocly lint reports zero errors and zero warnings for both versions', async () => {
    const { stdout } = await run(process.execPath, [redocly, 'lint', '--format=json'], { cwd: root });
    // One pretty-printed JSON report per API, back to back.
    const reports = JSON.parse(`[${stdout.trim().replace(/\n\}\{\n/g, '\n},{\n')}]`);
    expect(reports).toHaveLength(2);
    for (const report of reports) {
      expect(report.problems).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    }
  });

  it('fails on an example that violates its schema (Prism would serve it)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sms-lint-'));
    try {
      await cp(join(root, 'spec'), join(dir, 'spec'), { recursive: true });
      await cp(join(root, 'redocly.yaml'), join(dir, 'redocly.yaml'));
      const example = join(dir, 'spec/v3/components/examples/CommandStop.yaml');
      await writeFile(example, (await readFile(example, 'utf8')).replace('command_name: STOP', 'command_name: REBOOT'));
      const failure = await run(process.execPath, [redocly, 'lint', '--format=json'], { cwd: dir }).then(
        () => undefined,
        (error) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure.stdout).toContain('no-invalid-media-type-examples');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['v1', v1],
    ['v3', v3],
    ['joined', joinApis({ v1, v3 })],
  ])('%s bundle passes an independent OpenAPI 3.1 schema validator', async (_name, doc) => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });
});
