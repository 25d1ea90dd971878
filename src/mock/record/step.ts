// One upstream answer as a scenario step: the status, the headers an Agent reads, the body; checked
// against the contract as it is recorded, with verify's own check (answerFindings). An answer the
// mock could not replay as a checked step (an unlisted field, an undocumented status, a body that is
// not JSON) is kept `unchecked`, with a note naming each finding in verify's words, so the replay is
// faithful and the drift is seen.
import type { OperationContract } from '../../contract/validator.js';
import { ScriptError } from '../../errors/script-error.js';
import { answerFindings } from '../../verify/answer-findings.js';
import { GATEWAY_SHAPE, type Route } from '../engine/contract.js';
import { normalizeSteps } from '../scripts/steps.js';

/** The answer headers a recording keeps: those an Agent reads. Every other header is left out. */
export const KEPT_HEADERS = ['Retry-After', 'X-Request-Id', 'Content-Type'] as const;

/** A step as a recording writes it (a scenario step: status, headers, body, and `unchecked` with a `note`). */
export interface RecordedStep {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times?: number;
  unchecked?: true;
  note?: string;
}

/** The kept headers of an answer, under their usual spelling. */
export function keptHeaders(headers: { get(name: string): string | null }): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}

/** A finding as verify's report prints it (without its padding). */
const findingText = (f: { kind: string; path: string; rule: string; message: string }) =>
  `${f.kind} ${f.path} [${f.rule}] ${f.message}`;

/** The JSON value of a body, or undefined when it is not JSON. */
function parsed(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Whether the mock would take `step` as a checked step of `route`; its refusal's words when not. */
function replayProblem(route: Route, step: RecordedStep): string | undefined {
  try {
    normalizeSteps(route, [step]);
    return undefined;
  } catch (error) {
    if (error instanceof ScriptError) return error.violations.map((v) => `${v.field}: ${v.message}`).join('; ');
    throw error;
  }
}

/**
 * The step that replays an answer (`text` its body as received, `headers` the kept ones), checked
 * against `operation` as verify checks a live answer; `note` adds what the mock saw (an upstream
 * fault it answered for).
 */
export function stepOf(
  route: Route,
  operation: OperationContract | undefined,
  status: number,
  headers: Record<string, string>,
  text: string,
  note?: string,
): RecordedStep {
  const head: RecordedStep = { status, ...(Object.keys(headers).length ? { headers } : {}) };
  const json = text === '' ? undefined : parsed(text);
  const checked: RecordedStep = { ...head, ...(json ? { body: json.value } : {}), ...(note ? { note } : {}) };
  const as = route.statuses.includes(status) || !route.sends(status) ? undefined : GATEWAY_SHAPE;
  const get = (name: string) =>
    Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? null;
  const findings = operation
    ? answerFindings(operation, { status, text, headers: { get } }, undefined, as).findings
    : [];
  // An empty body where the status has one would be replayed as the spec's example: kept as it came.
  const emptyWithBody = text === '' && route.hasBody(status);
  const refused = emptyWithBody ? 'the body is empty' : replayProblem(route, checked);
  if (findings.length === 0 && refused === undefined && (json || text === '')) return checked;
  // Unchecked: a non-string JSON value that serialises back to the same text is kept as JSON (readable
  // in the file), anything else as the text received, which the mock sends as written.
  const asJson = json && typeof json.value !== 'string' && JSON.stringify(json.value) === text;
  const found = findings.length ? findings.map(findingText).join('; ') : (refused ?? 'the body is not JSON');
  return {
    ...head,
    body: asJson ? json.value : text,
    unchecked: true,
    note: note ? `${note}; ${found}` : found,
  };
}
