import { describe, expect, it } from 'vitest';
import { findNegationScopes, isSpanNegated } from '../../../pipeline/classify/negation.js';
import { createFrenchNormalizer } from '../../../pipeline/classify/normalize-french.js';

const normalizer = createFrenchNormalizer();

/** Normalized words of `text` that fall in a negation scope (negators themselves excluded). */
function negated(text: string): string[] {
  const tokens = normalizer.normalize(text);
  const scopes = findNegationScopes(tokens);
  return tokens.filter((_, i) => (scopes.negatedBy[i] ?? -1) >= 0 && !scopes.isNegator[i]).map((t) => t.norm);
}

describe('findNegationScopes', () => {
  it('"pas d\'attente" negates the waiting word', () => {
    expect(negated("Pas d'attente, personnel adorable")).toEqual(['de', 'attente']);
  });

  it('"aucune explication" negates the explanation', () => {
    expect(negated('Aucune explication sur le traitement.')).toContain('explication');
  });

  it('covers the verb between ne and pas, and a few words after', () => {
    expect(negated("Je n'ai pas eu peur de dire ce que je pensais")).toEqual(['ai', 'eu', 'peur', 'de', 'dire', 'ce']);
    expect(negated("On ne m'a rien expliqué. Le repas était bon")).toEqual(['me', 'a', 'explique']);
  });

  it('stops at a contrast or coordination', () => {
    expect(negated("pas d'attente mais accueil froid")).toEqual(['de', 'attente']);
    expect(negated('sans douleur et accueil parfait')).toEqual(['douleur']);
  });

  it('handles colloquial negation without ne, jamais, sans, ni', () => {
    expect(negated("j'ai pas eu d'explication")).toContain('explication');
    expect(negated('jamais eu mal')).toEqual(['eu', 'mal']);
    expect(negated('sans boire ni manger')).toEqual(['boire', 'manger']);
  });

  it('reads "ne … que" as a restriction, not a negation', () => {
    expect(negated("Je n'ai attendu que cinq minutes")).toEqual([]);
  });

  it('reads "un peu" as a diminisher but "peu de" as a negation', () => {
    expect(negated('un peu long')).toEqual([]);
    expect(negated("peu d'attente")).toEqual(['de', 'attente']);
  });

  it('does not invert a span that carries its own negation', () => {
    const tokens = normalizer.normalize("Je n'ose pas demander");
    const scopes = findNegationScopes(tokens);
    const ose = tokens.findIndex((t) => t.norm === 'ose');
    expect(isSpanNegated(scopes, ose, ose + 1)).toBe(true);
    expect(isSpanNegated(scopes, ose - 1, ose + 2)).toBe(false);
  });
});

describe('negation with an indefinite "quoi que"', () => {
  it('"personne ne m\'a expliqué quoi que ce soit" negates "expliqué"', async () => {
    const { loadDefaultCodebook } = await import('../../../models/codebooks/codebook.js');
    const { createLexicalClassifier } = await import('../../../pipeline/classify/lexical-classifier.js');
    const classifier = createLexicalClassifier(loadDefaultCodebook());
    const result = classifier.analyze("Personne ne m'a expliqué quoi que ce soit sur mon traitement", 'neutral');
    expect(result.valence).toBe('negative');
  });
});
