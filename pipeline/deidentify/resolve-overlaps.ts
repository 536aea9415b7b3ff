import type { PiiType } from '../record.js';
import type { Span } from './span.js';

/**
 * When two detectors claim overlapping text, the more specific kind wins a tie: a checked NIR
 * beats a digit run (ID), an e-mail beats the name inside it, a phone beats a long number.
 */
const SPECIFICITY: Readonly<Record<PiiType, number>> = Object.freeze({
  NIR: 7,
  EMAIL: 6,
  TEL: 5,
  DATE: 4,
  ID: 3,
  LIEU: 2,
  NOM: 1,
});

/**
 * Keeps a set of non-overlapping spans: the longest first, then the most specific; returns
 * them sorted by start. The whole of "12 rue Victor Hugo" (LIEU) wins over "Victor Hugo" (NOM).
 */
export function resolveOverlaps(spans: readonly Span[]): Span[] {
  const ranked = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || SPECIFICITY[b.type] - SPECIFICITY[a.type] || a.start - b.start,
  );
  const kept: Span[] = [];
  for (const span of ranked) {
    if (span.end <= span.start) continue;
    if (kept.every((other) => span.end <= other.start || other.end <= span.start)) kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}
