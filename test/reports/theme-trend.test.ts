import { describe, expect, it } from 'vitest';
import { compareThemes, median, priorityMatrix, TREND_WORDS } from '../../reports/index.js';

describe('compareThemes', () => {
  const previous = {
    records: 1000,
    comments: new Map([
      ['a', 200],
      ['b', 100],
      ['c', 50],
      ['d', 2],
    ]),
  };
  const current = {
    records: 1000,
    comments: new Map([
      ['a', 120],
      ['b', 110],
      ['c', 80],
      ['e', 3],
    ]),
  };

  it('says which changes are more than noise, in words', () => {
    const byTheme = new Map(compareThemes(current, previous).map((t) => [t.theme, t]));
    expect(byTheme.get('a')?.verdict).toBe('baisse');
    expect(byTheme.get('b')?.verdict).toBe('stable');
    // 50 → 80 of 1000: p ≈ 0.006 raw; Holm over 3 valid tests still below 0.05.
    expect(byTheme.get('c')?.verdict).toBe('hausse');
    expect(byTheme.get('d')?.verdict).toBe('non_testable');
    expect(byTheme.get('e')).toMatchObject({ verdict: 'non_testable', previousComments: 0, currentComments: 3 });
    expect(TREND_WORDS.stable).toBe('variation compatible avec le hasard');
    expect(TREND_WORDS.hausse).toBe('hausse significative');
  });

  it('is less strict with Benjamini–Hochberg than with Holm', () => {
    const holm = compareThemes(current, previous, { correction: 'holm' });
    const bh = compareThemes(current, previous, { correction: 'bh' });
    for (const [i, t] of holm.entries()) {
      if (!Number.isNaN(t.adjustedPValue)) expect(bh[i]?.adjustedPValue).toBeLessThanOrEqual(t.adjustedPValue);
    }
  });

  it('returns nothing when a run has no comment', () => {
    expect(compareThemes({ records: 0, comments: new Map() }, previous)).toEqual([]);
  });
});

describe('priorityMatrix', () => {
  it('uses the median frequency and 50 % negative, or the median of both', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const themes = [
      { id: 'a', comments: 50, frequency: 0.5, negativeShare: 0.6 },
      { id: 'b', comments: 30, frequency: 0.3, negativeShare: 0.2 },
      { id: 'c', comments: 10, frequency: 0.1, negativeShare: 0.9 },
      { id: 'd', comments: 5, frequency: 0.05, negativeShare: 0.1 },
      { id: 'e', comments: 0, frequency: 0, negativeShare: 0 },
    ];
    const fixed = priorityMatrix(themes);
    expect(fixed.frequencyThreshold).toBeCloseTo(0.2, 12);
    expect(Object.fromEntries(fixed.quadrants)).toEqual({
      a: 'axes_prioritaires',
      b: 'points_forts',
      c: 'signaux_faibles',
      d: 'bonnes_pratiques',
    });
    const relative = priorityMatrix(themes, { negativeThreshold: 'median' });
    expect(relative.negativeThreshold).toBeCloseTo(0.4, 12);
    expect(relative.negativeRule).toBe('median');
  });
});
