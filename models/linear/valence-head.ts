/**
 * Valence as a second one-vs-rest head over the same features: one class per valence seen in
 * training, the decision is the class with the largest margin. Trained only on rows that carry a
 * valence; a segment's valence comes from it, the record's from its segments (recordValence).
 */
import type { Valence } from '../../pipeline/record.js';
import { VALENCE_LABELS, type ValenceReport, valenceMetrics } from '../evaluation/valence-metrics.js';

/** The valence part of a trained head. */
export interface ValenceHeadModel {
  /** Classes, in VALENCE_LABELS order. */
  readonly labels: readonly Valence[];
  /** Row-major: class × dimension. */
  readonly weights: Float32Array;
}

/** Out-of-fold figures of the valence head, on the rows that carry a valence. */
export interface ValenceCrossValidation {
  readonly report: ValenceReport;
  readonly rows: number;
}

/** The classes present among `valences`, in VALENCE_LABELS order; fewer than 2: no head. */
export function valenceClasses(valences: readonly (Valence | undefined)[]): Valence[] {
  const seen = new Set(valences.filter((v) => v !== undefined));
  return VALENCE_LABELS.filter((v) => seen.has(v));
}

/** One 0/1 target per class over the examples (rows without valence are 0 everywhere). */
export function valenceTargets(valences: readonly (Valence | undefined)[], classes: readonly Valence[]): Uint8Array[] {
  return classes.map((c) => Uint8Array.from(valences, (v) => (v === c ? 1 : 0)));
}

/** The class with the largest margin (ties: the first in class order). */
export function decideValence(margins: ArrayLike<number>, classes: readonly Valence[]): Valence {
  let best = 0;
  for (let k = 1; k < classes.length; k++) if ((margins[k] as number) > (margins[best] as number)) best = k;
  return classes[best] as Valence;
}

/**
 * A score in [-1, 1] for `valenceScore`: P(positive) − P(negative) under a softmax of the margins
 * (`slope` as the themes' score curve).
 */
export function valenceScoreOf(margins: ArrayLike<number>, classes: readonly Valence[], slope: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < classes.length; k++) max = Math.max(max, margins[k] as number);
  let total = 0;
  let positive = 0;
  let negative = 0;
  for (let k = 0; k < classes.length; k++) {
    const e = Math.exp(slope * ((margins[k] as number) - max));
    total += e;
    if (classes[k] === 'positive') positive += e;
    if (classes[k] === 'negative') negative += e;
  }
  return total > 0 ? Math.max(-1, Math.min(1, (positive - negative) / total)) : 0;
}

/** Scores out-of-fold decisions against gold, on the given rows only. */
export function valenceCrossValidation(
  gold: readonly (Valence | undefined)[],
  predicted: readonly (Valence | undefined)[],
): ValenceCrossValidation {
  const rows = [...gold.keys()].filter((i) => gold[i] !== undefined && predicted[i] !== undefined);
  const report = valenceMetrics(
    rows.map((i) => gold[i] as Valence),
    rows.map((i) => predicted[i] as Valence),
  );
  return { report, rows: rows.length };
}
