/**
 * The dense one-vs-rest trainer on synthetic features: separable labels are learned, figures
 * are cross-validated, and a seed gives the same head.
 */
import { describe, expect, it } from 'vitest';
import { EmbeddingTrainSettingsSchema, embeddingMargins, trainEmbeddingHead } from '../../../models/embedding/index.js';
import { seededRandom } from '../../../models/linear/seeded-random.js';

/** Three clusters on the unit sphere; label `a` for cluster 0, `b` for 1, both for 2. */
function dataset(n: number, seed: number) {
  const random = seededRandom(seed);
  const centres = [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
  ];
  const xs: Float32Array[] = [];
  const gold: string[][] = [];
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    const v = Float32Array.from(centres[c] as number[], (x) => x + (random() - 0.5) * 0.6);
    xs.push(v);
    gold.push(c === 0 ? ['a'] : c === 1 ? ['b'] : ['a', 'b']);
    texts.push(`texte ${i}`);
  }
  return { xs, gold, texts };
}

describe('trainEmbeddingHead', () => {
  const settings = EmbeddingTrainSettingsSchema.parse({ folds: 3, epochs: 150 });

  it('learns separable labels, with cross-validated figures and per-label thresholds', () => {
    const { xs, gold, texts } = dataset(90, 3);
    const { model, crossValidation } = trainEmbeddingHead(xs, texts, gold, ['a', 'b', 'c'], settings);
    expect(model.featureDimension).toBe(4);
    expect(model.weights).toHaveLength(3 * 5);
    expect(model.thresholds).toHaveLength(3);
    expect(crossValidation.report.micro.f1).toBeGreaterThan(0.95);
    expect(crossValidation.predicted).toHaveLength(90);
    const margins = embeddingMargins(model, Float32Array.from([0, 0, 1, 0]));
    expect(margins[0]).toBeGreaterThan(model.thresholds[0] as number);
    expect(margins[1]).toBeGreaterThan(model.thresholds[1] as number);
    // `c` never occurs: it must not be predicted.
    expect(margins[2]).toBeLessThan(model.thresholds[2] as number);
    const onlyA = embeddingMargins(model, Float32Array.from([1, 0, 0, 0]));
    expect(onlyA[1]).toBeLessThan(model.thresholds[1] as number);
  });

  it('is deterministic for a seed', () => {
    const { xs, gold, texts } = dataset(60, 5);
    const one = trainEmbeddingHead(xs, texts, gold, ['a', 'b'], settings);
    const two = trainEmbeddingHead(xs, texts, gold, ['a', 'b'], settings);
    expect(Array.from(two.model.weights)).toEqual(Array.from(one.model.weights));
    expect(two.crossValidation.predicted).toEqual(one.crossValidation.predicted);
  });
});
