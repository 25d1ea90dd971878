// A redirect whose Location names a secret (`http://<token>.example.com/`): the client's
// SmsRedirectError repeats none of it, in its message or its targetOrigin, on either route.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSmsClient, showCommand, SmsRedirectError } from '../../src/v3.js';
import { rejection } from '../support/answers.js';

const TOKEN = 'MIIT0k3nQx7Rw2ZpLm9Vb4Ny';
const SK = 'Hq8XvK41ba2giqM7Uio6MFyfZt3Lw9PcRn5Ye0Da';
const SECURITY_TOKEN = 'Tq4Wz8Xc2Vb6Nm1Kj5Hg9Fd3Sa7Lp0Oi';

/** A fetch that answers 302 with a Location made by `location` from the secret it names. */
const redirectingTo = (location: string) => async () => new Response(null, { status: 302, headers: { location } });

describe.each(['direct', 'openapi-fetch'] as const)('REDIRECT naming a secret (%s route)', (route) => {
  const client = (auth: Parameters<typeof createSmsClient>[0]['auth'], location: string) => {
    const c = createSmsClient({ endpoint: 'https://sms.example.test', auth, fetch: redirectingTo(location) });
    if (route === 'openapi-fetch') c.use({ onRequest: () => undefined });
    return c;
  };

  it.each([
    ['the token as the host', { token: TOKEN }, `http://${TOKEN}.example.com/x`, TOKEN],
    ['the SK as the host', { ak: 'AKID', sk: SK }, `https://${SK}.example.com/`, SK],
    [
      'half the security token as a label',
      { ak: 'AKID', sk: SK, securityToken: SECURITY_TOKEN },
      `http://${SECURITY_TOKEN.slice(0, 16)}.evil.example/`,
      SECURITY_TOKEN.slice(0, 16),
    ],
  ])(
    '%s: message and targetOrigin hold [REDACTED], never the secret (a host is lower-cased)',
    async (_what, auth, location, secret) => {
      const error = await rejection(showCommand(client(auth, location), 'x'));
      expect(error).toBeInstanceOf(SmsRedirectError);
      const redirect = error as SmsRedirectError;
      expect(redirect).toMatchObject({ code: 'REDIRECT', status: 302, sameOrigin: false });
      expect(redirect.targetOrigin).toMatch(/^https?:\/\/\[REDACTED\]\.(?:evil\.)?example(?:\.com)?$/);
      expect(redirect.message).toBe(
        `HTTP 302 redirect to another origin, ${redirect.targetOrigin}; not followed (credentials stay with https://sms.example.test; set endpoint to the service's own URL)`,
      );
      for (const view of [
        redirect.message,
        JSON.stringify(redirect),
        inspect(redirect, { showHidden: true }),
        redirect.stack ?? '',
      ])
        for (const form of [secret, secret.toLowerCase(), secret.toLowerCase().slice(0, 8)])
          expect(view).not.toContain(form);
    },
  );

  it('an origin that names no secret is kept as it is', async () => {
    const error = await rejection(showCommand(client({ token: TOKEN }, 'https://elsewhere.example/x?token=abc'), 'x'));
    expect(error).toMatchObject({ targetOrigin: 'https://elsewhere.example', sameOrigin: false });
  });
});
