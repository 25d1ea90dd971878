// A script step played: its delay (cut short when the mock closes), then its fault or its answer.
import type { ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';
import type { MockAnswer } from '../http/answers.js';
import { withRequestId } from '../engine/contract.js';
import type { ScriptStep } from './step-types.js';

/** An answer to send, or a fault (the connection dropped or held). */
export type Played = MockAnswer | 'fault';

/** Waits `ms`, or until `closing` aborts; resolves whether the whole wait passed. */
const delay = (ms: number, closing: AbortSignal): Promise<boolean> =>
  wait(ms, true, { signal: closing }).catch(() => false);

/** A scripted step played: its delay, then its fault or its answer. */
export async function playStep(
  step: ScriptStep,
  res: ServerResponse,
  requestId: string,
  closing: AbortSignal,
): Promise<Played> {
  if (step.delay_ms && !(await delay(step.delay_ms, closing))) return 'fault'; // the mock closed meanwhile
  if (step.fault === 'drop') {
    res.socket?.destroy();
    return 'fault';
  }
  if (step.fault === 'hang') return 'fault'; // the connection stays open until the client or close() ends it
  // A checked step's body is JSON whatever its type (v3's report answer is a JSON string); an
  // unchecked string is sent as written (an HTML 502, say).
  return {
    status: step.status,
    headers: step.headers,
    body: withRequestId(step.body, requestId),
    json: !step.unchecked,
  };
}
