// reportCommandResult for a version: the Agent's report of a command's result (UpdateCommandResult),
// checked before any request, then sent by the client's route (route.ts, as showCommand is: the same
// redirect refusal, answer bounds and error mapping). A
// separate module: a bundle that only polls does not carry it.
import type { Client } from 'openapi-fetch';
import { invalid } from '../errors/sms-error.js';
import { codePoints, describeJson } from '../text.js';
import { accepted, type ReportAnswer } from './answer.js';
import { clientState } from './factory.js';
import type { CallOptions } from './options.js';
import { checkId } from './id.js';
import { operation, send } from './route.js';

/** What a version's UpdateCommandResult is to the client; v1.ts and v3.ts state it once each. */
export interface ReportFacts<Result extends string> {
  /** The path template, such as `/v3/sources/{server_id}/command_result`. */
  path: string;
  idParam: string;
  idMaxLength: number | undefined;
  /** `command_name`'s maxLength in the spec, if it has one. */
  commandNameMaxLength: number | undefined;
  /** The documented `result` values (from generated/). */
  results: ReadonlyArray<Result>;
  /** The largest body the service takes (the spec's `x-max-body-bytes`). */
  maxBodyBytes: number;
}

/** A report as the caller gives it. */
export interface ReportOf<Result extends string> {
  command_name: string;
  result: Result;
  result_detail: Record<string, unknown>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value));

/** The report's JSON, exactly its three documented fields, or INVALID_INPUT naming the field and the rule. */
function reportBody<Result extends string>(report: unknown, facts: ReportFacts<Result>): string {
  if (!isPlainObject(report))
    throw invalid(`the report must be an object { command_name, result, result_detail }, got ${describeJson(report)}`);
  const { command_name: name, result, result_detail: detail } = report;
  if (typeof name !== 'string') throw invalid(`command_name must be a string, got ${describeJson(name)}`);
  const max = facts.commandNameMaxLength;
  if (max !== undefined && name.length > max && codePoints(name) > max)
    throw invalid(`command_name is ${codePoints(name)} characters long; at most ${max} are allowed`);
  if (!facts.results.includes(result as Result)) {
    const got = typeof result === 'string' ? JSON.stringify(result.slice(0, 40)) : describeJson(result);
    throw invalid(`result must be ${facts.results.map((r) => JSON.stringify(r)).join(' or ')}, got ${got}`);
  }
  if (!isPlainObject(detail))
    throw invalid(
      `result_detail must be a JSON object (the service keeps it for its records), got ${describeJson(detail)}`,
    );
  // What goes out is checked, not what was given: a toJSON on result_detail (a class instance's, or
  // one written on a plain object) decides what JSON.stringify sends, which may not be an object.
  let detailJson: string | undefined;
  try {
    detailJson = JSON.stringify(detail);
  } catch (error) {
    throw invalid(`result_detail cannot be sent as JSON (${(error as Error).message})`);
  }
  if (detailJson === undefined || !detailJson.startsWith('{'))
    throw invalid(
      `result_detail must be a JSON object, but JSON.stringify turns it into ${detailJson === undefined ? 'nothing' : detailJson.slice(0, 40)} (through its toJSON method)`,
    );
  // The bytes JSON.stringify({ command_name, result, result_detail }) writes, detail serialised once.
  const body = `{"command_name":${JSON.stringify(name)},"result":${JSON.stringify(result)},"result_detail":${detailJson}}`;
  const bytes = new TextEncoder().encode(body).length;
  if (bytes > facts.maxBodyBytes)
    throw invalid(
      `the report is ${bytes} bytes as JSON; the service takes at most ${facts.maxBodyBytes} (SMS.2004): shorten result_detail`,
    );
  return body;
}

/** reportCommandResult for a version: checks the id and the report, sends it once (never retried). */
export function resultReporter<Result extends string>(facts: ReportFacts<Result>) {
  const op = operation('POST', facts);
  return async (
    client: Client<any, any>,
    id: string,
    report: ReportOf<Result>,
    call: CallOptions | undefined,
  ): Promise<ReportAnswer> => {
    checkId(id, facts.idParam, facts.idMaxLength);
    const body = reportBody(report, facts);
    const state = clientState(client);
    if (!state) throw invalid('reportCommandResult needs a client made by createSmsClient');
    return accepted(state.ctx, await send(client, state, { op, id, signal: call?.signal, body }));
  };
}
