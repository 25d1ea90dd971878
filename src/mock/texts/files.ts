// The limits of the files a user hands the mock (a scenario, an OpenAPI document: read by
// src/files.ts), and where in a text a problem is, for the messages that name a line and column.
import { TextError } from '../../errors/text-error.js';

/** The largest scenario file (`--scenario`) the bin reads. */
export const SCENARIO_MAX_BYTES = 4 * 1024 * 1024;
/** The largest OpenAPI document (`spec`, `--spec`) the mock reads. */
export const SPEC_MAX_BYTES = 16 * 1024 * 1024;

/** 1-based line and column of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

/**
 * `lineColumn` for many offsets in one text: the line starts found once, each offset then placed by
 * a binary search (a scenario's problems are placed without reading the text once per problem).
 */
export function lineColumnIn(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - starts[low]! + 1 };
  };
}

/** The reason of the TextError keyOnce throws. */
export const DUPLICATE_KEY = 'duplicate key';

/**
 * The rule for a key given twice in one mapping (YAML) or object (JSON), the same for both formats:
 * `seen` holds the keys met so far in it; a key already there is refused at `offset` (the second),
 * as `duplicate key`, since only one of the two could count.
 */
export function keyOnce(seen: Set<unknown>, key: unknown, text: string, offset: number): void {
  if (seen.has(key)) {
    const { line, column } = lineColumn(text, offset);
    throw new TextError(line, column, DUPLICATE_KEY);
  }
  seen.add(key);
}
