/**
 * Labels pass their own thresholds; the "at least one label" fallback takes the closest label
 * only within its gap, and the gap is tuned for micro-F1.
 */
import { describe, expect, it } from 'vitest';
import { decideLabels, tuneFallbackGap } from '../../../models/linear/decide-labels.js';

describe('decideLabels', () => {
  it('keeps every label above its threshold, no fallback then', () => {
    expect(decideLabels([0.5, -1, 0.2], [0, 0, 0.3], 1000)).toEqual([0]);
  });

  it('falls back to the closest label within the gap only', () => {
    expect(decideLabels([-0.4, -0.1, -2], [0, 0.2, 0])).toEqual([]);
    expect(decideLabels([-0.4, -0.1, -2], [0, 0.2, 0], 0.35)).toEqual([1]);
    expect(decideLabels([-0.4, -0.1, -2], [0, 0.2, 0], 0.25)).toEqual([]);
  });
});

describe('tuneFallbackGap', () => {
  it('opens the fallback when every row carries one label', () => {
    // Two labels, four rows; row i's gold label is the one with the higher margin, all below 0.
    const margins = [Float64Array.of(-0.2, -0.9, -0.1, -0.8), Float64Array.of(-0.9, -0.3, -0.7, -0.2)];
    const gold = [Uint8Array.of(1, 0, 1, 0), Uint8Array.of(0, 1, 0, 1)];
    expect(tuneFallbackGap(margins, gold, [0, 0], [0, 1, 2, 3])).toBe(0.5);
  });

  it('keeps it closed when rows without labels are common', () => {
    const margins = [Float64Array.of(-0.2, -0.1, -0.15, 0.5)];
    const gold = [Uint8Array.of(0, 0, 0, 1)];
    expect(tuneFallbackGap(margins, gold, [0], [0, 1, 2, 3])).toBeNull();
  });
});
