/**
 * A light French stemmer for ACCENT-FOLDED words. Snowball's French stemmer reads accents
 * (`légitimité` → `légitim` but `legitimite` → `legitimit`), and patient comments are often typed
 * without them, so we strip inflection (plural, feminine, participle, common verb endings) and a
 * few derivational suffixes on the folded form instead. It only has to be consistent: cue words
 * and text go through the same function.
 */

// Function words and adverbs whose ending is not an inflection ("pas", "pendant", "seulement").
const INVARIANT = new Set([
  'ailleurs',
  'alors',
  'apres',
  'assez',
  'aupres',
  'autant',
  'avant',
  'cependant',
  'chez',
  'comment',
  'dans',
  'depuis',
  'devant',
  'dessous',
  'dessus',
  'durant',
  'encore',
  'ensemble',
  'entre',
  'fois',
  'jamais',
  'lors',
  'mais',
  'maintenant',
  'moins',
  'notamment',
  'parfois',
  'pas',
  'pendant',
  'plus',
  'pourtant',
  'puis',
  'quelque',
  'rien',
  'sans',
  'seulement',
  'sous',
  'surtout',
  'temps',
  'toujours',
  'tous',
  'tres',
  'vous',
  'nous',
  'leurs',
  'merci',
  'aussi',
  'parce',
  'quand',
  'comme',
  'autre',
  'autres',
  'meme',
  'memes',
  'cette',
  'notre',
  'votre',
  'quelques',
  'certains',
  'certaines',
  'plusieurs',
  'ceux',
  'elles',
  'celle',
  'celles',
  'avez',
  'avons',
]);

/** [suffix, replacement, minimal stem length] — longest first; the first that fits is applied. */
const SUFFIXES: ReadonlyArray<readonly [string, string, number]> = [
  ['ibilite', 'ibl', 3],
  ['abilite', 'abl', 3],
  ['ication', 'iqu', 3],
  ['eraient', '', 3],
  ['ement', '', 4],
  ['ation', '', 4],
  ['aient', '', 3],
  ['erait', '', 3],
  ['erons', '', 3],
  ['eront', '', 3],
  ['erai', '', 3],
  ['ante', '', 4],
  ['ite', '', 4],
  ['eux', '', 4],
  ['ait', '', 3],
  ['ant', '', 4],
  ['er', '', 3],
  ['ez', '', 3],
  ['ir', '', 4],
  ['e', '', 3],
];

/** Stems one lower-case, accent-folded word; words of 3 letters or fewer are left alone. */
export function lightStemFrench(word: string): string {
  if (word.length <= 3 || INVARIANT.has(word)) return word;
  let s = word;
  // 1. Plural.
  if (s.endsWith('eaux')) s = s.slice(0, -1);
  else if (s.endsWith('aux') && s.length > 5) s = `${s.slice(0, -3)}al`;
  // "-is" is the masculine of "-ise" ("compris", "mauvais", "pris"), not a plural.
  else if (s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('is')) s = s.slice(0, -1);
  // 2. Feminine and participle agreement.
  if (s.endsWith('euse')) s = `${s.slice(0, -4)}eux`;
  else if (s.endsWith('ive') && s.length > 5) s = `${s.slice(0, -3)}if`;
  else if (s.endsWith('iere')) s = `${s.slice(0, -2)}r`;
  else if (s.endsWith('ille') && s.length > 6) s = s.slice(0, -2);
  else if (s.endsWith('ee')) s = s.slice(0, -1);
  // 3. One derivational or verbal suffix.
  for (const [suffix, replacement, minStem] of SUFFIXES) {
    if (s.endsWith(suffix) && s.length - suffix.length >= minStem) {
      return s.slice(0, s.length - suffix.length) + replacement;
    }
  }
  return s;
}
