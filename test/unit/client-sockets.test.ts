// showCommand against local servers (sockets that hang, stall, reset, redirect or stream without end), over both routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOn, ROUTES } from '../support/routes.js';
import { showCommand, SmsApiError, SmsError, SmsRedirectError, type SmsClientOptions } from '../../src/v3.js';
import { freePort } from '../support/ports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { rejection } from '../support/answers.js';
import { ID, TOKEN, SK, SECURITY_TOKEN, expectNoSecret } from '../support/show-client.js';

describe.each(ROUTES)('%s route', (route) => {
  describe('real sockets', () => {
    let server: TestServer;
    let foreign: TestServer;
    beforeAll(async () => {
      foreign = await startTestServer();
      server = await startTestServer({
        'redirect-foreign': (_req, res) =>
          res.writeHead(302, { location: `${foreign.url}/v3/sources/ok/command` }).end('{"command_name":"DELETE"}'),
        'redirect-foreign-307': (_req, res) => res.writeHead(307, { location: `${foreign.url}/steal` }).end(),
      });
    });
    afterAll(async () => {
      await server.close();
      await foreign.close();
    });
    const client = (options: Partial<SmsClientOptions> = {}) =>
      clientOn(route, { endpoint: server.url, auth: { token: TOKEN }, ...options });

    it('reads a real answer', async () => {
      expect(await showCommand(client(), 'ok')).toMatchObject({ known: true, name: 'STOP', param: { task_id: 't1' } });
    });

    it('REDIRECT: a 302 or 307 to another origin is an error; the other origin receives nothing, its body is never read', async () => {
      for (const auth of [{ token: TOKEN }, { ak: 'AKID', sk: SK, securityToken: SECURITY_TOKEN, domainId: 'd' }]) {
        for (const [id, status] of [
          ['redirect-foreign', 302],
          ['redirect-foreign-307', 307],
        ] as const) {
          const error = await rejection(showCommand(client({ auth }), id));
          expect(error).toBeInstanceOf(SmsRedirectError);
          expect(error).toMatchObject({ code: 'REDIRECT', status, targetOrigin: foreign.url, sameOrigin: false });
          expect(error.message).toBe(
            `HTTP ${status} redirect to another origin, ${foreign.url}; not followed (credentials stay with ${server.url}; set endpoint to the service's own URL)`,
          );
          expectNoSecret(error, [TOKEN, SK, SECURITY_TOKEN]);
        }
      }
      expect(foreign.requests).toEqual([]);
    });

    it('REDIRECT: a same-origin redirect is not followed either', async () => {
      const before = server.requests.length;
      const error = await rejection(showCommand(client(), 'redirect-same'));
      expect(error).toMatchObject({
        code: 'REDIRECT',
        status: 301,
        sameOrigin: true,
        message: `HTTP 301 redirect within ${server.url}; not followed (credentials stay with ${server.url}; set endpoint to the service's own URL)`,
      });
      expect(server.requests.length).toBe(before + 1);
    });

    it('BAD_RESPONSE: an endless body stops at the limit, long before the timeout', async () => {
      // Were the body read to the end, the call would end in TIMEOUT (the body never ends).
      const error = await rejection(showCommand(client({ maxBodyBytes: 1 << 20, timeoutMs: 60_000 }), 'endless'));
      expect(error).toMatchObject({
        code: 'BAD_RESPONSE',
        message: 'HTTP 200: its body is over the 1048576-byte limit (maxBodyBytes); reading stopped there',
      });
    });

    it('HTTP: an endless error body still gives SmsApiError with its status', async () => {
      const error = await rejection(showCommand(client({ maxBodyBytes: 1 << 20 }), 'endless-500'));
      expect(error).toMatchObject({
        code: 'HTTP',
        status: 500,
        body: undefined,
        message: 'HTTP 500 (its body is over the 1048576-byte limit (maxBodyBytes); reading stopped there)',
      });
    });

    it('BAD_RESPONSE: a gzip bomb counts its inflated bytes', async () => {
      const error = await rejection(showCommand(client({ maxBodyBytes: 1 << 20 }), 'gzip-bomb'));
      expect(error).toMatchObject({
        code: 'BAD_RESPONSE',
        message: 'HTTP 200: its body is over the 1048576-byte limit (maxBodyBytes); reading stopped there',
      });
    });

    it('BAD_RESPONSE: a declared length over the limit is refused without reading', async () => {
      const error = await rejection(
        showCommand(client({ maxBodyBytes: 1 << 20, timeoutMs: 5000 }), 'declared-too-long'),
      );
      expect(error).toMatchObject({
        code: 'BAD_RESPONSE',
        message: 'HTTP 200: its body of 100000000 bytes is over the 1048576-byte limit (maxBodyBytes) and was not read',
      });
    });

    it('BAD_RESPONSE: a body shorter than its Content-Length, and a garbled gzip body', async () => {
      expect(await rejection(showCommand(client(), 'truncated'))).toMatchObject({
        code: 'BAD_RESPONSE',
        message: expect.stringMatching(/^HTTP 200: its body was cut off or garbled \(terminated/),
      });
      expect(await rejection(showCommand(client(), 'garbled-gzip'))).toMatchObject({
        code: 'BAD_RESPONSE',
        message: expect.stringMatching(/^HTTP 200: its body was cut off or garbled \(/),
      });
    });

    it('HTTP: an error body 3,000 arrays deep over a real socket', async () => {
      expect(await rejection(showCommand(client(), 'deep-error'))).toMatchObject({ code: 'HTTP', status: 500 });
    });

    it("TIMEOUT: the client's timeoutMs, named in the message, for a silent server and a stalled body", async () => {
      expect(await rejection(showCommand(client({ timeoutMs: 60 }), 'hang'))).toMatchObject({
        code: 'TIMEOUT',
        message: "no answer within 60 ms (the client's timeoutMs)",
      });
      expect(await rejection(showCommand(client({ timeoutMs: 60 }), 'stall-body'))).toMatchObject({
        code: 'TIMEOUT',
        message: "no answer within 60 ms (the client's timeoutMs)",
      });
    });

    it("ABORTED: the caller's signal, told apart from the client's timeout, even when it is a timeout signal", async () => {
      expect(
        await rejection(showCommand(client({ timeoutMs: 5000 }), 'hang', { signal: AbortSignal.timeout(40) })),
      ).toMatchObject({
        code: 'ABORTED',
        message: "the call was aborted by the caller's signal (TimeoutError: The operation was aborted due to timeout)",
      });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      expect(await rejection(showCommand(client(), 'stall-body', { signal: controller.signal }))).toMatchObject({
        code: 'ABORTED',
        message: "the call was aborted by the caller's signal (AbortError: This operation was aborted)",
      });
      const before = server.requests.length;
      expect(await rejection(showCommand(client(), 'ok', { signal: AbortSignal.abort() }))).toMatchObject({
        code: 'ABORTED',
      });
      expect(server.requests.length).toBe(before);
    });

    it('each call has its own abort: calls before and after an aborted one and a timed-out one all answer', async () => {
      // Each call aborts its own request only: a caller's abort or a timeout never reaches a call
      // beside it or after it (transport.ts makes one AbortController per call).
      const c = client({ timeoutMs: 5000 });
      const calls = (n: number) => Promise.all(Array.from({ length: n }, () => showCommand(c, 'ok')));
      for (let i = 0; i < 3; i++) expect((await calls(30)).map((a) => a.name)).toEqual(Array(30).fill('STOP'));
      const caller = new AbortController();
      const aborted = showCommand(c, 'hang', { signal: caller.signal });
      const beside = calls(20);
      caller.abort();
      expect(await rejection(aborted)).toMatchObject({ code: 'ABORTED' });
      expect((await beside).map((a) => a.name)).toEqual(Array(20).fill('STOP'));
      expect(await rejection(showCommand(client({ timeoutMs: 60 }), 'hang'))).toMatchObject({ code: 'TIMEOUT' });
      for (let i = 0; i < 3; i++) expect((await calls(30)).map((a) => a.name)).toEqual(Array(30).fill('STOP'));
    });

    it('NETWORK: a connection reset, and a port where nothing listens', async () => {
      expect(await rejection(showCommand(client(), 'reset'))).toMatchObject({
        code: 'NETWORK',
        message: expect.stringMatching(/^the request failed: fetch failed \(/),
      });
      const closed = clientOn(route, { endpoint: `http://127.0.0.1:${await freePort()}`, auth: { token: TOKEN } });
      expect(await rejection(showCommand(closed, ID))).toMatchObject({
        code: 'NETWORK',
        message: 'the request failed: fetch failed (ECONNREFUSED)',
      });
    });

    it('no secret in any error: a hostile server echoing every credential it got, whole or in half', async () => {
      const errors: SmsError[] = [];
      for (const auth of [{ token: TOKEN }, { ak: 'AKID', sk: SK, securityToken: SECURITY_TOKEN, domainId: 'd' }]) {
        for (const id of ['echo', 'echo-200-html', 'echo-half'])
          errors.push(await rejection(showCommand(client({ auth }), id)));
        errors.push(await rejection(showCommand(client({ auth }), 'hang', { signal: AbortSignal.timeout(20) })));
      }
      expect(errors.map((e) => e.code)).toEqual([
        'HTTP',
        'BAD_RESPONSE',
        'BAD_RESPONSE',
        'ABORTED',
        'HTTP',
        'BAD_RESPONSE',
        'BAD_RESPONSE',
        'ABORTED',
      ]);
      for (const error of errors)
        expectNoSecret(error, [TOKEN, SK, SECURITY_TOKEN, TOKEN.slice(0, 8), SECURITY_TOKEN.slice(0, 8)]);
      expect(JSON.stringify((errors[0] as SmsApiError).body)).toContain('[REDACTED]');
    });
  });
});
