import { describe, expect, it } from 'vitest';
import { benjaminiHochbergAdjust, holmAdjust } from '../../reports/multiple-testing.js';
import { twoProportionTest } from '../../reports/two-proportion-test.js';

describe('twoProportionTest', () => {
  it('matches the pooled z-test computed by hand', () => {
    // 30/100 vs 15/100: pooled 0.225, z = 0.15 / sqrt(0.225 · 0.775 · 0.02).
    const r = twoProportionTest(30, 100, 15, 100);
    expect(r.z).toBeCloseTo(2.5400025400038095, 10);
    expect(r.pValue).toBeCloseTo(0.011085166380602722, 12);
    expect(r.difference).toBeCloseTo(0.15, 12);
    expect(r.valid).toBe(true);
  });

  it('is antisymmetric and flags small expected counts as not testable', () => {
    expect(twoProportionTest(15, 100, 30, 100).z).toBeCloseTo(-2.5400025400038095, 10);
    expect(twoProportionTest(2, 40, 1, 50).valid).toBe(false);
    const none = twoProportionTest(0, 10, 0, 20);
    expect(none).toMatchObject({ z: 0, pValue: 1, valid: false });
  });

  it('rejects impossible counts', () => {
    expect(() => twoProportionTest(5, 0, 1, 10)).toThrow(RangeError);
    expect(() => twoProportionTest(11, 10, 1, 10)).toThrow(RangeError);
  });
});

describe('p-value corrections across themes', () => {
  // Same results as R's p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm" / "BH").
  const p = [0.01, 0.04, 0.03, 0.005];

  it('Holm', () => {
    const adjusted = holmAdjust(p);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => {
      expect(adjusted[i]).toBeCloseTo(v, 12);
    });
  });

  it('Benjamini–Hochberg', () => {
    const adjusted = benjaminiHochbergAdjust(p);
    [0.02, 0.04, 0.04, 0.02].forEach((v, i) => {
      expect(adjusted[i]).toBeCloseTo(v, 12);
    });
  });

  it('leaves untested themes out of the count and caps at 1', () => {
    const adjusted = holmAdjust([0.5, Number.NaN, 0.6]);
    expect(adjusted[1]).toBeNaN();
    expect(adjusted[0]).toBe(1);
    expect(adjusted[2]).toBe(1);
  });
});
