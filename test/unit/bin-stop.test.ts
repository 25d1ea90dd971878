// The bin's stop: the first signal closes cleanly (exit 0), a second one during that close exits 130
// at once. Driven with a close the test holds open, so the order is certain.
import { describe, expect, it } from 'vitest';
import { createStop } from '../../src/mock/lifecycle.js';

function harness() {
  let finish!: () => void;
  const closing = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const exits: number[] = [];
  let closes = 0;
  const stop = createStop(
    () => {
      closes++;
      return closing;
    },
    (code) => {
      exits.push(code);
    },
  );
  return { stop, exits, finish, closes: () => closes };
}

describe('the bin stop', () => {
  it('one signal: the mock is closed, then exit 0', async () => {
    const h = harness();
    const first = h.stop();
    expect(h.exits).toEqual([]);
    h.finish();
    await first;
    expect(h.exits).toEqual([0]);
    expect(h.closes()).toBe(1);
  });

  it('a second signal while the close runs: exit 130 at once, without waiting for the close or closing twice', async () => {
    const h = harness();
    const first = h.stop();
    await h.stop();
    expect(h.exits).toEqual([130]);
    expect(h.closes()).toBe(1);
    h.finish();
    await first;
  });
});
