// Type tests (vitest typecheck): what the compiler must accept and refuse for consumers.
import { describe, expectTypeOf, it } from 'vitest';
import * as v1 from '../../src/v1.js';
import type { VerifyReport } from '../../src/verify.js';
import { type Mock, startMock, type Step } from '../../src/mock.js';
import type { ScriptsFor, StepFor } from '../../src/mock/scripts/step-types.js';
import {
  type Command,
  type CommandName,
  type CommandParam,
  type CommandResult,
  createSmsClient,
  reportCommandResult,
  type ReportAnswer,
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

declare const mock: Mock;
const client = createSmsClient({ endpoint: 'http://127.0.0.1:4010', auth: { token: 't' } });

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
  it('takes success or fail and nothing else; all three fields required; resolves to its answer', () => {
    expectTypeOf(
      reportCommandResult(client, 'id', { command_name: 'START', result: 'success', result_detail: { msg: 'ok' } }),
    ).resolves.toEqualTypeOf<ReportAnswer>();
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

describe('mock script steps: a typo in a literal script does not compile', () => {
  const path = '/v3/sources/s1/command' as string;
  it('a field the contract does not list, a quoted or undocumented status: type errors, as they are refused at run time', () => {
    // @ts-expect-error: command_nam is not a field of Command
    void startMock({ scripts: { '/v3/sources/s1/command': [{ body: { command_nam: 'START' } }] } });
    // @ts-expect-error: command_nam is not a field of Command
    mock.script(path, [{ body: { command_nam: 'START' } }]);
    // @ts-expect-error: a status is a number
    mock.script(path, [{ status: '200' }]);
    // @ts-expect-error: 418 is not a documented status (nor one the gateway sends)
    mock.script(path, [{ status: 418 }]);
    // @ts-expect-error: delay_ms is a number
    mock.script(path, [{ delay_ms: '10' }]);
    // @ts-expect-error: a value of command_name no revision documents
    mock.script(path, [{ body: { command_name: 'REBOOT' } }]);
    // @ts-expect-error: error_code is a string in every error body
    mock.script(path, [{ status: 403, body: { error_code: 9004 } }]);
    // @ts-expect-error: a fault sends no answer, so it has no status
    mock.script(path, [{ fault: 'drop', status: 500 }]);
    // @ts-expect-error: a step that waits for its report repeats until then: no times
    mock.script(path, [{ body: { command_name: 'START' }, until: 'reported', times: 2 }]);
    // @ts-expect-error: unchecked: false is checked like any step
    mock.script(path, [{ unchecked: false, body: { command_nam: 'START' } }]);
  });

  it('documented steps compile, each status with its own body; unchecked: true sends anything', () => {
    mock.script(path, [
      { body: { command_name: 'START', command_param: { task_id: 't1' } }, times: 2 },
      { body: { command_name: 'START' }, until: 'reported' },
      { status: 403, body: { error_code: 'SMS.9004', error_msg: 'no', error_param: ['a'], request_id: 'r' } },
      { status: 404, body: { error_code: 'SMS.2252', error_msg: 'no task', request_id: 'r' } },
      { status: 429, headers: { 'Retry-After': '2' } },
      { status: 503 },
      { fault: 'hang', delay_ms: 10 },
      {},
      { unchecked: true, status: 418, body: '<html>teapot</html>' },
      { unchecked: true, body: { command_nam: 'START' } },
    ]);
    void startMock({ scripts: { '/v1/sms/sources/s1/command': [{ body: { command_name: 'UPLOAD_LOG' } }] } });
    // A plain string path may be any operation: v3's report answers 200 with a string.
    mock.script(path, [{ body: 'Reporting command execution results to SMS succeeded' }]);
    expectTypeOf<Step>().toMatchTypeOf<StepFor<string>>();
  });

  it('StepFor a literal path is that version and operation only', () => {
    const v3: StepFor<'/v3/sources/s1/command'>[] = [{ body: { command_name: 'PREMIGRATE' } }];
    const v1: StepFor<'/v1/sms/sources/s1/command'>[] = [
      { body: { command_name: 'UPLOAD_LOG', command_param: { bucket: 'b', object: 'o', more: 1 } } },
    ];
    const report: StepFor<'/v3/sources/s1/command_result'>[] = [{ body: 'recorded' }, { status: 500 }];
    const v1Report: StepFor<'/v1/sms/sources/s1/command_result'>[] = [{}, { unchecked: true, body: 'x' }];
    void [v3, v1, report, v1Report];
    // @ts-expect-error: PREMIGRATE is v3's, not v1's
    const v1Premigrate: StepFor<'/v1/sms/sources/s1/command'>[] = [{ body: { command_name: 'PREMIGRATE' } }];
    // @ts-expect-error: v3's CommandParam lists task_id and bucket only (v1's is open)
    const v3Object: StepFor<'/v3/sources/s1/command'>[] = [{ body: { command_param: { object: 'o' } } }];
    // @ts-expect-error: v3's 403 body is ForbiddenErrorBody, whose error_param is an array of strings
    const v3Forbidden: StepFor<'/v3/sources/s1/command'>[] = [{ status: 403, body: { error_param: 'x' } }];
    // @ts-expect-error: v1's report answers 200 with no body
    const v1Body: StepFor<'/v1/sms/sources/s1/command_result'>[] = [{ body: 'recorded' }];
    // @ts-expect-error: a report path's step does not wait for a report
    const reportUntil: StepFor<'/v3/sources/s1/command_result'>[] = [{ body: 'x', until: 'reported' }];
    // @ts-expect-error: v3's ShowCommand answers 200 with a Command, not a string
    const v3String: StepFor<'/v3/sources/s1/command'>[] = [{ body: 'START' }];
    void [v3Forbidden, v1Premigrate, v3Object, v1Body, reportUntil, v3String];
    const scripts: ScriptsFor<{ '/v3/sources/s1/command': unknown; '/v3/sources/s1/command_result': unknown }> = {
      '/v3/sources/s1/command': [{ body: { command_name: 'STOP' } }],
      '/v3/sources/s1/command_result': [{ body: 'recorded' }],
    };
    void startMock({ scripts });
  });
});
