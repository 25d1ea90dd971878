// The tolerant command reader and redaction that never mangles an answer, over both routes.
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../support/routes.js';
import { showCommand, SmsApiError } from '../../src/v3.js';
import { json, rejection } from '../support/answers.js';
import { ID, TOKEN, tokenClientOn, expectNoSecret } from '../support/show-client.js';

describe.each(ROUTES)('%s route', (route) => {
  const tokenClient = tokenClientOn(route);
  describe('the tolerant command reader', () => {
    const read = (body: unknown) => showCommand(tokenClient(() => json(body)).client, ID);

    it('returns a documented value as known, with its param and the raw body', async () => {
      const body = { command_name: 'TASK_HAS_FINISHED', command_param: { task_id: 't9' }, extra: 1 };
      expect(await read(body)).toEqual({ known: true, name: 'TASK_HAS_FINISHED', param: { task_id: 't9' }, raw: body });
    });

    it.each(['REBOOT', 'start', '', 'START '])('returns %j as an unknown command, never coerced', async (name) => {
      const command = await read({ command_name: name, command_param: { task_id: 't' } });
      expect(command).toEqual({
        known: false,
        name,
        param: { task_id: 't' },
        raw: { command_name: name, command_param: { task_id: 't' } },
      });
    });

    it("returns a body without command_name as unknown named '' with param {} (nothing is required by the spec)", async () => {
      expect(await read({})).toEqual({ known: false, name: '', param: {}, raw: {} });
      expect(await read({ command_name: null, command_param: null })).toEqual({
        known: false,
        name: '',
        param: {},
        raw: { command_name: null, command_param: null },
      });
    });

    it('a known command without command_param has param {}, so param.task_id reads as undefined', async () => {
      const command = await read({ command_name: 'START' });
      expect(command).toEqual({ known: true, name: 'START', param: {}, raw: { command_name: 'START' } });
      expect(command.param.task_id).toBeUndefined();
    });
  });

  describe('redaction that never mangles', () => {
    it("a short test token ('t', 'S') leaves the documented 403 as it is", async () => {
      const body = {
        error_code: 'SMS.9004',
        error_msg: 'The current account does not have the permission to execute policy.',
      };
      for (const token of ['t', 'S', 'SMS']) {
        const error = (await rejection(
          showCommand(tokenClient(() => json(body, 403), { auth: { token } }).client, ID),
        )) as SmsApiError;
        expect(error).toMatchObject({
          errorCode: 'SMS.9004',
          errorMsg: body.error_msg,
          message: `HTTP 403 SMS.9004: ${body.error_msg}`,
        });
      }
    });

    it('a short token standing alone is still removed', async () => {
      const error = (await rejection(
        showCommand(
          tokenClient(() => json({ error_code: 'APIGW.0301', error_msg: 'token t is wrong' }, 401), {
            auth: { token: 't' },
          }).client,
          ID,
        ),
      )) as SmsApiError;
      expect(error.errorMsg).toBe('token [REDACTED] is wrong');
    });

    it('a long secret is removed whole, and any 8-character run of it: echoed halves, parse errors, excerpts', async () => {
      const half = TOKEN.slice(0, 11);
      const cases = [
        json({ error_code: 'X', error_msg: `got ${TOKEN} and ${half}` }, 401),
        json(`{"command_name": ${half}`), // JSON.parse's own message quotes the text
        json(`${'x'.repeat(55)}${TOKEN}`), // the 60-character excerpt cuts the token
      ];
      for (const answer of cases) {
        const error = await rejection(showCommand(tokenClient(() => answer.clone()).client, ID));
        expectNoSecret(error, [TOKEN, TOKEN.slice(0, 8), TOKEN.slice(-8), half]);
        expect(JSON.stringify(error)).toContain('[REDA'); // the excerpt may cut the marker, never a secret
      }
    });
  });
});
