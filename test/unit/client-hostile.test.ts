// Hostile input to the clients: a server whose error text drives the terminal, ids that cannot be
// sent or are counted wrong, an endpoint that carries a password, secrets echoed in encoded forms.
// Every behaviour runs over both of showCommand's routes, as in the client-*.test.ts files.
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { routeTaken } from '../../src/client/factory.js';
import { clientOn, onRoute, ROUTES } from '../support/routes.js';
import * as v1 from '../../src/v1.js';
import { createSmsClient, showCommand, SmsApiError, SmsError, type SmsClientOptions } from '../../src/v3.js';
import { json, rejection } from '../support/answers.js';

const ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';
// Every 8-character run holds a character encodeURIComponent changes: its encoded form shares no run with it.
const TOKEN = 'MIIx+T0k3/n5e=cr3t+val/ue42+Zq==';
const SK = 'sk-secret-MFyfvK41ba2giqM7Uio6';
/** What a terminal acts on or hides: no message may hold one. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;

function expectPrintable(error: SmsError) {
  // The stack is printed line by line: its own line breaks are the only ones allowed.
  for (const view of [
    error.message,
    ...(error.stack ?? '').split('\n'),
    String(error),
    JSON.stringify(error.cause ?? null),
  ])
    expect(view).not.toMatch(UNPRINTABLE);
}

// What a hostile server puts in error_msg: a screen clear, a window title, an OSC 8 link whose text
// hides its target, a carriage return that overwrites the line, a right-to-left override.
const CLEAR = '\u001b[2J\u001b[H';
const TITLE = '\u001b]0;pwned\u0007';
const LINK = '\u001b]8;;https://evil.example/\u001b\\click here\u001b]8;;\u001b\\';
const OVERWRITE = 'bad\rHTTP 200 all fine';
const RLO = 'txt.\u202eexe';
const HOSTILE = `${CLEAR}${TITLE}${LINK} ${OVERWRITE}\n${RLO} \u0085\u009b31m \u2066x\u2069 \u061c\u200e\u200f\u2028\u2029\u007f\t`;

describe.each(ROUTES)('%s route', (route) => {
  const make = (
    respond: (request: Request) => Response | Promise<Response>,
    options: Partial<SmsClientOptions> = {},
  ) => {
    const fetch = vi.fn(async (request: Request) => respond(request));
    return {
      fetch,
      client: clientOn(route, { endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch, ...options }),
    };
  };

  describe('hostile: server text in error messages', () => {
    it('error_msg, error_code and request_id that drive the terminal are escaped visibly in the message; the body stays raw', async () => {
      const body = { error_code: `SMS.${CLEAR}1`, error_msg: HOSTILE, request_id: `rid${TITLE}` };
      const error = (await rejection(showCommand(make(() => json(body, 500)).client, ID))) as SmsApiError;
      expectPrintable(error);
      expect(error.message).toBe(
        'HTTP 500 SMS.\\u{1b}[2J\\u{1b}[H1: \\u{1b}[2J\\u{1b}[H\\u{1b}]0;pwned\\u{7}\\u{1b}]8;;https://evil.example/\\u{1b}\\click here\\u{1b}]8;;\\u{1b}\\ bad\\u{d}HTTP 200 all fine\\u{a}txt.\\u{202e}exe \\u{85}\\u{9b}31m \\u{2066}x\\u{2069} \\u{61c}\\u{200e}\\u{200f}\\u{2028}\\u{2029}\\u{7f}\\u{9} (request id rid\\u{1b}]0;pwned\\u{7})',
      );
      expect(error.body).toEqual(body);
      expect(error.errorMsg).toBe(HOSTILE);
    });

    it('a non-JSON 200 (an excerpt) and a NETWORK failure whose message carries escapes are escaped too', async () => {
      const excerpt = await rejection(
        showCommand(make(() => new Response(`<html>${RLO}${CLEAR}</html>`, { status: 200 })).client, ID),
      );
      expect(excerpt.code).toBe('BAD_RESPONSE');
      expectPrintable(excerpt);
      expect(excerpt.message).toContain('txt.\\u{202e}exe');
      const network = await rejection(
        showCommand(
          make(() => {
            throw new TypeError(`fetch failed ${TITLE}${RLO}`);
          }).client,
          ID,
        ),
      );
      expect(network.code).toBe('NETWORK');
      expectPrintable(network);
      expect(network.message).toBe('the request failed: fetch failed \\u{1b}]0;pwned\\u{7}txt.\\u{202e}exe');
    });

    it("the caller's abort reason is escaped too", async () => {
      const controller = new AbortController();
      controller.abort(`stop${CLEAR}`);
      const error = await rejection(showCommand(make(() => json({})).client, ID, { signal: controller.signal }));
      expect(error).toMatchObject({
        code: 'ABORTED',
        message: "the call was aborted by the caller's signal (stop\\u{1b}[2J\\u{1b}[H)",
      });
    });
  });

  describe('hostile: ids', () => {
    it.each([
      ['a lone high surrogate', '\uD800', 'U+D800'],
      ['a lone low surrogate inside', `ab\uDC00cd`, 'U+DC00'],
      ['a reversed pair', '\uDE00\uD83D', 'U+DE00'],
    ])(
      '%s: a rejected promise with INVALID_INPUT naming why, never a thrown URIError or NETWORK',
      async (_what, id, unit) => {
        const { client, fetch } = make(() => json({ command_name: 'START' }));
        let call: Promise<unknown> | undefined;
        expect(() => {
          call = showCommand(client, id);
        }).not.toThrow();
        const error = await rejection(call!);
        expect(error).toMatchObject({
          code: 'INVALID_INPUT',
          message: `server_id is not well-formed Unicode (a lone surrogate, ${unit}) and cannot be sent in a URL`,
        });
        expect(fetch).not.toHaveBeenCalled();
        const v1client = v1.createSmsClient({ endpoint: 'https://sms.example.test', fetch });
        onRoute(route, v1client);
        expect(await rejection(v1.showCommand(v1client, id))).toMatchObject({
          code: 'INVALID_INPUT',
          message: `source_id is not well-formed Unicode (a lone surrogate, ${unit}) and cannot be sent in a URL`,
        });
      },
    );

    it('counts an id in code points, as JSON Schema, the spec and the mock do: 20 emoji are 20, not 40', async () => {
      const { client, fetch } = make(() => json({ command_name: 'START' }));
      const twenty = '😀'.repeat(20);
      expect(await showCommand(client, twenty)).toMatchObject({ known: true, name: 'START' });
      expect(new URL((fetch.mock.calls[0] as [Request])[0].url).pathname).toBe(
        `/v3/sources/${encodeURIComponent(twenty)}/command`,
      );
      expect(await showCommand(client, '😀'.repeat(36))).toMatchObject({ known: true });
      expect(await rejection(showCommand(client, '😀'.repeat(37)))).toMatchObject({
        code: 'INVALID_INPUT',
        message: 'server_id is 37 characters long; at most 36 are allowed',
      });
      expect(await rejection(showCommand(client, `${'x'.repeat(36)}😀`))).toMatchObject({
        code: 'INVALID_INPUT',
        message: 'server_id is 37 characters long; at most 36 are allowed',
      });
      expect(fetch).toHaveBeenCalledTimes(2);
    });
  });

  describe('hostile: secrets echoed in other forms', () => {
    const hex = 'a1b2c3d4'.repeat(8);
    const percentAll = [...Buffer.from(TOKEN)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    const unicodeAll = [...TOKEN].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const unicodeSome = [...TOKEN]
      .map((c, i) => (i % 3 ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))
      .join('');
    it.each([
      ['signature=<hex>', `upstream said: signature=${hex}; retry`],
      ['Signature = <hex>', `Authorization: SDK-HMAC-SHA256 Access=AK, Signature = ${hex}`],
      ['"Signature":"<hex>"', `proxy log {"Signature":"${hex}","x":1}`],
      ['SIGNATURE: <hex>', `SIGNATURE: ${hex.toUpperCase()}`],
      ['the token encodeURIComponent-ed', `GET /x?token=${encodeURIComponent(TOKEN)} failed`],
      ['every byte of the token percent-encoded', `token ${percentAll} refused`],
      ['every character of the token \\u-escaped', `{"token":"${unicodeAll}"`],
      ['some characters of the token \\u-escaped', `token ${unicodeSome}`],
      ['the token with invisible characters between its runs', `token ${[...TOKEN].join('\u200b')}`],
    ])('a non-JSON error body echoing %s: removed from the message and the body', async (_what, text) => {
      const error = (await rejection(
        showCommand(
          make(() => new Response(text, { status: 502, headers: { 'content-type': 'text/plain' } })).client,
          ID,
        ),
      )) as SmsApiError;
      const views = [error.message, String(error.body), JSON.stringify(error), inspect(error)];
      for (const view of views) {
        expect(view).not.toContain(hex);
        expect(view.toLowerCase()).not.toContain(hex.slice(0, 8));
        expect(view).not.toContain(encodeURIComponent(TOKEN).slice(0, 12));
        expect(view).not.toContain(TOKEN.slice(0, 8));
      }
      expect(String(error.body)).toContain('[REDACTED]');
    });
  });
});

describe('hostile: the raw typed client.GET', () => {
  it('a lone surrogate in a path parameter is INVALID_INPUT, not a URIError; nothing is sent', async () => {
    const fetch = vi.fn(async () => json({ command_name: 'START' }));
    for (const withMiddleware of [false, true]) {
      const client = createSmsClient({ endpoint: 'https://sms.example.test', auth: { token: TOKEN }, fetch });
      if (withMiddleware) client.use({ onRequest: () => undefined });
      const error = await rejection(
        client.GET('/v3/sources/{server_id}/command', { params: { path: { server_id: '\uD800' } } }),
      );
      expect(error).toMatchObject({
        code: 'INVALID_INPUT',
        message:
          'path parameter server_id is not well-formed Unicode (a lone surrogate, U+D800) and cannot be sent in a URL',
      });
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('hostile: an endpoint that carries credentials', () => {
  it.each([
    ['user and password', 'https://agent:hunter2-password@sms.example.test'],
    ['a password only', 'https://:hunter2-password@sms.example.test/'],
    ['a user only', 'http://hunter2-password@127.0.0.1:4010'],
  ])('with %s is refused by createSmsClient: INVALID_INPUT, the password never in the message', (_what, endpoint) => {
    let thrown: unknown;
    try {
      createSmsClient({ endpoint, auth: { ak: 'AK', sk: SK } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SmsError);
    expect(thrown).toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'endpoint must not carry credentials (user:password@ before the host); give them as auth, which is never printed',
    });
    expect(inspect(thrown)).not.toContain('hunter2');
  });

  it('an endpoint that is not a URL is quoted without what stands before an @', () => {
    expect(() => createSmsClient({ endpoint: 'https://agent:hunter2-password@[bad' })).toThrow(
      'endpoint "https://[REDACTED]@[bad" is not an absolute URL',
    );
  });
});
