import { describe, expect, it } from 'vitest';
import { assignGroupFolds } from '../../../models/linear/group-folds.js';

describe('assignGroupFolds', () => {
  const texts = ['Très bien', 'très  bien', 'TRES BIEN', 'repas froid', 'attente', 'Repas froid', 'chambre', 'bruit'];

  it('keeps identical texts (case, accents and spaces folded) in one fold', () => {
    const fold = assignGroupFolds(texts, 3, 1);
    expect(new Set([fold[0], fold[1], fold[2]]).size).toBe(1);
    expect(fold[3]).toBe(fold[5]);
  });

  it('uses every fold and is deterministic for a seed', () => {
    const fold = assignGroupFolds(texts, 3, 1);
    expect(new Set(fold).size).toBe(3);
    expect(assignGroupFolds(texts, 3, 1)).toEqual(fold);
  });
});
