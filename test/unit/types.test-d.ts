// Type tests (vitest typecheck): what the compiler must accept and refuse for consumers.
import { describe, expectTypeOf, it } from 'vitest';
import * as v1 from '../../src/v1.js';
import type { VerifyReport } from '../../src/verify.js';
import {
  type Command,
  type CommandName,
  type CommandParam,
  type CommandResult,
  createSmsClient,
  reportCommandResult,
  type ErrorBody,
  type ForbiddenErrorBody,
  MAX_POLL_WAIT_MS,
  pollCommands,
  type RetryInfo,
  showCommand,
  type SmsApiError,
  type SmsClient,
  type SmsErrorCode,
  type SmsRedirectError,
} from '../../src/v3.js';

const client = createSmsClient({ endpoint: 'http://127.0.0.1:4010', auth: { token: 't' } });

describe('showCommand', () => {
  it('resolves to Command, narrowing on known and then exhaustively on name', async () => {
    expectTypeOf(showCommand(client, 'id')).resolves.toEqualTypeOf<Command>();
    const command = await showCommand(client, 'id');
    if (command.known) {
      expectTypeOf(command.name).toEqualTypeOf<CommandName>();
      expectTypeOf(command.param).toEqualTypeOf<CommandParam | undefined>();
      switch (command.name) {
        case 'START':
        case 'STOP':
        case 'SKIP':
        case 'PREMIGRATE':
        case 'DELETE':
        case 'SYNC':
          expectTypeOf(command.param?.task_id).toEqualTypeOf<string | undefined>();
          break;
        case 'TASK_NOT_STARTED':
        case 'TASK_HAS_STOPPED':
        case 'TASK_HAS_FINISHED':
          break;
        default:
          expectTypeOf(command).toBeNever();
      }
    } else {
      expectTypeOf(command.name).toEqualTypeOf<string | undefined>();
      expectTypeOf(command.raw).toEqualTypeOf<Record<string, unknown>>();
    }
  });

  it('an exhaustive switch stops compiling when a value is left out', async () => {
    const command = await showCommand(client, 'id');
    if (command.known) {
      switch (command.name) {
        case 'START':
        case 'STOP':
        case 'SKIP':
        case 'PREMIGRATE':
        case 'DELETE':
        case 'SYNC':
        case 'TASK_NOT_STARTED':
        case 'TASK_HAS_STOPPED':
          break;
        default: {
          // @ts-expect-error -- TASK_HAS_FINISHED is not handled, so this is not `never`
          const unreachable: never = command.name;
          void unreachable;
        }
      }
    }
  });

  it('refuses a command literal nobody documented', () => {
    const ok: CommandName = 'TASK_HAS_FINISHED';
    // @ts-expect-error -- not a documented v3 command
    const bad: CommandName = 'REBOOT';
    // @ts-expect-error -- UPLOAD_LOG is a v1 command only
    const v1Only: CommandName = 'UPLOAD_LOG';
    const upload: v1.CommandName = 'UPLOAD_LOG';
    void [ok, bad, v1Only, upload];
  });

  it('takes a string id and an optional signal', () => {
    expectTypeOf(showCommand).parameter(1).toEqualTypeOf<string>();
    expectTypeOf(showCommand).parameter(2).toEqualTypeOf<{ signal?: AbortSignal } | undefined>();
  });
});

