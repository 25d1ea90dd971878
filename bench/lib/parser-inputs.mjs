// The texts bench/parsers.mjs reads: hostile ones (300,000 keys, a "billion laughs") and a realistic
// scenario as large as a `--scenario` file may be (SCENARIO_MAX_BYTES, 4 MiB), in YAML and in JSON.

/** A JSON object of `keys` keys (`{"k0":0,…}`), and the same keys as a YAML mapping. */
export function manyKeys(keys) {
  return {
    json: `{${Array.from({ length: keys }, (_, i) => `"k${i}":0`).join(',')}}`,
    yaml: Array.from({ length: keys }, (_, i) => `k${i}: 0`).join('\n'),
  };
}

/** 551 bytes whose nested aliases expand to some 10^9 nodes. */
export const laughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
].join('\n');
export const small = 'a: [1, 2, 3]\nb: { c: d }\n';

/** A server id, as a v3 path has it (`/v3/sources/{id}/command`). */
const id = (n) => `f32ab4d6-d150-4fb3-aa55-${String(n).padStart(12, '0')}`;

/**
 * One server's script as a team writes it: a start, sync rounds with their task ids, throttling
 * and gateway errors with headers, a fault, a reused step (an anchor, then an alias), and the end.
 */
function script(n) {
  const steps = [
    `      - &start${n}`,
    `        status: 200`,
    `        body:`,
    `          command_name: START`,
    `          command_param:`,
    `            task_id: "t-${n}-0"`,
    `            bucket: "logs-of-server-${n}"`,
    `        times: 2`,
  ];
  for (let round = 1; round <= 17; round++)
    steps.push(
      `      - status: 200`,
      `        body: { command_name: SYNC, command_param: { task_id: "t-${n}-${round}", bucket: "b-${n}" } }`,
      `        delay_ms: ${round * 250}`,
      `      - status: 429`,
      `        headers: { Retry-After: "2", X-Request-Id: "req-${n}-${round}" }`,
    );
  steps.push(
    `      - *start${n}`,
    `      - status: 503`,
    `        body: { error_code: MOCK.0503, error_msg: "upstream unavailable", request_id: "r-${n}" }`,
    `      - fault: drop`,
    `      - body: { command_name: TASK_HAS_FINISHED }`,
    `        note: "the last step repeats once the list is used up"`,
  );
  return [`  "/v3/sources/${id(n)}/command":`, ...steps].join('\n');
}

/** A YAML scenario of as many scripts as fit in `bytes` (a `--scenario` file's limit, 4 MiB), 1000 at most (MAX_SCRIPT_PATHS). */
export function scenarioYaml(bytes = 4 * 1024 * 1024) {
  const parts = ['# a scenario for a fleet of servers, one script per server', 'scripts:'];
  let size = parts.join('\n').length;
  for (let n = 0; n < 1000; n++) {
    const part = script(n);
    if (size + part.length + 1 > bytes) break;
    parts.push(part);
    size += part.length + 1;
  }
  return `${parts.join('\n')}\n`;
}
