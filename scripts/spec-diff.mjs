// `npm run spec:diff -- --base <git-ref>`: what a spec change does to clients, per API version.
// Bundles each version at <git-ref> and in the working tree, diffs them with api-smart-diff, prints a
// Markdown report (breaking changes first) and exits 1 when anything breaks clients.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { apiCompare } from 'api-smart-diff';
import { bundleApis, root, VERSIONS } from './bundle.mjs';

const run = promisify(execFile);
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
// Component diffs that api-smart-diff also reports, resolved and direction-aware, under paths.
const MIRRORED = new Set(['schemas', 'parameters', 'responses', 'headers', 'requestBodies', 'pathItems']);

/** @typedef {import('./bundle.mjs').OpenApiDocument} OpenApiDocument */
/** @typedef {{ type: string; operation: string; field: string; description: string }} SpecChange */
/** @typedef {{ version: import('./bundle.mjs').Version; added: boolean; breaking: SpecChange[]; other: SpecChange[] }} VersionDiff */

/**
 * This package's policy on top of the engine's classification (see CONTRIBUTING.md). The engine
 * already treats a new response enum value, a new required request parameter and a narrowed request
 * limit as breaking; it calls removing a response property non-breaking, which it is not for a
 * client that reads the property.
 * @param {{ path: string[]; action: string; type: string }} diff
 * @returns {{ type: string; note?: string }}
 */
function classify(diff) {
  const { path, action } = diff;
  const inResponse = path.includes('responses');
  if (inResponse && action === 'remove' && path.at(-2) === 'properties') {
    return { type: 'breaking', note: 'a client that reads this field stops getting it' };
  }
  return { type: diff.type };
}

/**
 * @param {OpenApiDocument} doc
 * @param {string[]} path
 */
function describeOperation(doc, path) {
  const [, route, method] = path;
  if (!route) return 'the document';
  if (!method || !METHODS.has(method)) return `\`${route}\``;
  const operationId = doc?.paths?.[route]?.[method]?.operationId;
  return `\`${method.toUpperCase()} ${route}\`${operationId ? ` (${operationId})` : ''}`;
}

/**
 * Compares two bundled documents of one version; resolves to its breaking and other changes.
 * @param {OpenApiDocument} before
 * @param {OpenApiDocument} after
 * @returns {{ breaking: SpecChange[]; other: SpecChange[] }}
 */
export function diffDocuments(before, after) {
  const { diffs } = apiCompare(before, after);
  /** @type {SpecChange[]} */
  const changes = [];
  for (const diff of diffs) {
    const path = diff.path.map(String);
    if (path[0] === 'components' && MIRRORED.has(path[1] ?? '')) continue;
    const { type, note } = classify({ ...diff, path });
    const where = path[0] === 'paths' ? path.slice(METHODS.has(path[2] ?? '') ? 3 : 2) : path;
    changes.push({
      type,
      operation:
        path[0] === 'paths' ? describeOperation(after.paths?.[path[1] ?? ''] ? after : before, path) : `\`${path[0]}\``,
      field: where.join('.'),
      description: (diff.description ?? `[${diff.action}] ${where.join('.')}`) + (note ? ` — ${note}` : ''),
    });
  }
  return {
    breaking: changes.filter((c) => c.type === 'breaking'),
    other: changes.filter((c) => c.type !== 'breaking'),
  };
}

/** @param {string} ref */
async function bundleAt(ref) {
  const dir = await mkdtemp(join(tmpdir(), 'sms-spec-base-'));
  try {
    const { stdout: tar } = await run(
      'git',
      ['-C', root, 'archive', '--format=tar', ref, '--', 'spec', 'redocly.yaml'],
      { encoding: 'buffer', maxBuffer: 64 << 20 },
    ).catch((error) => {
      throw new Error(`cannot read spec/ and redocly.yaml at ${ref}: ${String(error.stderr ?? error.message).trim()}`);
    });
    await /** @type {Promise<void>} */ (
      new Promise((resolve, reject) => {
        const child = execFile('tar', ['-x', '-C', dir], (error) => (error ? reject(error) : resolve()));
        child.stdin?.end(tar);
      })
    );
    return await bundleApis(dir, { optional: true });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Diffs every version at `base` against the working tree.
 * @param {string} base
 * @returns {Promise<VersionDiff[]>}
 */
export async function diffAgainst(base) {
  const [before, after] = await Promise.all([bundleAt(base), bundleApis()]);
  return VERSIONS.map((version) => {
    if (!before[version]) return { version, added: true, breaking: [], other: [] };
    return { version, added: false, ...diffDocuments(before[version].document, after[version].document) };
  });
}

/** @type {(c: SpecChange) => string} */
const line = (c) => `- ${c.operation} — ${c.description.replace(/\n/g, ' ')} (\`${c.field}\`, ${c.type})`;

/**
 * @param {VersionDiff[]} results
 * @param {string} base
 */
export function renderReport(results, base) {
  const breaking = results.reduce((n, r) => n + r.breaking.length, 0);
  const out = [
    `## Spec review against \`${base}\``,
    '',
    breaking
      ? `**${breaking} breaking change${breaking === 1 ? '' : 's'}.** A breaking change needs a new API version folder, not an edit (see CONTRIBUTING.md); label the pull request \`new-api-version\` if that is what it is.`
      : '**No breaking changes.**',
    '',
  ];
  for (const { version, added, breaking: broken, other } of results) {
    out.push(`### ${version}`, '');
    if (added) {
      out.push(`New version: \`${version}\` does not exist at \`${base}\`.`, '');
      continue;
    }
    if (!broken.length && !other.length) {
      out.push('No changes.', '');
      continue;
    }
    if (broken.length) out.push(`**Breaking (${broken.length})**`, '', ...broken.map(line), '');
    if (other.length) out.push(`**Other changes (${other.length})**`, '', ...other.map(line), '');
  }
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { base: { type: 'string' } } });
  if (!values.base) {
    console.error('usage: npm run spec:diff -- --base <git-ref>');
    process.exit(2);
  }
  try {
    const results = await diffAgainst(values.base);
    console.log(renderReport(results, values.base));
    process.exit(results.some((r) => r.breaking.length) ? 1 : 0);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
