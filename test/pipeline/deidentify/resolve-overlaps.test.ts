import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../../../pipeline/deidentify/resolve-overlaps.js';
import type { Span } from '../../../pipeline/deidentify/span.js';

describe('resolveOverlaps', () => {
  it('keeps the longest of overlapping spans', () => {
    const spans: Span[] = [
      { start: 9, end: 20, type: 'NOM' },
      { start: 0, end: 20, type: 'LIEU' },
    ];
    expect(resolveOverlaps(spans)).toEqual([{ start: 0, end: 20, type: 'LIEU' }]);
  });

  it('breaks a tie in length by specificity', () => {
    const spans: Span[] = [
      { start: 0, end: 15, type: 'ID' },
      { start: 0, end: 15, type: 'NIR' },
    ];
    expect(resolveOverlaps(spans)).toEqual([{ start: 0, end: 15, type: 'NIR' }]);
  });

  it('keeps disjoint spans, sorted by start, and drops empty ones', () => {
    const spans: Span[] = [
      { start: 10, end: 12, type: 'LIEU' },
      { start: 0, end: 5, type: 'NOM' },
      { start: 5, end: 5, type: 'ID' },
    ];
    expect(resolveOverlaps(spans).map((s) => s.start)).toEqual([0, 10]);
  });
});
