/**
 * A range of a record's text while it is being cut: UTF-16 indices, end exclusive. Segments get
 * code-point offsets only at the end (see `CodePointIndex`), because every regex works in UTF-16.
 */

/** `[start, end)` in UTF-16 units of the record text. */
export interface TextSpan {
  start: number;
  end: number;
}

// Leading list markers and separators left over from a cut ("; ", ", ", "- ", "• ") are not part
// of a remark; trailing ones neither. Sentence punctuation (. ! ? …) stays with its sentence.
const LEADING_TRIM = /[\s,;:\-–—•*·▪►✓➢]/;
const TRAILING_TRIM = /[\s,;:\-–—]/;
// Global regexes compiled once; `lastIndex` is set before each synchronous use, so no state leaks.
const WORD = /[\p{L}\p{N}]\S*/gu;
const WORD_CHAR = /[\p{L}\p{N}]/gu;

/** Shrinks a span past surrounding whitespace and separators; may return an empty span. */
export function trimSpan(text: string, start: number, end: number): TextSpan {
  let s = start;
  let e = end;
  while (s < e && LEADING_TRIM.test(text.charAt(s))) s++;
  while (e > s && TRAILING_TRIM.test(text.charAt(e - 1))) e--;
  return { start: s, end: e };
}

/** Number of whitespace-separated tokens holding a letter or digit (`l'accueil` is one word). */
export function countWords(text: string, start: number, end: number): number {
  WORD.lastIndex = start;
  let count = 0;
  for (let match = WORD.exec(text); match !== null && match.index < end; match = WORD.exec(text)) count++;
  return count;
}

/** Whether the range holds any letter or digit (an emoji-only or punctuation-only piece does not). */
export function hasWordChar(text: string, start: number, end: number): boolean {
  WORD_CHAR.lastIndex = start;
  const match = WORD_CHAR.exec(text);
  return match !== null && match.index < end;
}
