// The breaking-change gate: known breaking spec changes flagged, harmless ones passed, in both directions.
// (Responses: what clients read; requests: what clients send.)
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../scripts/bundle.mjs';
import { diffDocuments } from '../../scripts/spec-diff.mjs';
import { v1, v3 } from '../support/specs.js';
import { change } from '../support/spec-edit.js';
import { V3_PATH as PATH } from '../support/spec-paths.js';

const op = (d: OpenApiDocument) => d.paths[PATH].get;

const breaking: [string, (d: OpenApiDocument) => void, RegExp][] = [
  [
    'response: a field removed',
    (d) => {
      delete d.components.schemas.CommandParam.properties.bucket;
    },
    /bucket.*stops getting it/,
  ],
  [
    'response: a command value removed (a server that still sends it no longer conforms)',
    (d) => {
      d.components.schemas.CommandName.enum = d.components.schemas.CommandName.enum.filter((v: string) => v !== 'SYNC');
    },
    /^command_name: value `SYNC` removed — a server that still sends `SYNC` no longer conforms$/m,
  ],
  [
    'response: a command value renamed',
    (d) => {
      d.components.schemas.CommandName.enum[d.components.schemas.CommandName.enum.indexOf('SYNC')] = 'SYNCHRONIZE';
    },
    /^command_name: value `SYNC` replaced by `SYNCHRONIZE` — a server that still sends `SYNC` no longer conforms$/m,
  ],
  [
    'response: command_name changes type',
    (d) => {
      d.components.schemas.Command.properties.command_name = { type: 'integer' };
    },
    /command_name/,
  ],
  [
    'request: a required query parameter added',
    (d) => {
      op(d).parameters = [{ name: 'agent_version', in: 'query', required: true, schema: { type: 'string' } }];
    },
    /required query parameter `agent_version`/,
  ],
  [
    'request: the id limit narrowed',
    (d) => {
      d.components.parameters.ServerId.schema.maxLength = 32;
    },
    /maxLength.*server_id/,
  ],
  [
    'request: the operation removed',
    (d) => {
      delete d.paths[PATH];
    },
    /./,
  ],
];

const harmless: [string, (d: OpenApiDocument) => void][] = [
  [
    'a description reworded',
    (d) => {
      d.components.schemas.CommandParam.description = 'Reworded.';
    },
  ],
  [
    'an example changed',
    (d) => {
      d.components.examples.CommandStop.value.command_param.task_id = 'another';
    },
  ],
  [
    'a new optional response field',
    (d) => {
      d.components.schemas.CommandParam.properties.region = { type: 'string', maxLength: 64 };
    },
  ],
  [
    'the id limit widened',
    (d) => {
      d.components.parameters.ServerId.schema.maxLength = 64;
    },
  ],
  [
    'a new error status',
    (d) => {
      op(d).responses['429'] = structuredClone(op(d).responses['500']);
    },
  ],
];

describe('breaking-change classification', () => {
  it.each(breaking)('flags %s as breaking', (_name, edit, where) => {
    const { breaking: found } = diffDocuments(v3, change(v3, edit));
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((c) => c.description).join('\n')).toMatch(where);
    if (_name !== 'request: the operation removed') expect(found[0]!.operation).toBe(`\`GET ${PATH}\` (ShowCommand)`);
  });

  it.each(harmless)('passes %s, reporting it as another change', (_name, edit) => {
    const { breaking: found, other } = diffDocuments(v3, change(v3, edit));
    expect(found).toEqual([]);
    expect(other.length).toBeGreaterThan(0);
  });

  it('finds nothing between a document and itself, and works on v1', () => {
    expect(diffDocuments(v3, v3)).toEqual({ breaking: [], commandValues: [], other: [] });
    const { breaking: found } = diffDocuments(
      v1,
      change(v1, (d) => {
        d.components.schemas.CommandName.enum.pop();
      }),
    );
    expect(found.map((c) => c.description)).toEqual([
      'command_name: value `UPLOAD_LOG` removed — a server that still sends `UPLOAD_LOG` no longer conforms',
    ]);
  });
});
