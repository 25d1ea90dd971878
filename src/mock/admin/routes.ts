// The control API's routes under /__mock, as data: what the HTTP door (http-door.ts) serves, what its
// 404 lists, and what a `--help` may print. docs/mock.md's "Control API reference" gives each route's
// statuses and bodies.

/** One control route: its method, its path (`<API path>` stands for any API path), and what it does. */
export interface ControlRoute {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  summary: string;
}

export const CONTROL_PREFIX = '/__mock';
/** Where a script route's path stands: `/__mock/v3/sources/s1/command` and any other API path. */
export const API_PATH = `${CONTROL_PREFIX}/<API path>`;

/**
 * Every control route, in the order a reader meets them. PUT and POST need `Content-Type:
 * application/json`; the journal's routes take the filters `id`, `path`, `verdict`, `method`, `since`,
 * `command_name`, `result`; every other route refuses a query parameter.
 */
export const CONTROL_ROUTES: readonly ControlRoute[] = [
  {
    method: 'GET',
    path: '/__mock/health',
    summary: 'readiness: 200 { status, version, apiVersions, uptimeMs, waits }',
  },
  { method: 'HEAD', path: '/__mock/health', summary: 'readiness, without a body' },
  { method: 'PUT', path: API_PATH, summary: "sets an API path's script: a JSON array of steps" },
  { method: 'GET', path: API_PATH, summary: "what is left of an API path's script (404: none)" },
  { method: 'DELETE', path: API_PATH, summary: "clears an API path's script (404: none)" },
  { method: 'GET', path: '/__mock/scripts', summary: "every script's state" },
  { method: 'DELETE', path: '/__mock/scripts', summary: 'clears every script' },
  { method: 'GET', path: '/__mock/requests', summary: 'the journal, filtered (?format=har: a HAR 1.2 log)' },
  {
    method: 'GET',
    path: '/__mock/requests/wait',
    summary: 'the first journal entry that matches, recorded or still to come (timeout_ms)',
  },
  { method: 'DELETE', path: '/__mock/requests', summary: 'clears the journal' },
  {
    method: 'POST',
    path: '/__mock/reset',
    summary: 'clears scripts, the journal, what was served (SMS.2009) and AK locks',
  },
];

/** Each path once with its methods (`GET|HEAD /__mock/health`, …): what `sms-command-mock --help` lists. */
export function routeGroups(routes: readonly ControlRoute[] = CONTROL_ROUTES): string[] {
  const methods = new Map<string, string[]>();
  for (const { method, path } of routes) methods.set(path, [...(methods.get(path) ?? []), method]);
  return [...methods].map(([path, verbs]) => `${verbs.join('|')} ${path}`);
}

/** The routes in one line (the 404's list): routeGroups joined. */
export const routeList = (routes: readonly ControlRoute[] = CONTROL_ROUTES): string => routeGroups(routes).join(', ');
