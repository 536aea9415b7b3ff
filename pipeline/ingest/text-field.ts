import type { PromptKind } from '../record.js';
import { foldHeader, slugify } from './fold-text.js';

/** The slug and prompt of a free-text field: `appreciation`/`positive`, `amelioration`/`improvement`... */
export interface TextField {
  field: string;
  prompt: PromptKind;
}

/** Wordings of the positive prompt ("Qu'avez-vous apprécié ?"), folded. */
const POSITIVE = [/\bapprec/, /\bpoints? (?:positifs?|forts?)\b/, /\bwhat (?:was|went) (?:good|well)\b/, /^positive$/];

/** Wordings of the improvement prompt ("Que faudrait-il améliorer ?"), folded. */
const IMPROVEMENT = [
  /\bamelior/,
  /\bsuggestions?\b/,
  /\bpoints? (?:negatifs?|faibles?)\b/,
  /\bcould be improved\b/,
  /\bimprove(?:ment|ments|d)?\b/,
  // The NHS Friends and Family Test's "What could we do better?".
  /\b(?:do|be) better\b/,
];

/** Free comment boxes, complaints and letters: no valence prior. */
const NEUTRAL =
  /\b(?:commentaires?|comments?|verbatims?|remarques?|textes?|text|reclamations?|plaintes?|observations?|expression libre)\b/;

/**
 * Recognizes a header or prompt wording as a free-text field; `null` when it does not look like
 * one (then auto-detection ignores the column). Known prompts get stable field names so that
 * exports from different hospitals line up: positive → `appreciation`, improvement → `amelioration`.
 * Improvement is tested before positive: "points à améliorer" must not fall to a generic match.
 */
export function recognizeTextField(wording: string): TextField | null {
  const folded = foldHeader(wording);
  if (folded === '') return null;
  if (IMPROVEMENT.some((pattern) => pattern.test(folded))) return { field: 'amelioration', prompt: 'improvement' };
  if (POSITIVE.some((pattern) => pattern.test(folded))) return { field: 'appreciation', prompt: 'positive' };
  if (NEUTRAL.test(folded)) return { field: slugify(wording), prompt: 'neutral' };
  return null;
}

/**
 * The field for a column the user named (`--map text=COL`) or a JSONL `field` value: a known
 * wording as `recognizeTextField` says, otherwise the slug of the wording with a neutral prompt.
 * `fallback` is used when the wording has no letters or digits at all.
 */
export function textFieldFor(wording: string, fallback: string): TextField {
  return recognizeTextField(wording) ?? { field: slugify(wording) || fallback, prompt: 'neutral' };
}
