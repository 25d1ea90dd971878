// New command values are CONTRIBUTING's exception: named in a class of their own, not breaking.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/bundle.mjs';
import { diffDocuments } from '../../scripts/spec-diff.mjs';
import { v1, v3 } from '../support/specs.js';
import { change } from '../support/spec-edit.js';
import { V3_PATH as PATH } from '../support/spec-paths.js';

describe("new command values: CONTRIBUTING's exception, not breaking", () => {
  const RESPONSE = 'responses.200.content.application/json.schema.properties.command_name.enum';

  it('a value added to the command enum is named, in its own class, in v3 and v1', () => {
    const found = diffDocuments(
      v3,
      change(v3, (d) => {
        d.components.schemas.CommandName.enum.splice(2, 0, 'REBOOT', 'FOO');
      }),
    );
    expect(found).toEqual({
      breaking: [],
      other: [],
      commandValues: ['REBOOT', 'FOO'].map((value) => ({
        type: 'new command value',
        operation: `\`GET ${PATH}\` (ShowCommand)`,
        field: RESPONSE,
        description: `command_name: new value \`${value}\` documented`,
        value,
      })),
    });
    expect(
      diffDocuments(
        v1,
        change(v1, (d) => {
          d.components.schemas.CommandName.enum.push('REBOOT');
        }),
      ).commandValues.map((c) => [c.operation, c.description]),
    ).toEqual([
      ['`GET /v1/sms/sources/{source_id}/command` (ShowCommandV1)', 'command_name: new value `REBOOT` documented'],
    ]);
  });

  it('CONTRIBUTING.md states the exception as the report applies it', async () => {
    const contributing = (await readFile(join(root, 'CONTRIBUTING.md'), 'utf8')).replace(/\s+/g, ' ');
    expect(contributing).toContain('reports it in its own section, **New command values**');
    expect(contributing).toContain('not as breaking: exit 0, no label');
    expect(contributing).toContain('removing or renaming a command value is breaking');
  });

  it("the value's x-enumDescriptions entry is said on the value's line, not as another change", () => {
    const { commandValues, other } = diffDocuments(
      v3,
      change(v3, (d) => {
        d.components.schemas.CommandName.enum.push('REBOOT');
        d.components.schemas.CommandName['x-enumDescriptions'].REBOOT = 'Reboot the source server.';
      }),
    );
    expect(commandValues.map((c) => c.description)).toEqual([
      'command_name: new value `REBOOT` documented, described in x-enumDescriptions',
    ]);
    expect(other).toEqual([]);
  });

  it("a value added to UpdateCommandResult's open set (its examples) is a new command value too; one dropped from them is another change", () => {
    const added = diffDocuments(
      v3,
      change(v3, (d) => {
        d.components.schemas.ReportedCommandName.examples.push('SKIP');
      }),
    );
    expect(added.commandValues.map((c) => [c.operation, c.description, c.field])).toEqual([
      [
        '`POST /v3/sources/{server_id}/command_result` (UpdateCommandResult)',
        'command_name: new value `SKIP` documented',
        'requestBody.content.application/json.schema.properties.command_name.examples',
      ],
    ]);
    const dropped = diffDocuments(
      v3,
      change(v3, (d) => {
        d.components.schemas.ReportedCommandName.examples.pop();
      }),
    );
    expect(dropped.breaking).toEqual([]);
    expect(dropped.other.map((c) => c.description)).toEqual(['command_name: example value `RSET_LOG_ACL` removed']);
  });

  it('other value lists keep the policy: a request value added is harmless, one removed breaks senders', () => {
    const added = diffDocuments(
      v3,
      change(v3, (d) => {
        d.components.schemas.CommandResultValue.enum.push('partial');
      }),
    );
    expect([added.breaking, added.commandValues]).toEqual([[], []]);
    expect(added.other.map((c) => c.description)).toEqual(['result: new value `partial` accepted']);
    const removed = diffDocuments(
      v3,
      change(v3, (d) => {
        d.components.schemas.CommandResultValue.enum = ['success'];
      }),
    );
    expect(removed.breaking.map((c) => c.description)).toEqual([
      'result: value `fail` removed — a client that sends `fail` is refused',
    ]);
  });
});
