/**
 * The shipped French head loads through the registry, matches the default codebook and labels a
 * plain complaint; an unknown model name lists the available ones.
 */
import { describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../../../models/codebooks/codebook.js';
import { loadClassifier } from '../../../models/registry.js';
import { SegmentSchema } from '../../../pipeline/record.js';

describe('fr-linear', () => {
  const codebook = loadDefaultCodebook();
  const classifier = loadClassifier('fr-linear', codebook);

  it('labels a segment with the default codebook themes', () => {
    const text = "Les repas étaient froids et l'attente aux urgences interminable.";
    const segment = SegmentSchema.parse({
      recordKey: 'r1',
      index: 0,
      text,
      start: 0,
      end: text.length,
      speaker: null,
      role: null,
      context: false,
    });
    const [out] = classifier.classify([segment], { prompt: 'improvement', lang: 'fr' });
    expect(out?.themes.map((t) => t.theme).sort()).toEqual(['meals', 'waiting_delays']);
    expect(out?.origin).toBe('model');
    expect(classifier.modelVersion).toBe('linear-fr-default-v1');
  });

  it('rejects an unknown model by listing the valid names', () => {
    expect(() => loadClassifier('nope', codebook)).toThrow(/available: lexical, fr-linear/);
  });
});
