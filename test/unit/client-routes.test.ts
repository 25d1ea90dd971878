// Which of showCommand's two routes a client takes, and what only the openapi-fetch route (middleware) must guard.
import { describe, expect, it, vi } from 'vitest';
import { routeTaken } from '../../src/client/factory.js';
import { createSmsClient, showCommand } from '../../src/v3.js';
import { json, rejection } from '../support/answers.js';
import { ID, TOKEN, fakeFetch } from '../support/show-client.js';

describe('which route a call takes', () => {
  it('a plain client calls fetch directly, never openapi-fetch (the fast route the bench measures)', async () => {
    const fake = fakeFetch();
    const client = createSmsClient({ endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch: fake.fetch });
    const viaOpenapiFetch = vi.spyOn(client, 'GET');
    await showCommand(client, ID);
    expect(routeTaken(client)).toBe('direct');
    expect(viaOpenapiFetch).not.toHaveBeenCalled();
    expect(fake.fetch).toHaveBeenCalledTimes(1);
  });

  it('a client with middleware, or an option only openapi-fetch knows, goes through client.GET', async () => {
    const withMiddleware = createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: fakeFetch().fetch });
    withMiddleware.use({ onRequest: () => undefined });
    const viaOpenapiFetch = vi.spyOn(withMiddleware, 'GET');
    await showCommand(withMiddleware, ID);
    expect(viaOpenapiFetch).toHaveBeenCalledTimes(1);
    expect(routeTaken(createSmsClient({ endpoint: 'https://h', querySerializer: {} }))).toBe('openapi-fetch');
  });

  it('back on the direct route once the last middleware is ejected (each registration counted)', async () => {
    const fake = fakeFetch();
    const client = createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: fake.fetch });
    const viaOpenapiFetch = vi.spyOn(client, 'GET');
    const first = { onRequest: () => undefined };
    const second = { onResponse: () => undefined };
    client.use(first, second, first);
    client.eject(first);
    expect(routeTaken(client)).toBe('openapi-fetch');
    client.eject(second, first);
    expect(routeTaken(client)).toBe('direct');
    await showCommand(client, ID);
    expect(viaOpenapiFetch).not.toHaveBeenCalled();
    client.eject(first);
    expect(routeTaken(client)).toBe('direct');
    client.use(second);
    await showCommand(client, ID);
    expect(viaOpenapiFetch).toHaveBeenCalledTimes(1);
    expect(fake.fetch).toHaveBeenCalledTimes(2);
  });

  it('a middleware openapi-fetch refuses after one it kept: the kept one still routes via client.GET', () => {
    const client = createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: fakeFetch().fetch });
    const kept = { onRequest: () => undefined };
    expect(() => client.use(kept, {} as never)).toThrow(/Middleware must be an object/);
    expect(routeTaken(client)).toBe('openapi-fetch');
    client.eject(kept);
    expect(routeTaken(client)).toBe('direct');
  });

  it('ejecting middleware does not bring back the direct route for an option only openapi-fetch knows', () => {
    const client = createSmsClient({ endpoint: 'https://h', querySerializer: {} });
    const middleware = { onRequest: () => undefined };
    client.use(middleware);
    client.eject(middleware);
    expect(routeTaken(client)).toBe('openapi-fetch');
  });
});

describe('only on the openapi-fetch route', () => {
  it('middleware that points the request at another origin gets no credentials: INVALID_INPUT, nothing sent', async () => {
    const fake = fakeFetch();
    const client = createSmsClient({ endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch: fake.fetch });
    client.use({
      onRequest: ({ request }) => new Request(request.url.replace('sms.example.test', 'evil.example'), request),
    });
    expect(await rejection(showCommand(client, ID))).toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'the request was pointed at https://evil.example (by middleware?); credentials are sent to https://sms.example.test only',
    });
    expect(fake.fetch).not.toHaveBeenCalled();
  });

  it('a Response made by middleware is read by the same rules', async () => {
    const client = createSmsClient({ endpoint: 'https://h', auth: { token: TOKEN }, fetch: fakeFetch().fetch });
    client.use({
      onResponse: () => json({ error_code: 'SMS.2252', error_msg: 'no task' }, 404, { 'x-request-id': 'r' }),
    });
    expect(await rejection(showCommand(client, ID))).toMatchObject({
      code: 'HTTP',
      status: 404,
      errorCode: 'SMS.2252',
      requestId: 'r',
      message: 'HTTP 404 SMS.2252: no task (request id r)',
    });
  });

  it('the raw typed client.GET gets the same protections: ".." refused, a foreign redirect refused', async () => {
    const fake = fakeFetch(() => new Response(null, { status: 302, headers: { location: 'https://evil.example/x' } }));
    const client = createSmsClient({ endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch: fake.fetch });
    expect(
      (await rejection(client.GET('/v3/sources/{server_id}/command', { params: { path: { server_id: '..' } } }))).code,
    ).toBe('INVALID_INPUT');
    expect(fake.fetch).not.toHaveBeenCalled();
    expect(
      await rejection(client.GET('/v3/sources/{server_id}/command', { params: { path: { server_id: 'x' } } })),
    ).toMatchObject({ code: 'REDIRECT', targetOrigin: 'https://evil.example' });
  });
});