describe('the typed openapi-fetch client', () => {
  it('is typed by the v3 paths', async () => {
    expectTypeOf(client).toEqualTypeOf<SmsClient>();
    const { data, error } = await client.GET('/v3/sources/{server_id}/command', {
      params: { path: { server_id: 'x' } },
    });
    expectTypeOf(data?.command_name).toEqualTypeOf<CommandName | undefined>();
    const e: typeof error = undefined as unknown as ErrorBody | ForbiddenErrorBody;
    void e;
    expectTypeOf(error?.error_code).toEqualTypeOf<string | undefined>();
  });

  it('refuses a v1 path on a v3 client, and a missing path parameter', () => {
    // @ts-expect-error -- a v1 path on the v3 client
    void client.GET('/v1/sms/sources/{source_id}/command', { params: { path: { source_id: 'x' } } });
    // @ts-expect-error -- server_id is missing
    void client.GET('/v3/sources/{server_id}/command', { params: { path: {} } });
    // @ts-expect-error -- no params at all
    void client.GET('/v3/sources/{server_id}/command');
    const v1Client = v1.createSmsClient({ endpoint: 'http://127.0.0.1:4010' });
    // @ts-expect-error -- a v3 path on the v1 client
    void v1Client.GET('/v3/sources/{server_id}/command', { params: { path: { server_id: 'x' } } });
    // @ts-expect-error -- a v1 client is not a v3 client
    void showCommand(v1Client, 'x');
  });

  it('refuses auth that is neither a token nor an AK/SK pair', () => {
    // @ts-expect-error -- sk is missing
    createSmsClient({ endpoint: 'http://x', auth: { ak: 'a' } });
    // @ts-expect-error -- not a documented region
    createSmsClient({ region: 'mars-1' });
  });
});

describe('pollCommands and the new error fields', () => {
  it('yields the version Command; the v1 poller takes only a v1 client', () => {
    expectTypeOf(pollCommands(client, 'id')).toEqualTypeOf<AsyncGenerator<Command, void, undefined>>();
    expectTypeOf(v1.pollCommands(v1.createSmsClient({ endpoint: 'http://h' }), 'id')).toEqualTypeOf<
      AsyncGenerator<v1.Command, void, undefined>
    >();
    // @ts-expect-error intervalMs is a number of milliseconds
    pollCommands(client, 'id', { intervalMs: '10s' });
  });

  it('onRetry is told whether a Retry-After was clamped; a three-argument onRetry still fits; MAX_POLL_WAIT_MS is a number', () => {
    pollCommands(client, 'id', { onRetry: (_error, _delayMs, _attempt) => undefined });
    pollCommands(client, 'id', {
      onRetry: (_error, _delayMs, _attempt, info) => {
        expectTypeOf(info).toEqualTypeOf<RetryInfo>();
        expectTypeOf(info.clamped).toEqualTypeOf<boolean>();
        expectTypeOf(info.retryAfterMs).toEqualTypeOf<number | undefined>();
      },
    });
    expectTypeOf(MAX_POLL_WAIT_MS).toEqualTypeOf<number>();
    expectTypeOf<VerifyReport['exitCode']>().toEqualTypeOf<0 | 1 | 2 | 3>();
  });

  it('SmsApiError has retryAfter in seconds; SmsRedirectError has the target origin', () => {
    expectTypeOf<SmsApiError['retryAfter']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SmsRedirectError['targetOrigin']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<SmsRedirectError['code']>().toEqualTypeOf<SmsErrorCode>();
  });
});

describe('reportCommandResult', () => {
  it('takes success or fail and nothing else; all three fields required; resolves to void', () => {
    expectTypeOf(
      reportCommandResult(client, 'id', { command_name: 'START', result: 'success', result_detail: { msg: 'ok' } }),
    ).resolves.toEqualTypeOf<void>();
    expectTypeOf<CommandResult['result']>().toEqualTypeOf<'success' | 'fail'>();
    // @ts-expect-error: a result other than success or fail does not compile
    void reportCommandResult(client, 'id', { command_name: 'START', result: 'ok', result_detail: {} });
    // @ts-expect-error: result_detail is required
    void reportCommandResult(client, 'id', { command_name: 'START', result: 'fail' });
    // @ts-expect-error: a v1 client is not a v3 client
    void reportCommandResult(v1.createSmsClient({ endpoint: 'http://h' }), 'id', {
      command_name: 'START',
      result: 'fail',
      result_detail: {},
    });
    // command_name is open: a value the report page does not list (ShowCommand's SKIP) is a string like any other.
    expectTypeOf(reportCommandResult).parameter(2).toHaveProperty('command_name').toEqualTypeOf<string>();
  });
});
