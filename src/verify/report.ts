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
  if (report.commandsChecked === 0) lines.push(...noCommandHints(report));
  lines.push(
    `${conforms} conform, ${drift} drift, ${violations} with violations, ${unchecked} could not be checked: exit ${report.exitCode}`,
  );
  // Paths, messages, ids and reasons quote the server and the caller: each line is made printable.
  return lines.map(printable).join('\n');
}

/**
 * Why no command was checked, by cause, each said once: a 401/403 is the credentials, a refused
 * connection is nothing listening at the endpoint, a 404 a server without a migration task.
 */
export function noCommandHints(report: VerifyReport): string[] {
  const head = 'no command was checked: ';
  const hints = new Set<string>();
  for (const r of report.results) {
    if (r.status === 401 || r.status === 403)
      hints.add(
        `${head}the service refused the credentials (HTTP ${r.status}): set SMS_TOKEN or --token-file, or CLOUD_SDK_AK and CLOUD_SDK_SK (with CLOUD_SDK_DOMAIN_ID or --domain-id), for this endpoint's account`,
      );
    else if (r.errorCode === 'ECONNREFUSED')
      hints.add(
        `${head}nothing is listening at ${report.endpoint} (ECONNREFUSED): check --endpoint and that the service is running`,
      );
    else if (r.status === undefined)
      hints.add(`${head}no answer from ${report.endpoint} (see the reasons above): check --endpoint or --region`);
    else if (r.status === 404)
      hints.add(
        `${head}the service answered 404, which says the server has no migration task: give --server-id of a server with a migration task`,
      );
  }
  if (!hints.size) hints.add(`${head}no server answered 200 with a command`);
  return [...hints];
}
