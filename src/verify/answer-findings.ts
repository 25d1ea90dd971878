// What verify finds in one answer against the contract, in verify's words: one function for a live
// endpoint's answer (check.ts) and a recorded one (the recording mock, mock/record/step.ts).
import type { Finding, OperationContract } from '../contract/validator.js';
import { parseBody } from '../client/answer.js';

/** An answer as read (the client's BoundedAnswer, or a recording's): its status, body text or why none, and Content-Type. */
export interface ReadAnswer {
  status: number;
  text: string | undefined;
  problem?: string;
  headers: { get(name: string): string | null };
}

/**
 * What verify finds in one answer against an operation of the contract, in verify's words: a status
 * it does not document (drift), a body that could not be read, a Content-Type that is not JSON, a
 * body that is not JSON, and the body against that status's schema (unlisted fields as drift). `as`
 * checks the body against another status's schema (a gateway status, in the 401's shape) and takes
 * the status as known. `bodyChecked`: the body was checked against a schema.
 */
export function answerFindings(
  contract: OperationContract,
  answer: ReadAnswer,
  redact: (text: string) => string = (text) => text,
  as?: number,
): { findings: Finding[]; bodyChecked: boolean } {
  const findings: Finding[] = [];
  if (as === undefined && !contract.statuses.includes(answer.status)) {
    findings.push({
      kind: 'drift',
      path: '$',
      rule: 'status',
      message: `${answer.status} is not a documented status (${contract.statuses.join(', ')})`,
    });
    return { findings, bodyChecked: false };
  }
  if (answer.text === undefined) {
    findings.push({
      kind: 'violation',
      path: '$',
      rule: 'body',
      message: answer.problem ?? 'the body could not be read',
    });
    return { findings, bodyChecked: false };
  }
  const type = answer.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type))
    findings.push({
      kind: 'violation',
      path: 'headers.content-type',
      rule: 'content',
      message: `${JSON.stringify(type)}, expected application/json`,
    });
  const body = parseBody(answer.text, redact);
  if ('problem' in body) {
    findings.push({ kind: 'violation', path: '$', rule: 'content', message: `the body is ${body.problem}` });
    return { findings, bodyChecked: false };
  }
  // A path names the body's own field names, which a server may have made of the token.
  for (const f of contract.checkBody(answer.status, body.value, as === undefined ? {} : { as }))
    findings.push({ ...f, path: redact(f.path), message: redact(f.message) });
  return { findings, bodyChecked: true };
}
