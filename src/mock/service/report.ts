// The report's side of the service (UpdateCommandResult): the checks of its body (Content-Type, JSON,
// the requestBody schema), what the journal keeps of it, SMS.2009 (a report of another command than
// the one last served to that server), and what an answer tells the service's state.
import type { IncomingMessage } from 'node:http';
import { describeViolation } from '../../contract/violations.js';
import { TextError } from '../../errors/text-error.js';
import type { MockState } from '../admin/service.js';
import { type MockAnswer, refusal, serviceError } from '../http/answers.js';
import type { Match, Route } from '../engine/contract.js';
import type { NewEntry } from '../journal/entry.js';
import { memberTexts, parseJson } from '../texts/json.js';
import { commandOf, depthOver, MAX_BODY_DEPTH } from '../scripts/step-limits.js';

/** One decoder for every report (each decode() call is whole, never streamed): one made per request cost the bench's report row. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** SMS.2009's words, from the v1-era error list. */
export const SMS_2009 = 'The command sent by the client is inconsistent with that on the SMS service';

/**
 * A report as the journal keeps it: the JSON text of an object of its three fields, each as sent
 * (memberTexts: a number keeps its digits), a field nested past MAX_BODY_DEPTH replaced by a note (a
 * client reading the listing must be able to parse it). Text, not the parsed value: 10 KB of
 * `[{},{},…]` held some 200 KB as objects (MAX_JOURNAL_BYTES bounded text, not memory).
 */
function reportText(text: string, body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const members = memberTexts(text);
  const kept: string[] = [];
  for (const key of ['command_name', 'result', 'result_detail'] as const) {
    const member = members.get(key);
    if (member === undefined) continue;
    const value = (body as Record<string, unknown>)[key];
    const note = `(not kept: nests deeper than ${MAX_BODY_DEPTH} levels, MAX_BODY_DEPTH)`;
    kept.push(`"${key}":${depthOver(value, MAX_BODY_DEPTH) ? JSON.stringify(note) : member}`);
  }
  return `{${kept.join(',')}}`;
}

/** The service's checks of a request body: its Content-Type, JSON, the requestBody schema. The parsed body, or the refusal. */
export function checkReportBody(
  req: IncomingMessage,
  route: Route,
  bytes: Buffer,
  entry: NewEntry,
): { parsed: unknown } | { refused: MockAnswer } {
  const { requestId } = entry;
  const type = req.headers['content-type']?.trim();
  const refused = (answer: MockAnswer) => ({ refused: answer });
  if (!type)
    return refused(
      serviceError(401, 'SMS.2005', 'the request has no Content-Type: send Content-Type: application/json', requestId),
    );
  if (!/^application\/json\s*(?:;|$)/i.test(type))
    return refused(
      serviceError(
        401,
        'SMS.2006',
        `Content-Type ${JSON.stringify(type)} is not application/json: send the report as JSON with Content-Type: application/json`,
        requestId,
      ),
    );
  let body: unknown;
  let text: string;
  try {
    text = UTF8.decode(bytes);
    body = parseJson(text);
  } catch (error) {
    const why =
      error instanceof TypeError
        ? 'it is not valid UTF-8'
        : error instanceof TextError
          ? error.message
          : (error as Error).message;
    return refused(refusal(400, `the request body is not JSON: ${why}`, requestId));
  }
  const report = reportText(text, body);
  if (report !== undefined) entry.reportText = report;
  const violations = route.checkRequestBody(body);
  if (violations.length === 0) return { parsed: body };
  entry.violations = violations.map(describeViolation);
  return refused(refusal(400, `the request breaks the contract: ${entry.violations.join('; ')}`, requestId));
}

/**
 * Why a report does not match the command last served to its server (SMS.2009), or undefined when
 * it does. Nothing served yet is a mismatch too: the service has no command for that server.
 */
export function reportMismatch(
  served: MockState['served'],
  route: Route,
  id: string,
  body: unknown,
): string | undefined {
  const reported = commandOf(body);
  const last = served.last(route.version, id);
  if (reported === last) return undefined;
  const server = `${route.version} ${JSON.stringify(id)}`;
  return `the report is of ${JSON.stringify(reported)}, ${last === undefined ? `and no command was served to ${server} yet` : `the command last served to ${server} is ${JSON.stringify(last)}`}`;
}

/**
 * What an answer tells the service's state: a GET's 200 command is the one last served to that
 * server (what its report must name); a report answered 2xx marks that command reported and lets a
 * script step waiting for it move on.
 */
export function remember(
  state: MockState,
  method: string | undefined,
  { route, id }: Match,
  body: unknown,
  answer: MockAnswer,
): void {
  if (route.method === 'GET' && method === 'GET' && answer.status === 200) {
    const command = commandOf(answer.body);
    if (typeof command === 'string') state.served.record(route.version, id, command);
  } else if (route.method === 'POST' && answer.status >= 200 && answer.status < 300) {
    const command = commandOf(body);
    if (typeof command !== 'string') return;
    state.served.reported(route.version, id, command); // forgotten after the servers still waiting for a report (served.ts)
    const show = state.contract.sibling(route, 'GET');
    if (show) state.scripts.reported(show.pathFor(id), command);
  }
}
