// The upstream a recording forwards to, checked when the mock starts: an http(s) base URL without
// credentials in it (the client's own check, resolveBaseUrl), that answers a TCP connection now. A
// problem names the option it came from (`record.upstream`, or the bin's `--record`).
import { connect } from 'node:net';
import { isSmsError } from '../../errors/guards.js';
import { MockStartError } from '../../errors/mock-start-error.js';
import { resolveBaseUrl } from '../../client/options.js';

/** Which recording option a start problem is about. */
export type RecordOption = 'upstream' | 'to' | 'credentials' | 'aliasIds';

/** The library's names of the recording options; the bin names its own (`--record`, `--record-to`). */
export const RECORD_OPTION_NAMES: Record<RecordOption, string> = {
  upstream: 'record.upstream',
  to: 'record.to',
  credentials: "record.auth (or the upstream's environment variables)",
  aliasIds: 'record.aliasIds',
};

/** A recording that cannot start: `option` says which option is wrong, `detail` what is wrong with it. */
export class RecordStartError extends MockStartError {
  constructor(
    readonly option: RecordOption,
    readonly detail: string,
  ) {
    super(`${RECORD_OPTION_NAMES[option]} ${detail}`);
  }
}

/** How long the start waits for the upstream to take a TCP connection. */
export const UPSTREAM_PROBE_MS = 5000;

/** The upstream's base URL without a trailing slash; a RecordStartError when it is no http(s) URL or carries credentials. */
export function checkUpstream(upstream: unknown): string {
  if (typeof upstream !== 'string' || upstream === '') throw new RecordStartError('upstream', 'must be a base URL');
  try {
    return resolveBaseUrl({ endpoint: upstream });
  } catch (error) {
    if (isSmsError(error)) throw new RecordStartError('upstream', `is refused: ${error.message}`);
    throw error;
  }
}

/** Resolves once the upstream's host takes a TCP connection; a RecordStartError when it refuses, is unknown or says nothing within UPSTREAM_PROBE_MS. */
export function probeUpstream(base: string): Promise<void> {
  const url = new URL(base);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (why: string) => {
      socket.destroy();
      reject(new RecordStartError('upstream', `${url.origin} cannot be reached: ${why}`));
    };
    socket.setTimeout(UPSTREAM_PROBE_MS, () =>
      fail(`no connection within ${UPSTREAM_PROBE_MS} ms (UPSTREAM_PROBE_MS)`),
    );
    socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
  });
}
