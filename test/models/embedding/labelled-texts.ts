/**
 * A small synthetic labelled set for the embedding head: two themes with their own words (known
 * to the tiny BERT's vocabulary), mixed with common filler, plus a codebook of those two themes.
 */
import { seededRandom } from '../../../models/linear/seeded-random.js';

const FILLER = ['le', 'la', 'de', 'des', 'tres', 'pas', 'et', 'est', 'pour', 'avec', 'nous', 'on', 'bien', 'mal'];
const WAITING = ['attente', 'attendre', 'heures', 'heure', 'jours'];
const MEALS = ['repas', 'froid', 'chaud', 'plus', 'tout'];

function sentence(words: readonly string[], random: () => number): string {
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] as string;
  const out: string[] = [];
  for (let k = 0; k < 7; k++) out.push(random() < 0.45 ? pick(words) : pick(FILLER));
  return `${out.join(' ')}.`;
}

/** `n` examples per theme, as JSONL lines `{text, themes}`. */
export function labelledTexts(n: number, seed = 11): { text: string; themes: string[] }[] {
  const random = seededRandom(seed);
  const out: { text: string; themes: string[] }[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ text: sentence(WAITING, random), themes: ['waiting'] });
    out.push({ text: sentence(MEALS, random), themes: ['meals'] });
  }
  return out;
}

/** The codebook of those two themes (YAML), with definitions and examples for the prototypes. */
export const TWO_THEME_CODEBOOK = `version: two-themes-1
language: fr
themes:
  - id: waiting
    label: Attente
    definition: attente longue, des heures et des jours pour attendre
    examples: ["attente de trois heures", "attendre des jours"]
  - id: meals
    label: Repas
    definition: repas froid ou chaud
    examples: ["repas froid", "le repas est froid"]
`;
