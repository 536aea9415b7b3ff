import { describe, expect, it } from 'vitest';
import { normalCdf, twoSidedPValue } from '../../reports/normal-cdf.js';

// Reference values: 0.5 · erfc(−x/√2) in double precision (Python's math.erfc).
const REFERENCE: ReadonlyArray<[number, number]> = [
  [0, 0.5],
  [0.5, 0.6914624612740131],
  [1, 0.8413447460685429],
  [-1, 0.15865525393145707],
  [1.96, 0.9750021048517795],
  [-2.2, 0.01390344751349861],
  [-3, 0.0013498980316300957],
  [-5, 2.866515718791946e-7],
  [-8, 6.220960574271819e-16],
  [-10, 7.619853024160593e-24],
];

describe('normalCdf', () => {
  it.each(REFERENCE)('Φ(%d) matches the reference (absolute 1e-15, relative 1e-8)', (x, expected) => {
    const got = normalCdf(x);
    expect(Math.abs(got - expected)).toBeLessThan(1e-15);
    // The rational approximation is tuned for absolute error; far-tail relative error stays small.
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-8);
  });

  it('is symmetric and monotone', () => {
    for (let x = -6; x <= 6; x += 0.37) {
      expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 14);
      expect(normalCdf(x + 0.01)).toBeGreaterThan(normalCdf(x));
    }
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it('gives two-sided p-values', () => {
    expect(twoSidedPValue(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedPValue(-1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedPValue(0)).toBe(1);
  });
});
