/**
 * Accent- and case-folding used to compare header wordings and short answers ("Néant", "RAS").
 * Folding, not transliteration: the result is only ever compared, never shown or stored.
 */

const COMBINING_MARKS = /\p{M}/gu;

/** Lower-cases, strips accents (é → e), expands ligatures (œ → oe) and collapses whitespace. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Folds a column header or prompt wording down to words: punctuation becomes a space, so
 * "N° réponse" → "n reponse" and "Qu'avez-vous apprécié ?" → "qu avez vous apprecie".
 */
export function foldHeader(header: string): string {
  return foldText(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A `[a-z0-9_]` slug of a header, e.g. "Que faudrait-il améliorer ?" → `que_faudrait_il_ameliorer`. */
export function slugify(header: string, maxLength = 48): string {
  return foldHeader(header).replace(/ /g, '_').slice(0, maxLength).replace(/_+$/, '');
}
