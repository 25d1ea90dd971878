// The bin's recording flags (`--record URL --record-to FILE [--record-alias-ids]`): checked together,
// turned into `startMock`'s `record`, and a RecordStartError told with the flag it is about.
import { notTogether, usageError } from '../../cli-args.js';
import type { RecordOptions } from './session.js';
import type { RecordStartError } from './upstream.js';

/** The bin's names of the recording options. */
const RECORD_FLAGS = {
  upstream: '--record',
  to: '--record-to',
  credentials: "--record: the upstream's credentials",
  aliasIds: '--record-alias-ids',
} as const;

interface Flags {
  record?: string | undefined;
  'record-to'?: string | undefined;
  'record-alias-ids'?: boolean | undefined;
  scenario?: string | undefined;
}

/** The recording the flags ask for, or undefined; a usage error (exit 2) for flags that do not go together. */
export function recordFlags(bin: string, values: Flags): RecordOptions | undefined {
  notTogether(
    bin,
    { ...values },
    'record',
    'scenario',
    'a recording mock forwards every API request and plays no script',
  );
  const upstream = values.record;
  const to = values['record-to'];
  if ((upstream === undefined) !== (to === undefined) || (values['record-alias-ids'] && upstream === undefined))
    usageError(bin, '--record URL and --record-to FILE go together (and --record-alias-ids with them)');
  return upstream === undefined ? undefined : { upstream, to: to!, aliasIds: values['record-alias-ids'] === true };
}

/** A RecordStartError in the bin's words: the flag, then what is wrong. */
export const recordStartProblem = (error: RecordStartError) => `${RECORD_FLAGS[error.option]} ${error.detail}`;

/** The banner's line for a recording mock: it is a live session. */
export const recordBanner = (record: RecordOptions | undefined) =>
  record
    ? `\n  RECORDING: every API request is forwarded to ${record.upstream} (a live session: reports reach it too); answers recorded in ${record.to}`
    : '';
