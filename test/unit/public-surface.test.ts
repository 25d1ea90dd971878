// The public surface, written down: each entry point's runtime exports, so that a name added or
// removed is a reviewed change of this file (and the CHANGELOG), never a side effect of a move inside
// src/. The decision on the mock's limits: each stays a named constant, because every refusal names
// its limit by that name (`MAX_BODY_DEPTH`, `MAX_JOURNAL_BYTES`...) and a test imports exactly the one
// it read in the message; a grouped object would break every importer for no reader's gain.
import { describe, expect, it } from 'vitest';
import * as index from '../../src/index.js';
import * as mock from '../../src/mock.js';
import * as v1 from '../../src/v1.js';
import * as v3 from '../../src/v3.js';
import * as verify from '../../src/verify.js';

const surface: Record<string, { module: object; names: string[] }> = {
  'sms-command-contract': {
    module: index,
    names: [
      'DEFAULT_MAX_BODY_BYTES',
      'DEFAULT_TIMEOUT_MS',
      'SMS_REGIONS',
      'SmsApiError',
      'SmsError',
      'SmsRedirectError',
      'createSmsClient',
      'isSmsApiError',
      'isSmsError',
      'isSmsRedirectError',
      'pollCommands',
      'reportCommandResult',
      'showCommand',
      'signRequest',
    ],
  },
  'sms-command-contract/v1': {
    module: v1,
    names: [
      'COMMAND_NAMES',
      'DEFAULT_MAX_BODY_BYTES',
      'DEFAULT_POLL_INTERVAL_MS',
      'DEFAULT_TIMEOUT_MS',
      'MAX_POLL_WAIT_MS',
      'SMS_REGIONS',
      'SmsApiError',
      'SmsError',
      'SmsRedirectError',
      'V1',
      'V1_REPORT',
      'createSmsClient',
      'isRetryable',
      'isSmsApiError',
      'isSmsError',
      'isSmsRedirectError',
      'pollCommands',
      'reportCommandResult',
      'showCommand',
    ],
  },
  'sms-command-contract/v3': {
    module: v3,
    names: [
      'COMMAND_NAMES',
      'DEFAULT_MAX_BODY_BYTES',
      'DEFAULT_POLL_INTERVAL_MS',
      'DEFAULT_TIMEOUT_MS',
      'MAX_POLL_WAIT_MS',
      'SERVER_ID_MAX_LENGTH',
      'SMS_REGIONS',
      'SmsApiError',
      'SmsError',
      'SmsRedirectError',
      'V3',
      'V3_REPORT',
      'createSmsClient',
      'isRetryable',
      'isSmsApiError',
      'isSmsError',
      'isSmsRedirectError',
      'pollCommands',
      'reportCommandResult',
      'showCommand',
    ],
  },
  'sms-command-contract/mock': {
    module: mock,
    names: [
      'CLOSE_TIMEOUT_MS',
      'DEFAULT_HOST',
      'DEFAULT_JOURNAL_LIMIT',
      'DEFAULT_LOCKOUT',
      'DEFAULT_PORT',
      'DEFAULT_WAIT_MS',
      'DEMO_CREDENTIALS',
      'FILTER_PARAMETERS',
      'GATEWAY_STATUSES',
      'JOURNAL_ENTRY_BYTES',
      'JournalError',
      'KEPT_HEADERS',
      'LOCKED',
      'MAX_BODY_DEPTH',
      'MAX_CLOCK_SKEW_MS',
      'MAX_CONTROL_BODY',
      'MAX_DELAY_MS',
      'MAX_JOURNAL_BYTES',
      'MAX_JOURNAL_TEXT',
      'MAX_PENDING_WAITS',
      'MAX_SCRIPT_BYTES',
      'MAX_SCRIPT_PATHS',
      'MAX_SECRET_HITS',
      'MAX_SERVED_SERVERS',
      'MAX_STEPS',
      'MAX_VIOLATIONS',
      'MAX_WAIT_MS',
      'MIN_SECRET_LENGTH',
      'MOCK_SPEC',
      'MockStartError',
      'PRISM_CHECKED',
      'PRISM_INSTALL',
      'RECORD_MAX_ANSWER_BYTES',
      'RECORD_TIMEOUT_MS',
      'REFUSED_BODY_LINGER_MS',
      'REFUSED_HEADERS',
      'REPORT_RESULTS',
      'RecordStartError',
      'SCENARIO_MAX_BYTES',
      'SCENARIO_MAX_PROBLEMS',
      'SMS_2009',
      'SPEC_MAX_BYTES',
      'ScriptError',
      'TextError',
      'UPSTREAM_PROBE_MS',
      'VERDICTS',
      'YAML_MAX_ALIAS_NODES',
      'isJournalError',
      'isMockStartError',
      'isScriptError',
      'isTextError',
      'startMock',
    ],
  },
  'sms-command-contract/verify': {
    module: verify,
    names: ['VERIFY_SPEC', 'createContractValidator', 'formatReport', 'verifyEndpoint'],
  },
};

describe('the runtime exports of each entry point', () => {
  it.each(Object.keys(surface))('%s exports exactly its written list', (entry) => {
    const { module, names } = surface[entry]!;
    expect(Object.keys(module).sort()).toEqual(names);
  });

  it('every error class an entry point exports comes with its guard (is…), which holds across copies of the package', () => {
    for (const { module } of Object.values(surface)) {
      const exported = module as Record<string, unknown>;
      for (const name of Object.keys(exported).filter((n) => /^(Sms|Mock|Script|Text|Journal)\w*Error$/.test(n)))
        expect(exported, `${name} without is${name}`).toHaveProperty(`is${name}`);
    }
  });
});
