// The package as another repository gets it: pack, install the tarball into a fresh project,
// compile a consumer under four settings, run it against startMock; publint and attw on the tarball.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { QUIET_NPM_ENV } from '../support/npm-env.js';
import { NPM_GUARD_MS } from '../support/waits.js';

const run = promisify(execFile);
const bin = (pkg: string, file: string) => join(root, 'node_modules', pkg, file);
const npm = (args: string[], cwd: string) =>
  run('npm', args, {
    cwd,
    env: QUIET_NPM_ENV,
  });

// Inside the repository so the consumer finds the repository's TypeScript and Prism (an optional
// peer) by walking up, as a consumer that installed them would; the package itself comes only
// from the tarball.
await mkdir(join(root, '.tmp'), { recursive: true });
const dir = await mkdtemp(join(root, '.tmp', 'consumer-'));
let tarball = '';
let packed: { files: { path: string }[]; size: number; unpackedSize: number };
// Settled by the compile that emits out/consumer.js (strict-nodenext, running concurrently with the
// others), which the run against startMock waits for.
let emitted!: (result: { ok: boolean; output: string }) => void;
const emitDone = new Promise<{ ok: boolean; output: string }>((resolve) => {
  emitted = resolve;
});

beforeAll(async () => {
  const { stdout } = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
  packed = JSON.parse(stdout)[0];
  tarball = join(dir, (packed as unknown as { filename: string }).filename);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await npm(['install', '--prefer-offline', '--no-package-lock', tarball], dir);
  await cp(join(root, 'test/fixtures/consumer/consumer.ts'), join(dir, 'consumer.ts'));
}, NPM_GUARD_MS);
afterAll(() => rm(dir, { recursive: true, force: true }));

// Every setting checks the package's .d.ts too (skipLibCheck off; TypeScript's own lib files are
// not ours to check, skipDefaultLibCheck). TypeScript 5.9, what most consumers compile with today,
// emits the file that is run; TypeScript 7's native compiler (tsgo, @typescript/native-preview)
// checks the other three settings in a quarter of the time.
const settings = [
  {
    name: 'strict-nodenext',
    strict: true,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    emit: true,
    compiler: 'typescript',
  },
  {
    name: 'loose-nodenext',
    strict: false,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    emit: false,
    compiler: 'native-preview',
  },
  {
    name: 'strict-bundler',
    strict: true,
    module: 'ESNext',
    moduleResolution: 'Bundler',
    emit: false,
    compiler: 'native-preview',
  },
  {
    name: 'loose-bundler',
    strict: false,
    module: 'ESNext',
    moduleResolution: 'Bundler',
    emit: false,
    compiler: 'native-preview',
  },
];

describe('a consumer of the packed tarball', () => {
  it('ships compiled JS, .d.ts, the bundled specs and the Agent examples, and nothing else', () => {
    const paths = packed.files.map((f) => f.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'dist/v1.yaml',
        'dist/v3.yaml',
        'dist/sms-command.yaml',
        'dist/src/v3.js',
        'dist/src/v3.d.ts',
        'dist/src/mock.js',
        'dist/src/mock/cli.js',
        'dist/generated/v3.js',
        'examples/agent.py',
        'examples/sdk_hmac.py',
        'examples/sign.sh',
      ]),
    );
    expect(
      paths.filter(
        (p) =>
          !/^(package\.json|README\.md|LICENSE|dist\/(src|src\/client|src\/errors|src\/mock(\/[\w-]+)?|src\/verify|src\/contract|generated)\/[\w-]+\.(js|d\.ts)|dist\/(v1|v3|sms-command)\.yaml|dist\/sms-command\.json|examples\/[\w-]+\.(py|sh))$/.test(
            p,
          ),
      ),
    ).toEqual([]);
  });

  it.concurrent.each(settings)(
    'compiles under $name ($compiler)',
    async ({ name, strict, module, moduleResolution, emit, compiler }) => {
      const tsconfig = {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          module,
          moduleResolution,
          strict,
          skipLibCheck: false,
          skipDefaultLibCheck: true,
          types: ['node'],
          ...(emit ? { outDir: 'out' } : { noEmit: true }),
        },
        files: ['consumer.ts'],
      };
      await writeFile(join(dir, `tsconfig.${name}.json`), JSON.stringify(tsconfig));
      const result = await run(
        process.execPath,
        [
          compiler === 'typescript' ? bin('typescript', 'bin/tsc') : bin('@typescript/native-preview', 'bin/tsgo'),
          '-p',
          `tsconfig.${name}.json`,
        ],
        { cwd: dir },
      ).catch((e) => e);
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
      if (emit) emitted({ ok: output === '', output });
      expect(output).toBe('');
    },
  );

  it('runs against startMock', async () => {
    const compiled = await emitDone;
    expect(compiled.ok, `the strict-nodenext compile that emits out/consumer.js failed:\n${compiled.output}`).toBe(
      true,
    );
    const { stdout } = await run(process.execPath, ['out/consumer.js'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({
      started: 'START:xxxxxxxxxxxxxxxxxxxxxxxx00000001',
      finished: 'TASK_HAS_FINISHED',
      wanted: 'TASK_HAS_FINISHED',
      body: 'START',
      legacy: 'UPLOAD_LOG',
      polled: 'START:xxxxxxxxxxxxxxxxxxxxxxxx00000001',
      verified: 0,
      forbidden: '403 SMS.9004',
      date: '19700101T000000Z',
    });
  });

  it('passes publint and attw (outside CommonJS and node10 resolution) with no problems', async () => {
    const publint = await run(process.execPath, [bin('publint', 'src/cli.js'), '--strict', tarball], { cwd: dir });
    expect(publint.stdout).toContain('All good!');
    // One attw run over every resolution kind. The package is ESM-only (Node >= 20.19 can require()
    // ESM), so what the esm-only profile ignores, node10 and CommonJS resolution, is out of scope.
    const attw = await run(
      process.execPath,
      [
        bin('@arethetypeswrong/cli', 'dist/index.js'),
        tarball,
        '--format',
        'json',
        '--exclude-entrypoints',
        './spec/v1.yaml',
        './spec/v3.yaml',
        './spec/sms-command.yaml',
      ],
      { cwd: dir },
    ).catch((e) => e);
    const problems: { kind: string; entrypoint: string; resolutionKind?: string }[] = JSON.parse(attw.stdout).analysis
      .problems;
    const outOfScope = new Set(['node10', 'node16-cjs']);
    expect(problems.filter((p) => !outOfScope.has(p.resolutionKind ?? ''))).toEqual([]);
    // The gate can fail: attw does see the CommonJS resolutions a strict profile would count.
    expect(problems.filter((p) => p.resolutionKind === 'node16-cjs').map((p) => p.kind)).toContain('CJSResolvesToESM');
  });
});
