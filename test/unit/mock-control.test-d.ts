// Type tests of the control API's bodies as `sms-command-contract/mock` exports them: what a TS test
// reading `/__mock` over HTTP types its JSON with, and what the JS door's filters accept.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ControlErrorBody,
  JournalEntry,
  JournalError,
  JournalFilter,
  JournalListing,
  Mock,
  MockHealth,
  MockRefusalBody,
  ScriptsListing,
  ScriptState,
  Verdict,
} from '../../src/mock.js';

declare const mock: Mock;

describe('the control API bodies', () => {
  it('health, listings and refusals have the documented fields', () => {
    expectTypeOf<MockHealth>().toEqualTypeOf<{
      status: 'ok';
      version: string;
      apiVersions: Record<string, string>;
      uptimeMs: number;
      waits: { pending: number; limit: number };
    }>();
    expectTypeOf<JournalListing>().toEqualTypeOf<{
      requests: JournalEntry[];
      dropped: number;
      limit: number;
      lastSeq: number;
    }>();
    expectTypeOf<ScriptsListing>().toEqualTypeOf<{ scripts: ScriptState[] }>();
    expectTypeOf<ControlErrorBody['error']>().toEqualTypeOf<string>();
    expectTypeOf<ControlErrorBody['allow']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<ControlErrorBody['checked']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<MockRefusalBody>().toEqualTypeOf<{ error_code: string; error_msg: string; request_id: string }>();
    expectTypeOf<JournalError['status']>().toEqualTypeOf<400 | 408 | 429 | 503>();
  });

  it('a filter takes the entry fields only, a verdict only from its four', () => {
    expectTypeOf<Verdict>().toEqualTypeOf<JournalEntry['verdict']>();
    expectTypeOf(mock.journal).toBeCallableWith({ id: 's1', verdict: 'answered', since: 3 });
    expectTypeOf(mock.requests).toBeCallableWith({ path: '/v3/sources/s1/command', method: 'GET' });
    // @ts-expect-error not a verdict
    mock.journal({ verdict: 'ok' });
    // @ts-expect-error not a filter
    mock.journal({ ids: 's1' });
    // @ts-expect-error since is a seq (a number)
    mock.journal({ since: '3' });
    const filter: JournalFilter = { id: 's1' };
    expectTypeOf(mock.waitForRequest(filter, { timeoutMs: 0 })).resolves.toEqualTypeOf<JournalEntry>();
    expectTypeOf(mock.waitForRequest((entry) => entry.status === 200)).resolves.toEqualTypeOf<JournalEntry>();
  });
});
