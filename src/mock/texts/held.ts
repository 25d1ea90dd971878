// What a string costs the heap, for the bounds that count text (MAX_SCRIPT_BYTES, MAX_JOURNAL_BYTES):
// V8 keeps a string one byte a character while every character is at most U+00FF, and two bytes a
// character once one is not. Counting `length` alone would let one such character double the
// memory a bound lets through.
const TWO_BYTE = /[^\u0000-\u00ff]/;

/** The bytes `text`'s characters take in V8's heap (its header of a few words aside). */
export const heldBytes = (text: string): number => (TWO_BYTE.test(text) ? 2 * text.length : text.length);
