// The one error spec:diff names to its user (exit 2) rather than reports by its message.

/** A mistake spec:diff can name (exit 2): the message says what is wrong and how to fix it. */
export class SpecDiffError extends Error {
  /** @override */
  name = 'SpecDiffError';
}
