import { describe, expect, it } from 'vitest';
import { valenceMetrics } from '../../../models/evaluation/valence-metrics.js';
import type { Valence } from '../../../pipeline/record.js';

describe('valenceMetrics', () => {
  const gold: Valence[] = ['positive', 'positive', 'negative', 'negative', 'mixed'];
  const predicted: Valence[] = ['positive', 'negative', 'negative', 'negative', 'negative'];
  const report = valenceMetrics(gold, predicted);

  it('computes accuracy and the confusion table (rows gold, columns predicted)', () => {
    expect(report.accuracy).toBeCloseTo(3 / 5, 10);
    expect(report.confusion.positive).toEqual({ positive: 1, negative: 1, mixed: 0, neutral: 0 });
    expect(report.confusion.mixed.negative).toBe(1);
    expect(report.items).toBe(5);
  });

  it('computes per-label scores and macro F1 over labels present', () => {
    // positive: P 1, R 0.5, F1 2/3 ; negative: P 2/4, R 1, F1 2/3 ; mixed: 0 ; neutral unused.
    const f1 = Object.fromEntries(report.perLabel.map((s) => [s.label, s.f1]));
    expect(f1.positive).toBeCloseTo(2 / 3, 10);
    expect(f1.negative).toBeCloseTo(2 / 3, 10);
    expect(f1.mixed).toBe(0);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 0) / 3, 10);
  });

  it('refuses unequal lengths', () => {
    expect(() => valenceMetrics(['positive'], [])).toThrow(RangeError);
  });
});
