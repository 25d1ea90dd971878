// The contract validator: JSON Schema 2020-12 (Ajv) over a bundled OpenAPI document. The mock checks
// scripted steps and requests with it; sms-command-verify checks a live service's answers with it.
// Each finding is drift (the service went past what the pages document: a value, a field, a status,
// a limit) or a violation (it breaks the documented shape: a type, a required field).
import { type Method, METHODS, type OperationContract, operationOf, type Version } from './operation.js';
import { createSchemaReader, type OpenApiDocument } from './schema-reader.js';

export type { Finding, UnlistedField } from './findings.js';
export type { Method, OperationContract, Version } from './operation.js';
export type { OpenApiDocument } from './schema-reader.js';

export interface ContractValidator {
  operations: OperationContract[];
  /** A version's operation by method; GET (ShowCommand) unless told otherwise. */
  operation(version: Version, method?: Method): OperationContract | undefined;
}

export function createContractValidator(document: OpenApiDocument): ContractValidator {
  const reader = createSchemaReader(document);
  const operations: OperationContract[] = [];
  for (const [template, rawItem] of Object.entries(document.paths)) {
    const version = template.startsWith('/v1/') ? 'v1' : template.startsWith('/v3/') ? 'v3' : undefined;
    const itemAt = reader.whereIs(rawItem, ['paths', template]);
    const item = reader.resolve(rawItem);
    if (!version || !item) continue;
    for (const lower of METHODS) {
      const op = item[lower];
      if (!op) continue;
      const operation = operationOf(reader, { version, template, lower, op, item, itemAt });
      if (operation) operations.push(operation);
    }
  }
  return {
    operations,
    operation: (version, method = 'GET') => operations.find((o) => o.version === version && o.method === method),
  };
}
