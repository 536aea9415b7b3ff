/**
 * First-name lexicon for `detect-names.ts`: the French list of `gender-detection-from-name`
 * (≈36k names, MIT) split, with the word list of `an-array-of-french-words` (≈336k forms,
 * MIT), into names that are only names and names that are also ordinary words (rose, pierre,
 * claire...), which count as names only with context.
 *
 * Loaded once at import: immutable data, not state. Costs ≈200 ms and ≈20 MB of heap per
 * process; the word set is kept because the name detector also asks "is this a French word?"
 * (a lower-case word after "docteur" is a surname only if it is not).
 */
import { createRequire } from 'node:module';
import { fold } from './fold.js';
import { NAME_STOPS, ROLE_WORDS } from './name-cues.js';

const require = createRequire(import.meta.url);

/** How a capitalised word that is in the first-name list should be treated. */
export type FirstNameKind =
  /** Not a first name (or one we never tag on its own). */
  | 'none'
  /** Only a first name: tag it when capitalised, anywhere. */
  | 'name'
  /** Also an ordinary word (Rose, Claire): tag only with context. */
  | 'ambiguous'
  /** Also a place, a feast or a month (France, Noël, Avril): tag only after a title, role or thanks. */
  | 'cue-only';

/**
 * Names that are also words but, written with a capital, are almost always the name:
 * "Jean", "Louis", "Olivier" (the tree is lower-case).
 */
const NAMES_WHEN_CAPITALISED = (
  'marie jean rene louis jacques robert joseph julien pascal olivier madeleine veronique ' +
  'clement maxime romain guillaume benjamin baptiste benoit gilles serge denis marc sylvain ' +
  'jules germain charlotte elise jade capucine laure martine lucie nadine simon vincent hugo'
).split(' ');

/**
 * First names that are far more often something else in hospital feedback: places (France,
 * Lourdes, Nancy), feasts and religion (Noël, Toussaint, Dieu), months and days (Avril, Mai).
 */
const CUE_ONLY_NAMES = (
  'france paris nancy lourdes valence vienne florence lorraine clermont pau annecy rochelle ' +
  'lens orleans italie chine inde europe afrique noel toussaint paques ramadan dieu jesus ' +
  'christ allah messie janvier fevrier mars avril mai juin juillet aout septembre octobre ' +
  'novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche'
).split(' ');

/**
 * Entries of the name list that are not first names in a French hospital comment: English
 * words, acronyms, drugs, units, words of care ("kine", "ameli").
 */
const NOT_NAMES = (
  'the you can say happy time hope sky sun moon king queen honey candy summer winter top cool ' +
  'super ok okay wifi kine ameli vitale rea ide chu ars has smur samu covid scanner echo ' +
  'radio labo cardio pneumo neuro onco ortho psy tele sud nord est ouest saint sainte madame ' +
  'monsieur docteur merci bravo mme mlle ras nada sos sms dmp chru ehpad usld urgences son sait ' +
  'lui moi toi eux mamie mami papi papy tata tonton salle sante sang'
).split(' ');

/** Requires a data module without keeping it in the require cache: only our folded copy stays. */
function requireOnce<T>(id: string): T {
  const data = require(id) as T;
  delete require.cache[require.resolve(id)];
  return data;
}

function loadFrenchWords(): ReadonlySet<string> {
  const words = requireOnce<readonly string[]>('an-array-of-french-words/index.json');
  const folded = new Set<string>();
  for (const word of words) folded.add(fold(word));
  return Object.freeze(folded);
}

function loadFirstNames(words: ReadonlySet<string>): ReadonlyMap<string, FirstNameKind> {
  const names = requireOnce<ReadonlyMap<string, string>>('gender-detection-from-name/names/fr.js');
  const notNames = new Set(NOT_NAMES);
  const cueOnly = new Set(CUE_ONLY_NAMES);
  const capitalised = new Set(NAMES_WHEN_CAPITALISED);
  const kinds = new Map<string, FirstNameKind>();
  for (const raw of names.keys()) {
    const name = fold(raw);
    // One- and two-letter entries ("de", "le", "al", "jo") are noise in free text.
    if (name.length < 3 || notNames.has(name)) continue;
    // Pronouns, function words and roles are never names on their own ("Elle a 19 ans", "Maman est").
    if (NAME_STOPS.has(name) || ROLE_WORDS.has(name)) continue;
    if (cueOnly.has(name)) kinds.set(name, 'cue-only');
    else if (words.has(name) && !capitalised.has(name)) kinds.set(name, 'ambiguous');
    else kinds.set(name, 'name');
  }
  for (const name of cueOnly) kinds.set(name, 'cue-only');
  return Object.freeze(kinds);
}

/** Every French word form, accent- and case-folded ("tres", "etait", "rose"). */
export const FRENCH_WORDS: ReadonlySet<string> = loadFrenchWords();

const FIRST_NAMES = loadFirstNames(FRENCH_WORDS);

/**
 * Kind of a folded word as a first name. A hyphenated word is a name when every part is a
 * name ("jean-pierre", "marie-claire"): compounds of names are never ordinary words.
 */
export function firstNameKind(folded: string): FirstNameKind {
  const kind = FIRST_NAMES.get(folded);
  if (kind !== undefined) return kind;
  if (!folded.includes('-')) return 'none';
  for (const part of folded.split('-')) {
    if (!FIRST_NAMES.has(part)) return 'none';
  }
  return 'name';
}

/** True when the folded word is a French word form. */
export function isFrenchWord(folded: string): boolean {
  return FRENCH_WORDS.has(folded);
}
