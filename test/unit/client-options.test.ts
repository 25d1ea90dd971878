// The v1 client, client options and their defaults, and a client that logs nothing.
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '../support/routes.js';
import * as v1 from '../../src/v1.js';
import { createSmsClient, showCommand, SmsError, type Command } from '../../src/v3.js';
import { json, rejection } from '../support/answers.js';
import { ID, TOKEN, SK, fakeFetch } from '../support/show-client.js';

describe('v1', () => {
  it.each(ROUTES)(
    'takes ids of any length but not empty, and knows UPLOAD_LOG but not PREMIGRATE (%s route)',
    async (route) => {
      const make = (body: unknown) => {
        const fake = fakeFetch(() => json(body));
        const client = v1.createSmsClient({
          endpoint: 'https://sms.example.test',
          auth: { token: TOKEN },
          fetch: fake.fetch,
        });
        if (route === 'openapi-fetch') client.use({ onRequest: () => undefined });
        return { client, fake };
      };
      const { client, fake } = make({ command_name: 'UPLOAD_LOG', command_param: { bucket: 'logbucket', object: '' } });
      const command = await v1.showCommand(client, 'x'.repeat(100));
      expect(new URL(fake.seen[0]!.url).pathname).toBe(`/v1/sms/sources/${'x'.repeat(100)}/command`);
      expect(command).toMatchObject({ known: true, name: 'UPLOAD_LOG', param: { bucket: 'logbucket', object: '' } });
      expect(await rejection(v1.showCommand(client, ''))).toMatchObject({
        code: 'INVALID_INPUT',
        message: 'source_id must not be empty',
      });
      expect((await v1.showCommand(make({ command_name: 'PREMIGRATE' }).client, 's')).known).toBe(false);
    },
  );
});

describe('options', () => {
  it('refuses bad options and bad auth when the client is made, naming no secret', () => {
    expect(() => createSmsClient({ region: 'mars-1' as never })).toThrow(
      'unknown region "mars-1"; known regions: cn-north-4, ap-southeast-3, my-kualalumpur-1, ru-moscow-1 (or pass endpoint)',
    );
    expect(() => createSmsClient({})).toThrow('give endpoint (a base URL) or region');
    expect(() => createSmsClient({ endpoint: 'ftp://x' })).toThrow('endpoint must be http(s), not ftp:');
    expect(() => createSmsClient({ endpoint: 'x', region: 'cn-north-4' })).toThrow(
      'give either endpoint or region, not both',
    );
    expect(() => createSmsClient({ endpoint: 'https://h', timeoutMs: Infinity })).toThrow(
      'timeoutMs must be a positive, finite number of milliseconds',
    );
    expect(() => createSmsClient({ endpoint: 'https://h', maxBodyBytes: 0 })).toThrow(
      'maxBodyBytes must be a positive, finite number of bytes',
    );
    for (const [auth, message] of [
      [{ token: '' }, 'auth.token must be a non-empty string'],
      [{ token: `${TOKEN}\r\nX-Injected: 1` }, 'auth.token contains control characters'],
      [{ token: 'x'.repeat(16385) }, 'auth.token is 16385 characters long; at most 16384 are allowed'],
      [{ ak: 'AK' }, 'auth.sk must be a non-empty string'],
      [{ sk: SK }, 'auth.ak must be a non-empty string'],
      [{ ak: 'AK', sk: `${SK}\u0000` }, 'auth.sk contains control characters'],
    ] as const) {
      let thrown: unknown;
      try {
        createSmsClient({ endpoint: 'https://h', auth: auth as never });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(SmsError);
      expect(thrown).toMatchObject({ code: 'INVALID_INPUT', message });
      expect(inspect(thrown)).not.toContain(TOKEN);
      expect(inspect(thrown)).not.toContain(SK);
    }
  });

  it('has finite defaults: a 30 s timeout and an 8 MiB body limit', () => {
    expect(v1.DEFAULT_TIMEOUT_MS).toBe(30_000);
    expect(v1.DEFAULT_MAX_BODY_BYTES).toBe(8 * 1024 * 1024);
  });

  it('INVALID_INPUT: a client not made by createSmsClient', async () => {
    expect(await rejection(showCommand({} as never, ID))).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'showCommand needs a client made by createSmsClient',
    });
  });

  it('never throws synchronously, whatever it is given', () => {
    const client = createSmsClient({ endpoint: 'https://h', fetch: fakeFetch().fetch });
    const calls = [
      () => showCommand(client, null as never),
      () => showCommand(undefined as never, ID),
      () => v1.showCommand(client as never, ''),
    ];
    for (const call of calls) {
      let result: Promise<unknown> | undefined;
      expect(() => {
        result = call();
      }).not.toThrow();
      expect(result).toBeInstanceOf(Promise);
      result!.catch(() => {});
    }
  });
});

describe('logs nothing', () => {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method));
  afterEach(() => spies.forEach((spy) => spy.mockClear()));

  it('prints nothing on success or on any failure', async () => {
    const client = (respond: () => Response) =>
      createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: async () => respond() });
    const outcomes: Command[] = [];
    outcomes.push(
      await showCommand(
        client(() => json({ command_name: 'START' })),
        ID,
      ),
    );
    await showCommand(
      client(() => json({ error_code: 'SMS.2007' }, 500)),
      ID,
    ).catch(() => {});
    await showCommand(
      client(() => json('<html>')),
      ID,
    ).catch(() => {});
    await showCommand(
      client(() => new Response(null, { status: 302, headers: { location: 'https://x' } })),
      ID,
    ).catch(() => {});
    expect(outcomes).toHaveLength(1);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
