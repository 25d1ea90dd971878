// reportCommandResult's test helpers, shared by its files: a fetch that records each report as sent,
// and a v3 client on a route (test/support/routes.ts) that answers with it.
import { vi } from 'vitest';
import type { SmsError } from '../../src/errors/sms-error.js';
import type { CommandResult, SmsClientOptions } from '../../src/v3.js';
import { clientOn, type Route } from './routes.js';

export const ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';
export const TOKEN = 'MIIT0k3n-secret-value';
export const CREDS = { ak: 'REPORTAK000000000001', sk: 'report-secret-key-00000000000000000001' };
export const REPORT: CommandResult = { command_name: 'START', result: 'success', result_detail: { msg: 'started' } };

export function fakeFetch(
  respond: (request: Request) => Response | Promise<Response> = () =>
    Response.json('Reporting command execution results to SMS succeeded'),
) {
  const seen: Array<{ request: Request; body: string }> = [];
  const fetch = vi.fn(async (request: Request) => {
    seen.push({ request, body: await request.clone().text() });
    return respond(request);
  });
  return { fetch, seen };
}

export function reportClientOn(
  route: Route,
  options: Partial<SmsClientOptions>,
  respond?: Parameters<typeof fakeFetch>[0],
) {
  const fake = fakeFetch(respond);
  const client = clientOn(route, {
    endpoint: 'https://sms.example.test',
    auth: { token: TOKEN },
    fetch: fake.fetch,
    ...options,
  });
  return { client, ...fake };
}

export const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('resolved');
    },
    (e: unknown) => e as SmsError,
  );
