// The spec-diff-*.test.ts files' one edit: a copy of a bundled spec changed by `edit`, the original untouched.
import type { OpenApiDocument } from '../../scripts/bundle.mjs';

export const change = (doc: OpenApiDocument, edit: (d: OpenApiDocument) => void) => {
  const copy = structuredClone(doc);
  edit(copy);
  return copy;
};
