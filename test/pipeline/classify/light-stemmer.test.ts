import { describe, expect, it } from 'vitest';
import { lightStemFrench } from '../../../pipeline/classify/light-stemmer.js';

describe('lightStemFrench', () => {
  it.each([
    ['attente', 'attentes'],
    ['soignant', 'soignantes'],
    ['gentil', 'gentille'],
    ['compris', 'comprise'],
    ['organise', 'organisation'],
    ['hopital', 'hopitaux'],
    ['serieux', 'serieuse'],
    ['communication', 'communique'],
  ])('%s and %s share a stem', (a, b) => {
    expect(lightStemFrench(a)).toBe(lightStemFrench(b));
  });

  it('leaves short and invariant words alone', () => {
    for (const w of ['pas', 'plus', 'mais', 'jamais', 'pendant', 'sans', 'tres']) expect(lightStemFrench(w)).toBe(w);
  });

  it('keeps distinct words apart', () => {
    expect(lightStemFrench('personne')).not.toBe(lightStemFrench('personnel'));
    expect(lightStemFrench('sale')).not.toBe(lightStemFrench('salle'));
  });
});
