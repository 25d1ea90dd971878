// showCommand's test helpers, shared by the client-*.test.ts files: a fetch that records each request,
// a v3 client on a route (test/support/routes.ts) that answers with it, and a check that no error view
// holds a secret.
import { inspect } from 'node:util';
import { expect, vi } from 'vitest';
import type { SmsError } from '../../src/errors/sms-error.js';
import type { SmsClientOptions } from '../../src/v3.js';
import { clientOn, type Route } from './routes.js';

export const ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';
export const TOKEN = 'MIIT0k3n-secret-value';
export const SK = 'sk-secret-MFyfvK41ba2giqM7Uio6';
export const SECURITY_TOKEN = 'temporary-security-token-secret';

export function fakeFetch(
  respond: (request: Request) => Response | Promise<Response> = () =>
    Response.json({ command_name: 'START', command_param: { task_id: 't' } }),
) {
  const seen: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    seen.push(request);
    return respond(request);
  });
  return { fetch, seen };
}

/** A maker of token clients on `route`, each answering with `respond` through a fake fetch. */
export const tokenClientOn =
  (route: Route) =>
  (respond?: Parameters<typeof fakeFetch>[0], options: Partial<SmsClientOptions> = {}) => {
    const fake = fakeFetch(respond);
    return {
      ...fake,
      client: clientOn(route, {
        endpoint: 'https://sms.example.test',
        auth: { token: TOKEN },
        fetch: fake.fetch,
        ...options,
      }),
    };
  };

/** Every way an error could be shown: none may hold a secret or a signature. */
export function expectNoSecret(error: SmsError, secrets: string[]) {
  const views = [
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    String(error),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error.cause ?? null),
  ];
  for (const view of views) {
    for (const secret of secrets) expect(view).not.toContain(secret);
    expect(view).not.toMatch(/Signature=[0-9a-f]{64}/);
  }
}
