// A file a user hands a bin or the mock (a scenario, an OpenAPI document, a token file), read bounded
// and refused in words: what both the mock and sms-command-verify read through.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

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
