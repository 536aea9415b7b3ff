import { describe, expect, it } from 'vitest';
import { MAX_THRESHOLD_SHIFT, tuneThreshold, UNTUNED_THRESHOLD } from '../../../models/linear/tune-threshold.js';

describe('tuneThreshold', () => {
  it('cuts between the scores that give the best F1', () => {
    const scores = [0.5, 0.4, 0.3, 0.1, -0.2, -0.3, -0.4, -0.5, -0.6];
    const gold = [1, 1, 1, 0, 1, 1, 0, 0, 0];
    // Top 3: F1 = 6/8; top 5: 8/10; top 6: 10/11 — the cut goes between -0.3 and -0.4.
    expect(tuneThreshold(scores, gold)).toBeCloseTo(-0.35, 10);
  });

  it('keeps the SVM boundary when there are too few positives', () => {
    expect(tuneThreshold([0.9, -0.8, -0.9], [1, 0, 0])).toBe(UNTUNED_THRESHOLD);
    expect(tuneThreshold([0.1, 0.2], [0, 0])).toBe(UNTUNED_THRESHOLD);
  });

  it('never moves the cut further than MAX_THRESHOLD_SHIFT', () => {
    const scores = [-1.5, -1.6, -1.7, -1.8, -1.9, -3, -3.1];
    const gold = [1, 1, 1, 1, 1, 0, 0];
    expect(tuneThreshold(scores, gold)).toBe(-MAX_THRESHOLD_SHIFT);
  });
});
