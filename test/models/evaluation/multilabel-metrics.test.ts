import { describe, expect, it } from 'vitest';
import { multilabelMetrics, prf } from '../../../models/evaluation/multilabel-metrics.js';

describe('prf', () => {
  it('computes precision, recall and F1, with 0 for empty denominators', () => {
    expect(prf(2, 1, 1)).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
    expect(prf(0, 0, 3)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(prf(0, 0, 0)).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('multilabelMetrics', () => {
  // Hand-computed: a → tp 2, fp 1, fn 0 ; b → tp 1, fp 0, fn 1 ; c → tp 0, fp 1, fn 0 ; d unused.
  const gold = [['a', 'b'], ['a'], ['b'], []];
  const predicted = [['a', 'b'], ['a', 'c'], [], ['a']];
  const report = multilabelMetrics(gold, predicted, ['a', 'b', 'c', 'd']);

  it('counts per theme, in the order asked', () => {
    expect(report.perTheme.map((s) => [s.theme, s.tp, s.fp, s.fn, s.support, s.predicted])).toEqual([
      ['a', 2, 1, 0, 2, 3],
      ['b', 1, 0, 1, 2, 1],
      ['c', 0, 1, 0, 0, 1],
      ['d', 0, 0, 0, 0, 0],
    ]);
    const a = report.perTheme[0];
    expect(a?.precision).toBeCloseTo(2 / 3, 10);
    expect(a?.recall).toBe(1);
    expect(a?.f1).toBeCloseTo(0.8, 10);
    expect(report.perTheme[1]?.f1).toBeCloseTo(2 / 3, 10);
  });

  it('pools counts for micro scores', () => {
    // tp 3, fp 2, fn 1 → P 0.6, R 0.75, F1 2·0.45/1.35 = 2/3
    expect(report.micro).toMatchObject({ tp: 3, fp: 2, fn: 1 });
    expect(report.micro.precision).toBeCloseTo(0.6, 10);
    expect(report.micro.recall).toBeCloseTo(0.75, 10);
    expect(report.micro.f1).toBeCloseTo(2 / 3, 10);
  });

  it('averages macro F1 over themes used in gold or predictions only', () => {
    // a 0.8, b 2/3, c 0 (predicted, never gold); d is ignored.
    expect(report.macroThemes).toBe(3);
    expect(report.macroF1).toBeCloseTo((0.8 + 2 / 3 + 0) / 3, 10);
  });

  it('counts exact matches, two empty sets included', () => {
    expect(report.exactMatch).toBe(0.25);
    expect(multilabelMetrics([[]], [[]]).exactMatch).toBe(1);
  });

  it('sorts themes by id when none are given, and refuses unequal lengths', () => {
    expect(multilabelMetrics([['b', 'a']], [['c']]).perTheme.map((s) => s.theme)).toEqual(['a', 'b', 'c']);
    expect(() => multilabelMetrics([[]], [])).toThrow(RangeError);
  });
});
