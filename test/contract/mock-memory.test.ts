// The mock's memory bounds bound memory (issue 25, item 4): MAX_SCRIPT_BYTES and MAX_JOURNAL_BYTES
// count text, and what the mock holds for that text, measured as the heap after a full GC, stays
// within twice what they count. The two floods of the issue: 15 PUTs of a 1 MiB script whose body
// is `[{},{},…]` (empty objects are the most memory per character of JSON), and 400 reports of
// 10 KB of the same. Each prints its figures (npx vitest run test/contract/mock-memory.test.ts).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mock, startMock } from '../../src/mock.js';
import { MAX_CONTROL_BODY } from '../../src/mock/admin/http-door.js';
import { JSON_TYPE, send } from '../support/control.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap and array buffers held after full collections: what is retained, not what is garbage. */
function retained(): number {
  for (let i = 0; i < 3; i++) gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

const TOKEN = 'memory-test-token';
const MiB = 1024 * 1024;
/** `[{},{},…]` of `chars` characters, wrapped in `before` and `after`. */
const empties = (chars: number, before: string, after: string) => {
  const count = Math.floor((chars - before.length - after.length - 2) / 3);
  return `${before}[${Array(count).fill('{}').join(',')}]${after}`;
};

let mock: Mock;
beforeAll(async () => {
  mock = await startMock({ port: 0, auth: { tokens: [TOKEN] }, journalLimit: 1000 });
});
afterAll(() => mock.close());

describe('memory held within twice the bound', () => {
  it('400 reports of 10 KB of [{},{},…]: the journal holds at most twice their JSON size', async () => {
    const body = empties(10_200, '{"command_name":"START","result":"success","result_detail":{"d":', '}}');
    // Each on a connection of its own (send): a full GC on a loaded machine can outlast the mock's
    // keep-alive timeout, and a pooled socket the mock has just timed out fails the next fetch.
    const report = (id: string) =>
      send(`${mock.url}/v3/sources/${id}/command_result`, 'POST', body, {
        'content-type': 'application/json',
        'x-auth-token': TOKEN,
      });
    const send400 = async () => {
      for (let i = 0; i < 400; i++) await report(`r${i}`); // refused SMS.2009 (nothing served), journaled with its report
    };
    await send400(); // the same run once before measuring: whatever it allocates for good is in `before`
    mock.reset();
    const before = retained();
    await send400();
    const held = retained() - before;
    const counted =
      JSON.stringify((await mock.requests()).map(({ report: _, ...rest }) => rest)).length + 400 * body.length;
    console.log(`journal: ${(counted / MiB).toFixed(1)} MiB of JSON counted, ${(held / MiB).toFixed(1)} MiB held`);
    expect(held).toBeLessThan(2 * counted);
    mock.reset();
  }, 120_000);

  it('15 PUTs of a 1 MiB script of [{},{},…]: the scripts hold at most twice their JSON size', async () => {
    const body = empties(MAX_CONTROL_BODY - 64, '[{"unchecked":true,"body":', '}]');
    const put = (id: string) => send(`${mock.url}/__mock/v3/sources/${id}/command`, 'PUT', body, JSON_TYPE);
    expect((await put('warm')).status).toBe(200); // the first PUT's code paths loaded
    mock.reset();
    const before = retained();
    for (let i = 0; i < 15; i++) expect((await put(`m${i}`)).status).toBe(200);
    const held = retained() - before;
    const counted = JSON.stringify(mock.scripts()).length;
    console.log(`scripts: ${(counted / MiB).toFixed(1)} MiB of JSON counted, ${(held / MiB).toFixed(1)} MiB held`);
    expect(counted).toBeGreaterThan(14 * MiB);
    expect(held).toBeLessThan(2 * counted);
    mock.reset();
  }, 180_000); // 15 MiB of JSON parsed and checked, on a shared machine
});
