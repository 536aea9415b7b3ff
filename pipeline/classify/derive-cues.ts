/**
 * Weak cues for a theme that has none (a researcher's own codebook, a `.qdc` import): its label
 * words, the label as a phrase, and the content words its examples share. Weights are low on
 * purpose: one example word alone stays under the default threshold, a label word does not.
 */
import type { Cue, Theme } from '../../models/codebooks/codebook.js';
import { foldFrench } from './normalize-french.js';

/** Weight of each content word of the label. */
export const LABEL_WORD_WEIGHT = 0.8;
/** Weight of the whole label when it has several content words. */
export const LABEL_PHRASE_WEIGHT = 1.2;
/** Weight of a content word seen in one example; doubled (capped at 0.8) per further example. */
export const EXAMPLE_WORD_WEIGHT = 0.35;
/** At most this many example words per theme, the most frequent first. */
export const MAX_EXAMPLE_WORDS = 12;

// Function words and words too generic in patient comments to say anything about a theme.
const STOPWORDS = new Set(
  (
    'alors aucun aucune aussi autre avant avec avoir bien cela celle cette ceux chez comme dans depuis donc elle ' +
    'elles encore entre etaient etait etre fait faire fois leur leurs mais meme moins nous notre pour plus pendant ' +
    'quand quel quelle quelque sans sont sous tous tout toute toutes tres vous votre avait avais suis etes ' +
    'ont sera seront apres ainsi assez beaucoup trop peut pouvoir jamais rien personne chose patient patients ' +
    'hopital service merci equipe'
  ).split(' '),
);

/** Derives cues from `theme.label` and `theme.examples`; returns `[]` when nothing usable remains. */
export function deriveCues(theme: Pick<Theme, 'label' | 'examples'>): Cue[] {
  const cues: Cue[] = [];
  const labelWords = contentWords(theme.label);
  for (const w of labelWords) cues.push({ pattern: w, weight: LABEL_WORD_WEIGHT });
  if (labelWords.length > 1 && labelWords.length <= 4)
    cues.push({ pattern: labelWords.join(' ~2 '), weight: LABEL_PHRASE_WEIGHT });

  const counts = new Map<string, number>();
  for (const example of theme.examples) {
    for (const w of new Set(contentWords(example))) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const ranked = [...counts]
    .filter(([w]) => !labelWords.includes(w))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [w, n] of ranked.slice(0, MAX_EXAMPLE_WORDS)) {
    cues.push({ pattern: w, weight: Math.min(0.8, EXAMPLE_WORD_WEIGHT * n) });
  }
  return cues;
}

function contentWords(text: string): string[] {
  return foldFrench(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 4 && !STOPWORDS.has(w) && !/^[0-9]+$/.test(w));
}
