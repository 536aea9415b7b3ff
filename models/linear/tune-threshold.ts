/**
 * Per-label decision thresholds: the margin cut that maximizes F1 on out-of-fold scores.
 */

/** The SVM's own decision boundary, used when a label has too few positives to tune on. */
export const UNTUNED_THRESHOLD = 0;

/** Fewer positives than this: keep UNTUNED_THRESHOLD (a cut tuned on 1–2 examples is noise). */
export const MIN_TUNING_POSITIVES = 5;

/** Tuned cuts stay within ±this of the boundary, so one odd fold cannot open the floodgates. */
export const MAX_THRESHOLD_SHIFT = 0.6;

/**
 * Returns the cut between two sorted scores that gives the best F1 for `gold` (1 = positive);
 * ties go to the cut closest to `UNTUNED_THRESHOLD`.
 */
export function tuneThreshold(
  scores: ArrayLike<number>,
  gold: ArrayLike<number>,
  maxShift: number = MAX_THRESHOLD_SHIFT,
): number {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += gold[i] ? 1 : 0;
  if (positives < MIN_TUNING_POSITIVES) return UNTUNED_THRESHOLD;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let tp = 0;
  let bestF1 = -1;
  let best = UNTUNED_THRESHOLD;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    if (gold[i]) tp++;
    const here = scores[i] as number;
    const next = k + 1 < n ? (scores[order[k + 1] as number] as number) : here - 1;
    // Only cut between distinct scores.
    if (next === here) continue;
    const predicted = k + 1;
    const f1 = (2 * tp) / (predicted + positives);
    const cut = Math.min(maxShift, Math.max(-maxShift, (here + next) / 2));
    if (f1 > bestF1 + 1e-12 || (Math.abs(f1 - bestF1) <= 1e-12 && Math.abs(cut) < Math.abs(best))) {
      bestF1 = f1;
      best = cut;
    }
  }
  return best;
}
