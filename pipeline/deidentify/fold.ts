const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ASCII = /[^\x20-\x7e\t\n\r]/;
// Ligatures have no decomposition: "sœur" must still fold to "soeur".
const LIGATURES = /[œæ]/g;
const LIGATURE_LETTERS: Readonly<Record<string, string>> = Object.freeze({ œ: 'oe', æ: 'ae' });

/**
 * Lower-cases and strips accents ("Hélène" → "helene", "Noël" → "noel"), so that lexicon
 * look-ups and entity keys ignore the spelling variations of real comments (no accents, caps).
 */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  // normalize('NFD') is the costly part; most tokens are plain ASCII and skip it.
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(LIGATURES, (letter) => LIGATURE_LETTERS[letter] ?? letter);
}
