/**
 * Accuracy, per-label F1, macro-F1 and the confusion table for valence (a single label per item).
 */
import type { Valence } from '../../pipeline/record.js';
import { prf } from './multilabel-metrics.js';

/** Label order of reports and confusion tables. */
export const VALENCE_LABELS: readonly Valence[] = ['positive', 'negative', 'mixed', 'neutral'];

export interface ValenceLabelScores {
  readonly label: Valence;
  readonly support: number;
  readonly predicted: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ValenceReport {
  readonly accuracy: number;
  /** Mean F1 over the labels present in the gold or the predictions (same rule as themes). */
  readonly macroF1: number;
  readonly perLabel: readonly ValenceLabelScores[];
  /** `confusion[gold][predicted]` = count. */
  readonly confusion: Readonly<Record<Valence, Readonly<Record<Valence, number>>>>;
  readonly items: number;
}

/** Scores predicted valences against gold, item by item. */
export function valenceMetrics(gold: readonly Valence[], predicted: readonly Valence[]): ValenceReport {
  if (gold.length !== predicted.length) {
    throw new RangeError(`gold has ${gold.length} items but predictions have ${predicted.length}`);
  }
  const confusion = Object.fromEntries(
    VALENCE_LABELS.map((g) => [g, Object.fromEntries(VALENCE_LABELS.map((p) => [p, 0]))]),
  ) as Record<Valence, Record<Valence, number>>;
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] as Valence;
    confusion[g][p]++;
    if (g === p) correct++;
  });
  const perLabel = VALENCE_LABELS.map((label): ValenceLabelScores => {
    const tp = confusion[label][label];
    const support = VALENCE_LABELS.reduce((a, p) => a + confusion[label][p], 0);
    const predictedCount = VALENCE_LABELS.reduce((a, g) => a + confusion[g][label], 0);
    return { label, support, predicted: predictedCount, ...prf(tp, predictedCount - tp, support - tp) };
  });
  const used = perLabel.filter((s) => s.support > 0 || s.predicted > 0);
  return {
    accuracy: gold.length === 0 ? 0 : correct / gold.length,
    macroF1: used.length === 0 ? 0 : used.reduce((a, s) => a + s.f1, 0) / used.length,
    perLabel,
    confusion,
    items: gold.length,
  };
}
