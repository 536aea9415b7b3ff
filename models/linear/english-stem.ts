/**
 * A light English stemmer for the hashed word features: plural and verb endings stripped
 * (`waiting`, `waited`, `waits` → `wait`; `queries` → `query`), so that a rare inflection shares
 * its column with the frequent one. Deliberately smaller than Porter's: only suffixes that are
 * almost always inflections, never derivations that change the meaning.
 */

const VOWEL_RE = /[aeiouy]/;
const DOUBLE_RE = /([bdfgklmnprt])\1$/;
const SILENT_E_RE = /(bl|iz|[vcu])$/;
const SHORT_CVC_RE = /^[^aeiou][aeiou][^aeiouwxy]$/;

function stripVerbEnding(word: string, suffix: string): string | null {
  if (!word.endsWith(suffix)) return null;
  const stem = word.slice(0, -suffix.length);
  // `red`, `bed`, `sing`, `thing`: the rest must be a plausible stem with a vowel.
  if (stem.length < 3 || !VOWEL_RE.test(stem)) return null;
  // `stopped` → `stop`, but `called` keeps `call`.
  if (DOUBLE_RE.test(stem) && !/(ll|ss|ff|zz)$/.test(stem)) return stem.slice(0, -1);
  // `improving` → `improve`, `caring` → `care`, `queued` → `queue`: put back the silent e.
  if (SILENT_E_RE.test(stem) || SHORT_CVC_RE.test(stem)) return `${stem}e`;
  return stem;
}

/** Stem of one lower-cased word made of letters (other words come back unchanged). */
export function stemEnglish(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const verb = stripVerbEnding(w, 'ing') ?? stripVerbEnding(w, 'ed');
  if (verb !== null) return verb;
  if (w.endsWith('ly') && w.length > 5) return w.slice(0, -2);
  return w;
}
