// The files a user hands the mock (a scenario, an OpenAPI document), read bounded; and where in a
// text a problem is, for the messages that name a line and column.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { TextError } from '../../errors/text-error.js';

/** The largest scenario file (`--scenario`) the bin reads. */
export const SCENARIO_MAX_BYTES = 4 * 1024 * 1024;
/** The largest OpenAPI document (`spec`, `--spec`) the mock reads. */
export const SPEC_MAX_BYTES = 16 * 1024 * 1024;

const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`;

/**
 * Reads a regular file as UTF-8, at most `limit` bytes; throws naming `limitName` when it is larger,
 * and refuses what is not a regular file (a FIFO, /dev/zero, a directory), which could block or never end.
 */
export function readTextFile(path: string, limit: number, limitName: string): string {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever (it does nothing to a regular file).
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) {
      const kind = info.isDirectory()
        ? 'a directory'
        : info.isFIFO()
          ? 'a FIFO (named pipe)'
          : info.isCharacterDevice()
            ? 'a character device'
            : info.isSocket()
              ? 'a socket'
              : 'not a regular file';
      throw new Error(`is ${kind}, not a regular file: give the path of a file`);
    }
    const over = () => new Error(`is over the ${MiB(limit)} limit (${limitName}, ${limit} bytes): use a smaller file`);
    if (info.size > limit) throw over();
    // The file may grow after fstat: read at most limit + 1 bytes whatever it says.
    const buffer = Buffer.alloc(Math.min(info.size, limit) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;)
      length += n;
    if (length > limit) throw over();
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Why a file could not be read, in words rather than node's `ENOENT: no such file or directory, open
 * '…'`; readTextFile's own refusals (a directory, over the limit) are kept as they are.
 */
export function unreadableReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return 'there is no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: this user cannot read it';
  if (code === 'ENOTDIR') return 'a folder on its path is a file';
  return code ? `cannot be read (${code})` : message;
}

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
