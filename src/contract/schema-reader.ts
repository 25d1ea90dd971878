// Reading one bundled OpenAPI document for the validator: its `$ref`s followed, where each node lives
// (as JSON-pointer segments, for Ajv to compile the schema in place), and a compiled checker per
// schema that reports Ajv's errors and the fields a schema does not list.
import { createRequire } from 'node:module';
import type { Ajv2020 as AjvClass } from 'ajv/dist/2020.js';
import {
  driftOf,
  findingOf,
  type Finding,
  fragment,
  segmentsOf,
  unlistedFields,
  type UnlistedField,
} from './findings.js';

export type OpenApiDocument = { paths: Record<string, any>; components?: Record<string, any> } & Record<string, any>;

/** A compiled schema: its findings for a value (unlisted fields too unless told not), and those fields alone. */
export type SchemaCheck = ((value: unknown, withUnlisted?: boolean) => Finding[]) & {
  unlisted(value: unknown): UnlistedField[];
};

/** A media type's schema checker (none without a schema) and its named examples, in the spec's order. */
export interface MediaContract {
  check: SchemaCheck | undefined;
  examples: Array<{ name: string; value: unknown }>;
}

export interface SchemaReader {
  /** A node with its `$ref`s followed (at most 32 hops: a cycle of refs ends, it does not hang). */
  resolve(node: any): any;
  /** Where a node lives, as segments: its $ref's target, or where it stands. */
  whereIs(raw: any, where: string[]): string[];
  /** The checker of the schema at `at` (segments), `schemaNode` being that schema as read. */
  checker(at: string[], schemaNode: unknown): SchemaCheck;
  /** A media type object's checker and named examples; `at` is where the media type object lives. */
  mediaOf(media: any, at: string[]): MediaContract;
}

const require = createRequire(import.meta.url);

export function createSchemaReader(document: OpenApiDocument): SchemaReader {
  const Ajv2020 = (require('ajv/dist/2020.js') as { Ajv2020: typeof AjvClass }).Ajv2020;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ ...document, $id: 'contract' });

  const resolve = (node: any): any => {
    let current = node;
    for (let hops = 0; current && typeof current.$ref === 'string' && hops < 32; hops++) {
      current = segmentsOf(current.$ref).reduce((acc: any, key: string) => acc?.[key], document);
    }
    return current;
  };
  const whereIs = (raw: any, where: string[]): string[] =>
    typeof raw?.$ref === 'string' ? segmentsOf(raw.$ref) : where;

  function checker(at: string[], schemaNode: unknown): SchemaCheck {
    const validate = ajv.compile({ $ref: `contract#${fragment(at)}` });
    const check = (value: unknown, withUnlisted = true): Finding[] => {
      const findings: Finding[] = [];
      if (!validate(value)) {
        for (const error of validate.errors ?? []) findings.push(findingOf(error, value));
      }
      // One by one: an object of 100,000 unlisted fields is too many for push(...spread).
      if (withUnlisted) for (const field of unlistedFields(schemaNode, value, resolve)) findings.push(driftOf(field));
      return findings;
    };
    return Object.assign(check, { unlisted: (value: unknown) => unlistedFields(schemaNode, value, resolve) });
  }

  const mediaOf = (media: any, at: string[]): MediaContract => ({
    check: media?.schema ? checker([...at, 'schema'], media.schema) : undefined,
    examples: Object.entries(media?.examples ?? {}).map(([name, ex]) => ({ name, value: resolve(ex)?.value })),
  });

  return { resolve, whereIs, checker, mediaOf };
}
