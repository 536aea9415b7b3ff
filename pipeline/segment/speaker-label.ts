/**
 * Decides whether the text before a colon at the start of a transcript line is a speaker label
 * ("RU1", "IDE 3", "Médecin 2", "P.3", "[NOM_1]", "Mme Garnier") or the start of a sentence
 * ("Je lui ai dit : ...", "Alors : ...", "Date : ...") that only happens to hold a colon.
 */
import type { Role } from '../record.js';
import { builtInRole, matchRoleOverride } from './normalize-role.js';

const MAX_LABEL_CHARS = 40;
const MAX_LABEL_WORDS = 4;
const MAX_NAME_WORDS = 3;

const SPACES = /\s+/;
/** A de-identification placeholder used as a label: `[NOM_1]`, `[NOM]`. */
const PLACEHOLDER = /^\[[A-Z]+(?:_\d+)?\]$/;
/** A speaker code with a number: `M1`, `X 12`, `P.3`. */
const CODE_WITH_NUMBER = /^\p{Lu}{1,4}[ .]?\d{1,3}$/u;
/** A capitalised word, as in a name used as a label ("Marie", "Mme", "Garnier"). */
const CAPITALISED = /^\p{Lu}[\p{L}'’.-]*$/u;

/**
 * Capitalised words that start sentences or header lines before a colon, and so are not
 * names: "Alors : on commence", "Date : [DATE]", "Remarque : ...".
 */
// biome-ignore format: a word list reads better packed
const NOT_NAMES = new Set([
  'alors', 'donc', 'mais', 'et', 'ou', 'oui', 'non', 'bon', 'bref', 'voilà', 'voila', 'enfin', 'ensuite', 'puis',
  'ah', 'oh', 'bah', 'ben', 'euh', 'eh', 'hein', 'ok', 'd’accord', "d'accord", 'merci', 'voici', 'moi', 'lui',
  'je', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'ça', 'ca', 'ce', 'cela', 'c’est', "c'est",
  'le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'par', 'pour', 'en', 'au', 'aux', 'avec', 'sans', 'sur',
  'exemple', 'remarque', 'remarques', 'note', 'notes', 'nb', 'ps', 'objet', 'attention', 'important', 'rappel',
  'conclusion', 'résumé', 'resume', 'bilan', 'question', 'questions', 'réponse', 'reponse', 'thème', 'theme',
  'thèmes', 'themes', 'date', 'lieu', 'durée', 'duree', 'site', 'service', 'contexte', 'entretien', 'transcription',
  'observation', 'consigne', 'problème', 'probleme', 'titre', 'sujet', 'participants', 'présents', 'presents',
  'fin', 'début', 'debut', 'pause', 'heure', 'source', 'verbatim',
]);

/** Whether `candidate` (the trimmed text between line start, or timestamp, and the colon) is a label. */
export function isSpeakerLabel(candidate: string, overrides: Readonly<Record<string, Role>>): boolean {
  if (candidate === '' || candidate.length > MAX_LABEL_CHARS) return false;
  const words = candidate.split(SPACES);
  if (words.length > MAX_LABEL_WORDS) return false;
  if (matchRoleOverride(candidate, overrides) !== undefined) return true;
  if (PLACEHOLDER.test(candidate) || CODE_WITH_NUMBER.test(candidate)) return true;
  if (builtInRole(candidate) !== undefined) return true;
  return (
    words.length <= MAX_NAME_WORDS &&
    !NOT_NAMES.has((words[0] ?? '').toLowerCase()) &&
    words.every((word) => CAPITALISED.test(word) || PLACEHOLDER.test(word))
  );
}
