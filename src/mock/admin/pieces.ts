// JSON text in pieces, for listings written as the client reads them (answers.ts `sendPieces`): a
// client that does not read holds one piece, not a copy of the journal or the scripts.

/**
 * `value`'s JSON text (as JSON.stringify writes plain data) in pieces: arrays and objects are split
 * into their items down to `depth` levels, each item below serialised whole.
 */
export function* jsonPieces(value: unknown, depth: number): Generator<string, void, undefined> {
  if (depth <= 0 || typeof value !== 'object' || value === null) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  const array = Array.isArray(value);
  yield array ? '[' : '{';
  let first = true;
  for (const [key, item] of array ? value.entries() : Object.entries(value)) {
    const skipped = item === undefined || typeof item === 'function' || typeof item === 'symbol';
    if (!array && skipped) continue;
    yield `${first ? '' : ','}${array ? '' : `${JSON.stringify(key)}:`}`;
    first = false;
    yield* jsonPieces(skipped ? null : item, depth - 1);
  }
  yield array ? ']' : '}';
}

/** A JSON array's text in pieces: `[`, each item's pieces with commas between, `]`. */
export function* arrayPieces<T>(
  items: Iterable<T>,
  pieces: (item: T) => Iterable<string>,
): Generator<string, void, undefined> {
  yield '[';
  let first = true;
  for (const item of items) {
    if (!first) yield ',';
    first = false;
    yield* pieces(item);
  }
  yield ']';
}
