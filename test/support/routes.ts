// The per-route test matrix's one helper: showCommand and reportCommandResult send by one of two
// routes (src/client/route.ts), and each behaviour is tested over both.
import { expect } from 'vitest';
import { routeTaken } from '../../src/client/factory.js';
import type { SmsClientOptions } from '../../src/client/options.js';
import * as v1 from '../../src/v1.js';
import * as v3 from '../../src/v3.js';

export const ROUTES = ['direct', 'openapi-fetch'] as const;
export type Route = (typeof ROUTES)[number];

/** Puts a client on `route`: 'openapi-fetch' registers a middleware that does nothing. Checked, not assumed. */
export function onRoute<Client extends v3.SmsClient | v1.SmsClient>(route: Route, client: Client): Client {
  if (route === 'openapi-fetch') client.use({ onRequest: () => undefined });
  expect(routeTaken(client)).toBe(route);
  return client;
}

/** A v3 client made with `options`, on `route`. */
export const clientOn = (route: Route, options: SmsClientOptions) => onRoute(route, v3.createSmsClient(options));
