import { foldText } from './fold-text.js';

/**
 * Answers that say nothing ("RAS", "néant", "/"): they are counted as empty fields, not turned
 * into records, so they neither inflate theme counts nor reach the classifier.
 */
const NON_INFORMATIVE = new Set([
  '',
  'ras',
  'r.a.s',
  'r a s',
  'neant',
  '/',
  '-',
  '--',
  '.',
  '?',
  'rien',
  'rien a signaler',
  'rien a dire',
  'rien a ajouter',
  'rien a ameliorer',
  'rien de particulier',
  'rien de plus',
  'rien de special',
  'pas de remarque',
  'pas de remarques',
  'aucune remarque',
  'sans commentaire',
  'aucun',
  'aucune',
  'non',
  'nc',
  'n/a',
  'na',
  'sans objet',
  'x',
  'idem',
]);

/** Longer than every entry of the list even with padding: skip folding for real comments. */
const LONGEST_CANDIDATE = 24;

/** Only punctuation and spaces ("...", "-/-", "??"); emojis are symbols, not punctuation, and stay. */
const PUNCTUATION_ONLY = /^[\p{P}\s]*$/u;

/**
 * True when an answer is empty or a known non-answer, after trimming, lower-casing, folding
 * accents and collapsing spaces; a trailing "." or "!" is ignored ("RAS." is "ras").
 */
export function isNonInformative(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > LONGEST_CANDIDATE) return false;
  if (PUNCTUATION_ONLY.test(trimmed)) return true;
  const folded = foldText(trimmed);
  return NON_INFORMATIVE.has(folded) || NON_INFORMATIVE.has(folded.replace(/[.!]+$/, ''));
}
