// docs/sdk-conformance.md held to the SDKs' captured requests: each row's signed headers are what that
// SDK's vectors sign, each count is what a replay against the mock gives now, and each bug the page
// says the mock reproduces is a vector the gateway refuses and the mock refuses too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { type Mock, startMock } from '../../src/mock.js';
import { replayAsExpected, SDKS, vectorFile } from '../support/sdk-vectors.js';

const page = readFileSync(join(root, 'docs/sdk-conformance.md'), 'utf8');
/** The cells of the table rows whose first cell is one of `names`. */
const rowsOf = (names: string[]) =>
  page
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => names.includes(cells[0]!));
const NAMES: Record<(typeof SDKS)[number], string> = { go: 'Go', java: 'Java', python: 'Python', node: 'Node' };
const signedHeadersOf = (headers: Array<[string, string]>) =>
  /SignedHeaders=([^,]+)/.exec(headers.find(([name]) => name.toLowerCase() === 'authorization')![1])![1]!;

let mock: Mock;
let now = 0;
beforeAll(async () => {
  mock = await startMock({ port: 0, auth: { clock: () => now }, log: () => {} });
});
afterAll(() => mock?.close());

describe('the conformance table', () => {
  it.each(SDKS)('the %s row: its release, what its plain requests sign, and its replay count', async (sdk) => {
    const file = vectorFile(sdk);
    const [row] = rowsOf([NAMES[sdk]]);
    expect(row, `a row for ${NAMES[sdk]}`).toBeDefined();
    const [, release, signs, count] = row!;
    expect(file.sdk).toBe(release!.split(' ')[0]);
    expect((file as unknown as { release: string }).release).toContain(release!.split(' ').slice(1).join(' '));
    // The plain ShowCommand and UpdateCommandResult requests: no token, no UNSIGNED-PAYLOAD, no bug.
    const plain = file.vectors.filter((v) => /-(show-v3-uuid|show-v1|report-v3|report-v1)$/.test(v.id));
    expect(new Set(plain.map((v) => signedHeadersOf(v.headers)))).toEqual(new Set([signs!.replace(/`/g, '')]));
    mock.reset();
    let passed = 0;
    for (const vector of file.vectors)
      if ((await replayAsExpected(mock.port, vector, (ms) => (now = ms))).asExpected) passed++;
    expect(count).toBe(`${passed} of ${file.vectors.length}`);
  });

  it('each SDK bug the page lists is a vector the gateway refuses, and the mock refuses it', async () => {
    const bugs = page
      .split('\n')
      .map((line) => /^\| `([a-z]+)-bug-[\w-]+` \|/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(bugs.map((m) => m[0].slice(3, m[0].indexOf('`', 3)))).toEqual([
      'java-bug-query-repeated-unsorted',
      'node-bug-show-v3-space',
      'node-bug-header-non-ascii',
    ]);
    for (const match of bugs) {
      const id = match[0].slice(3, match[0].indexOf('`', 3));
      const vector = vectorFile(match[1]!).vectors.find((v) => v.id === id)!;
      expect(vector.expect).toMatchObject({ status: 401, errorCode: 'APIGW.0301' });
      mock.reset();
      expect(await replayAsExpected(mock.port, vector, (ms) => (now = ms))).toMatchObject({
        status: 401,
        errorCode: 'APIGW.0301',
        asExpected: true,
      });
    }
  });
});
