// showCommand's typed errors and their messages, over both routes, with an injected fetch.
import { describe, expect, it, vi } from 'vitest';
import { clientOn, ROUTES } from '../support/routes.js';
import { showCommand, SmsApiError } from '../../src/v3.js';
import { json, rejection } from '../support/answers.js';
import { ID, TOKEN, tokenClientOn } from '../support/show-client.js';

describe.each(ROUTES)('%s route', (route) => {
  const tokenClient = tokenClientOn(route);
  describe('typed errors, with their messages', () => {
    it('HTTP: a documented 404 becomes SmsApiError with its fields and the X-Request-Id', async () => {
      const { client } = tokenClient(() =>
        json({ error_code: 'SMS.2252', error_msg: 'no task' }, 404, { 'X-Request-Id': 'req-1' }),
      );
      const error = await rejection(showCommand(client, ID));
      expect(error).toBeInstanceOf(SmsApiError);
      expect(error).toMatchObject({
        code: 'HTTP',
        status: 404,
        errorCode: 'SMS.2252',
        errorMsg: 'no task',
        requestId: 'req-1',
        retryAfter: undefined,
        body: { error_code: 'SMS.2252', error_msg: 'no task' },
      });
      expect(error.message).toBe('HTTP 404 SMS.2252: no task (request id req-1)');
    });

    it('HTTP: the 403 extras are carried', async () => {
      const body = {
        error_code: 'SMS.9004',
        error_msg: 'denied',
        encoded_authorization_message: 'ENC',
        error_param: ['p'],
        details: [{ error_code: 'SMS.9004', error_msg: 'd' }],
      };
      const error = await rejection(showCommand(tokenClient(() => json(body, 403)).client, ID));
      expect(error).toMatchObject({
        status: 403,
        errorCode: 'SMS.9004',
        encodedAuthorizationMessage: 'ENC',
        errorParam: ['p'],
        details: [{ error_code: 'SMS.9004', error_msg: 'd' }],
        message: 'HTTP 403 SMS.9004: denied',
      });
    });

    it('HTTP: a gateway error is parsed the same way; request id from a lower-case header or the body', async () => {
      const body = {
        error_code: 'APIGW.0301',
        error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
        request_id: 'body-id',
      };
      const fromBody = await rejection(showCommand(tokenClient(() => json(body, 401)).client, ID));
      expect(fromBody).toMatchObject({ status: 401, errorCode: 'APIGW.0301', requestId: 'body-id' });
      const fromHeader = await rejection(
        showCommand(tokenClient(() => json(body, 401, { 'x-request-id': 'hdr-id' })).client, ID),
      );
      expect((fromHeader as SmsApiError).requestId).toBe('hdr-id');
    });

    it('HTTP: an HTML 502 from a proxy keeps its text as the body', async () => {
      const error = await rejection(
        showCommand(
          tokenClient(
            () => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
          ).client,
          ID,
        ),
      );
      expect(error).toMatchObject({
        code: 'HTTP',
        status: 502,
        errorCode: undefined,
        body: '<html>Bad Gateway</html>',
        message: 'HTTP 502',
      });
    });

    it.each([
      ['delay-seconds', '120', 120],
      ['an HTTP date 90 s ahead', () => new Date(Date.now() + 90_000).toUTCString(), 90],
      ['an HTTP date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT', 0],
    ])('HTTP: a 429 with Retry-After as %s gives retryAfter in seconds', async (_form, header, seconds) => {
      // The clock stands still (Date only): the date is 90 s ahead when it is read, whatever the load.
      vi.useFakeTimers({ toFake: ['Date'] });
      const value = typeof header === 'function' ? header() : header;
      const body = { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached.' };
      const error = (await rejection(
        showCommand(tokenClient(() => json(body, 429, { 'Retry-After': value })).client, ID),
      ).finally(() => vi.useRealTimers())) as SmsApiError;
      expect(error.status).toBe(429);
      expect(error.retryAfter).toBeGreaterThanOrEqual(seconds - 1);
      expect(error.retryAfter).toBeLessThanOrEqual(seconds);
      expect(error.message).toMatch(
        /^HTTP 429 APIGW\.0308: The throttling threshold has been reached\. \(retry after \d+ s\)$/,
      );
    });

    it('HTTP: an error body nested deeper than JSON code can follow is kept as text, the status kept', async () => {
      for (const depth of [3000, 200_000]) {
        const error = (await rejection(
          showCommand(tokenClient(() => json('['.repeat(depth) + ']'.repeat(depth), 500)).client, ID),
        )) as SmsApiError;
        expect(error).toMatchObject({
          code: 'HTTP',
          status: 500,
          message: 'HTTP 500 (its JSON nests deeper than 64 levels and is kept as text)',
        });
        expect(typeof error.body).toBe('string');
        expect(() => JSON.stringify(error)).not.toThrow();
      }
    });

    it.each([
      [
        'HTML',
        () =>
          new Response('<!DOCTYPE html><html><body>Login</body></html>', {
            status: 200,
            headers: { 'content-type': 'text/html' },
          }),
        /^HTTP 200 body is not valid JSON \(.+\); it starts: "<!DOCTYPE html><html><body>Login<\/body><\/html>"$/,
      ],
      [
        'truncated JSON',
        () => json('{"command_name":"STA'),
        /^HTTP 200 body is not valid JSON \(.*JSON.*\); it starts: "\{\\"command_name\\":\\"STA"$/,
      ],
      [
        'an empty body',
        () => new Response('', { status: 200 }),
        /^HTTP 200 with an empty body; expected a JSON object$/,
      ],
      ['whitespace', () => json('  \n'), /^HTTP 200 with an empty body; expected a JSON object$/],
      ['an array', () => json([{ command_name: 'START' }]), /^expected a JSON object, got an array$/],
      ['null', () => json('null'), /^expected a JSON object, got null$/],
      ['a number name', () => json({ command_name: 7 }), /^command_name is number, expected a string$/],
      [
        'a string param',
        () => json({ command_name: 'START', command_param: 'task' }),
        /^command_param is string, expected an object$/,
      ],
      [
        'a numeric task_id',
        () => json({ command_name: 'START', command_param: { task_id: 1 } }),
        /^command_param.task_id is number, expected a string$/,
      ],
    ])('BAD_RESPONSE: a 200 with %s', async (_what, respond, message) => {
      const error = await rejection(showCommand(tokenClient(respond).client, ID));
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringMatching(message) });
    });

    it('BAD_RESPONSE: a streamed body over maxBodyBytes, naming the limit', async () => {
      const stream = new ReadableStream({ pull: (controller) => controller.enqueue(new Uint8Array(4096).fill(0x20)) });
      const { client } = tokenClient(() => new Response(stream, { status: 200 }), { maxBodyBytes: 10_000 });
      expect(await rejection(showCommand(client, ID))).toMatchObject({
        code: 'BAD_RESPONSE',
        message: 'HTTP 200: its body is over the 10000-byte limit (maxBodyBytes); reading stopped there',
      });
    });

    it('NETWORK: fetch failing, with a cause that keeps only name, message and code', async () => {
      const client = clientOn(route, {
        endpoint: 'https://h',
        auth: { token: TOKEN },
        fetch: async () => {
          throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
        },
      });
      const error = await rejection(showCommand(client, ID));
      expect(error).toMatchObject({
        code: 'NETWORK',
        message: 'the request failed: fetch failed (ECONNREFUSED)',
        cause: { name: 'TypeError', message: 'fetch failed', code: 'ECONNREFUSED' },
      });
    });
  });
});
