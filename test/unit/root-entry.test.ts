// The package root has no client: a version's function imported from it says where to find it.
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';

describe("a version's function called from the package root (from JavaScript, where no type stops it)", () => {
  it.each(['createSmsClient', 'showCommand', 'pollCommands', 'reportCommandResult'] as const)(
    '%s throws INVALID_INPUT naming sms-command-contract/v3',
    (name) => {
      const call = root[name] as unknown as (...args: unknown[]) => unknown;
      expect(() => call({ endpoint: 'https://h' })).toThrow(
        expect.objectContaining({
          code: 'INVALID_INPUT',
          message: `${name} is exported by 'sms-command-contract/v3' (or '/v1'), not the package root`,
        }),
      );
    },
  );
});
