// The record → replay loop's pieces shared by its tests: the upstream's scripts (a second mock with
// its own credentials), an Agent loop with our client that notes every answer it sees, and what the
// replay of a recording must show for each of them.
import * as v3 from '../../src/v3.js';

/** The upstream's own pair: never the mock's, never seen by the Agent. */
export const UPSTREAM_CREDS = { ak: 'UPSTREAMAK0000000001', sk: 'UpstreamSecretKey0000000000000000000001' };
export const SERVER = 'rec-server-1';
export const COMMAND_PATH = `/v3/sources/${SERVER}/command`;

/**
 * What the upstream answers the server's polls, in order: faults, a 429 with Retry-After, a command
 * polled twice, an undocumented field, an undocumented status, a redirect, a hang (the recording's
 * timeout), then the end.
 */
export const UPSTREAM_SCRIPT = [
  { status: 503 },
  { status: 429, headers: { 'Retry-After': '1' } },
  { body: { command_name: 'START', command_param: { task_id: 't-1' } }, times: 2 },
  { body: { command_name: 'SYNC', command_param: { task_id: 't-1' }, sync_round: 3 }, unchecked: true },
  { status: 418, body: { error_code: 'SMS.9999', error_msg: 'undocumented' }, unchecked: true },
  { fault: 'drop' },
  { status: 302, headers: { Location: 'http://127.0.0.1:9/elsewhere' }, unchecked: true },
  { fault: 'hang' },
  { body: { command_name: 'TASK_HAS_FINISHED' } },
] as const;

/** One answer as the Agent saw it: what a replay must give again. */
export interface Seen {
  method: string;
  status: number;
  body: string;
  headers: Record<string, string | null>;
}

const headersOf = (response: Response) => ({
  'content-type': response.headers.get('content-type'),
  'retry-after': response.headers.get('retry-after'),
  'x-request-id': response.headers.get('x-request-id'),
});

/**
 * The Agent's loop through our client (signing with the mock's demo AK/SK): poll; on a command,
 * report it `success`; stop at TASK_HAS_FINISHED or after `polls` polls. `after` runs after each answer.
 */
export async function clientLoop(
  url: string,
  auth: v3.AkSkAuth,
  polls: number,
  after: (seen: Seen[]) => void = () => {},
) {
  const seen: Seen[] = [];
  let last: Promise<Seen> | undefined;
  // The answer as it came off the wire, before the client reads it: the client's own fetch, watched.
  const client = v3.createSmsClient({
    endpoint: url,
    auth,
    timeoutMs: 10_000,
    fetch: async (request) => {
      const response = await fetch(request);
      const copy = response.clone();
      last = copy
        .text()
        .then((body) => ({ method: request.method, status: copy.status, body, headers: headersOf(copy) }));
      return response;
    },
  });
  const note = async () => {
    seen.push(await last!);
    after(seen);
  };
  for (let i = 0; i < polls; i++) {
    const { data, response } = await client.GET('/v3/sources/{server_id}/command', {
      params: { path: { server_id: SERVER } },
    });
    await note();
    const name = response.status === 200 ? (data as { command_name?: string } | undefined)?.command_name : undefined;
    if (name === 'TASK_HAS_FINISHED') break;
    if (name === undefined) continue;
    await client.POST('/v3/sources/{server_id}/command_result', {
      params: { path: { server_id: SERVER } },
      body: { command_name: name as v3.CommandName, result: 'success', result_detail: { ran: name } },
    });
    await note();
  }
  return seen;
}

/**
 * What the replay must show for each answer seen while recording: the same, but where an answer
 * repeats the one before it on the same path (one step with `times`), the X-Request-Id of the first.
 */
export function expectedReplay(recorded: Seen[]): Seen[] {
  const last = new Map<string, Seen>();
  const same = (a: Seen, b: Seen) =>
    a.status === b.status &&
    a.body === b.body &&
    a.headers['content-type'] === b.headers['content-type'] &&
    a.headers['retry-after'] === b.headers['retry-after'];
  return recorded.map((seen) => {
    const before = last.get(seen.method);
    const expected =
      before && same(before, seen)
        ? { ...seen, headers: { ...seen.headers, 'x-request-id': before.headers['x-request-id'] ?? null } }
        : seen;
    last.set(seen.method, expected);
    return expected;
  });
}
