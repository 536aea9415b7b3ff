import { describe, expect, it } from 'vitest';
import { findNegationScopes } from '../../../pipeline/classify/negation.js';
import { createFrenchNormalizer } from '../../../pipeline/classify/normalize-french.js';
import { createValenceScorer, recordValence } from '../../../pipeline/classify/valence.js';
import type { PromptKind } from '../../../pipeline/record.js';

const normalizer = createFrenchNormalizer();
const scorer = createValenceScorer(normalizer);

function valence(text: string, prompt: PromptKind = 'neutral') {
  const tokens = normalizer.normalize(text);
  return scorer.score(tokens, findNegationScopes(tokens), prompt);
}

describe('valence scorer', () => {
  it('reads plain praise and complaints', () => {
    expect(valence('Personnel très gentil et disponible').valence).toBe('positive');
    expect(valence('Les repas sont froids et sans goût').valence).toBe('negative');
  });

  it('uses the survey prompt as a prior when the words say nothing', () => {
    expect(valence('Les repas', 'improvement').valence).toBe('negative');
    expect(valence('Les repas', 'positive').valence).toBe('positive');
    expect(valence('Les repas', 'neutral')).toEqual({ valence: 'neutral', score: 0 });
  });

  it('lets clear words override the prompt: "rien à améliorer" in the improvement box', () => {
    expect(valence('Rien à améliorer, tout était parfait', 'improvement').valence).toBe('positive');
    expect(valence('Rien à signaler', 'improvement').valence).toBe('positive');
    expect(valence('RAS', 'improvement').valence).toBe('positive');
    expect(valence('RAS', 'positive').valence).toBe('neutral');
  });

  it('flips negated words', () => {
    expect(valence("Pas d'attente").valence).toBe('positive');
    expect(valence("Le personnel n'est pas aimable").valence).toBe('negative');
    expect(valence('jamais eu mal').valence).toBe('positive');
    expect(valence('Aucune information').valence).toBe('negative');
  });

  it('reads fixed expressions as a whole ("pas mal")', () => {
    expect(valence('pas mal').valence).toBe('positive');
  });

  it('weighs intensifiers, exclamation marks and capitals', () => {
    const plain = valence('long').score;
    expect(valence('très long').score).toBeLessThan(plain);
    expect(valence('long !!!').score).toBeLessThan(plain);
    expect(valence('LONG attente').score).toBeLessThan(valence('long attente').score);
    expect(valence('un peu long').score).toBeGreaterThan(plain);
  });

  it('does not treat an all-capitals text as shouting word by word', () => {
    expect(valence('TRES BONNE PRISE EN CHARGE').valence).toBe('positive');
  });

  it('weighs the part after "mais" more', () => {
    expect(valence('Le personnel est gentil mais les repas sont immangeables').score).toBeLessThan(0);
    expect(valence('Les repas sont mauvais mais le personnel est adorable et très gentil').score).toBeGreaterThan(0);
  });

  it('says mixed when both sides are strong', () => {
    expect(valence('Équipe adorable mais attente interminable', 'positive').valence).toBe('mixed');
  });

  it('reads emoji', () => {
    expect(valence('😡').valence).toBe('negative');
    expect(valence('merci ❤️').valence).toBe('positive');
  });

  it('keeps the score in [-1, 1]', () => {
    const s = valence('HORRIBLE HORRIBLE SCANDALEUX INADMISSIBLE !!!! 😡😡😡').score;
    expect(s).toBeGreaterThanOrEqual(-1);
    expect(s).toBeLessThan(-0.8);
  });
});

describe('recordValence', () => {
  it.each([
    [['positive', 'positive'], 'positive'],
    [['negative', 'neutral'], 'negative'],
    [['positive', 'negative'], 'mixed'],
    [['positive', 'mixed'], 'mixed'],
    [['neutral', 'neutral'], 'neutral'],
    [[], 'neutral'],
  ] as const)('%j → %s', (valences, expected) => {
    expect(recordValence(valences)).toBe(expected);
  });
});
