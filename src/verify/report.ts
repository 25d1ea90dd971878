// The verify report for people: one block per server and version, findings with their JSON path and
// rule, then the summary and the exit code; every line printable (no control or bidi character). (`--json` prints the VerifyReport itself.)
import { printable } from '../text.js';
import type { VerifyReport } from './check.js';

const LABEL = { conforms: 'conforms', drift: 'DRIFT', violations: 'VIOLATIONS', unchecked: 'COULD NOT CHECK' } as const;

export function formatReport(report: VerifyReport): string {
  const lines = [
    `sms-command-verify: ${report.endpoint} against the bundled contract (v1 ${report.specVersions.v1}, v3 ${report.specVersions.v3})`,
    '',
  ];
  for (const r of report.results) {
    lines.push(
      `${r.version} ${r.serverId}: ${r.status !== undefined ? `HTTP ${r.status}, ` : ''}${LABEL[r.outcome]}${r.requestId ? ` (request id ${r.requestId})` : ''}`,
    );
    if (r.reason) lines.push(`  ${r.reason}`);
    for (const f of r.findings) lines.push(`  ${f.kind.padEnd(9)} ${f.path}  [${f.rule}]  ${f.message}`);
  }
  const { conforms, drift, violations, unchecked } = report.summary;
  lines.push('');
  // (A report from before commandsChecked existed has none: say nothing then.)
  if (report.commandsChecked === 0)
    lines.push(
      'no command was checked: no server answered 200 with a command (give --server-id of a server with a migration task)',
    );
  lines.push(
    `${conforms} conform, ${drift} drift, ${violations} with violations, ${unchecked} could not be checked: exit ${report.exitCode}`,
  );
  // Paths, messages, ids and reasons quote the server and the caller: each line is made printable.
  return lines.map(printable).join('\n');
}
