// Type tests (vitest typecheck, under TypeScript 5.9 and 7): what showCommand's Command lets a
// consumer write: narrowing on known, then on name, narrows param and raw; an unknown command's name
// is a string; reportCommandResult resolves to its answer; a version's function from the root names /v3.
import { describe, expectTypeOf, it } from 'vitest';
import * as root from '../../src/index.js';
import * as v1 from '../../src/v1.js';
import {
  type Command,
  type CommandBody,
  type CommandName,
  type CommandParam,
  type CommandParams,
  createSmsClient,
  type KnownCommand,
  reportCommandResult,
  type ReportAnswer,
  showCommand,
  type UnknownCommand,
} from '../../src/v3.js';

const client = createSmsClient({ endpoint: 'http://127.0.0.1:4010', auth: { token: 't' } });
declare const command: Command;
declare const legacy: v1.Command;

describe('showCommand', () => {
  it('resolves to Command, narrowing on known and then exhaustively on name', async () => {
    expectTypeOf(showCommand(client, 'id')).resolves.toEqualTypeOf<Command>();
    if (command.known) {
      expectTypeOf(command.name).toEqualTypeOf<CommandName>();
      expectTypeOf(command.param).toEqualTypeOf<CommandParam>();
      switch (command.name) {
        case 'START':
        case 'STOP':
        case 'SKIP':
        case 'PREMIGRATE':
        case 'DELETE':
        case 'SYNC':
          expectTypeOf(command.param.task_id).toEqualTypeOf<string | undefined>();
          break;
        case 'TASK_NOT_STARTED':
        case 'TASK_HAS_STOPPED':
        case 'TASK_HAS_FINISHED':
          break;
        default:
          expectTypeOf(command).toBeNever();
      }
    } else {
      expectTypeOf(command.name).toEqualTypeOf<string>();
      expectTypeOf(command.param).toEqualTypeOf<CommandParam>();
      expectTypeOf(command.raw).toEqualTypeOf<Record<string, unknown>>();
    }
  });

  it("checking a name narrows the command to that name's member: param (no TS18048) and raw with it", () => {
    if (command.known && command.name === 'START') {
      expectTypeOf(command.param.task_id).toEqualTypeOf<string | undefined>();
      expectTypeOf(command.raw.command_name).toEqualTypeOf<'START'>();
      // @ts-expect-error -- v3's CommandParam has task_id and bucket only (v1's is open)
      void command.param.object;
    }
    // Without `known`, the name is START from either branch: param is the same type in both.
    if (command.name === 'START') expectTypeOf(command.param.task_id).toEqualTypeOf<string | undefined>();
  });

  it('every documented name has its own member, whose param is the one the spec gives that name', () => {
    type ParamByName = { [Name in CommandName]: Extract<KnownCommand, { name: Name }>['param'] };
    expectTypeOf<ParamByName>().toEqualTypeOf<CommandParams>();
    expectTypeOf<CommandParams>().toEqualTypeOf<{ [Name in CommandName]: CommandParam }>();
    expectTypeOf<Extract<KnownCommand, { name: 'STOP' }>>().toEqualTypeOf<{
      known: true;
      name: 'STOP';
      param: CommandParam;
      raw: CommandBody & { command_name: 'STOP' };
    }>();
  });

  it('v1 alike: UPLOAD_LOG carries bucket and object; its param is open to other keys', () => {
    if (legacy.known && legacy.name === 'UPLOAD_LOG') {
      expectTypeOf(legacy.param.bucket).toEqualTypeOf<string | undefined>();
      expectTypeOf(legacy.param.object).toEqualTypeOf<string | undefined>();
      expectTypeOf(legacy.param.key1).toEqualTypeOf<unknown>();
    }
    type ParamByName = { [Name in v1.CommandName]: Extract<v1.KnownCommand, { name: Name }>['param'] };
    expectTypeOf<ParamByName>().toEqualTypeOf<v1.CommandParams>();
    expectTypeOf<v1.UnknownCommand['name']>().toEqualTypeOf<string>();
  });

  it('misuse does not compile: a name of the other version, a member taken for another', () => {
    if (command.known) {
      // @ts-expect-error -- UPLOAD_LOG is a v1 command: this comparison can never be true on v3
      void (command.name === 'UPLOAD_LOG');
      if (command.name === 'START') {
        // @ts-expect-error -- a START command is not a STOP command
        const stop: Extract<KnownCommand, { name: 'STOP' }> = command;
        void stop;
      }
    }
    // @ts-expect-error -- an unknown command's name is a string, never undefined: no `?? ''` needed
    const name: undefined = ({} as UnknownCommand).name;
    void name;
  });

  it('an exhaustive switch stops compiling when a value is left out', () => {
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

describe('reportCommandResult resolves to the answer, in v3 and v1', () => {
  it('status, the X-Request-Id and the body', () => {
    const report = { command_name: 'START', result: 'success', result_detail: {} } as const;
    expectTypeOf(reportCommandResult(client, 'id', report)).resolves.toEqualTypeOf<ReportAnswer>();
    expectTypeOf(
      v1.reportCommandResult(v1.createSmsClient({ endpoint: 'http://h' }), 'id', report),
    ).resolves.toEqualTypeOf<v1.ReportAnswer>();
    expectTypeOf<ReportAnswer>().toEqualTypeOf<{
      status: number;
      requestId: string | undefined;
      body: string | undefined;
    }>();
  });
});

describe("a version's function from the package root", () => {
  it('is a compile-time error whose text names /v3', () => {
    // @ts-expect-error -- "…is not assignable to parameter of type 'createSmsClient is exported by 'sms-command-contract/v3' (or '/v1'), not the package root'"
    root.createSmsClient({ endpoint: 'http://h' });
    // @ts-expect-error -- the same for showCommand
    root.showCommand(client, 'id');
    expectTypeOf(root.createSmsClient)
      .parameter(0)
      .toEqualTypeOf<"createSmsClient is exported by 'sms-command-contract/v3' (or '/v1'), not the package root">();
    expectTypeOf(root.reportCommandResult)
      .parameter(0)
      .toEqualTypeOf<"reportCommandResult is exported by 'sms-command-contract/v3' (or '/v1'), not the package root">();
    expectTypeOf(root.pollCommands).returns.toBeNever();
  });
});
