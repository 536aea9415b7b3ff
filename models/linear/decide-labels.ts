/**
 * From per-label margins to a label set: every label whose margin passes its threshold, and,
 * when none does, the single closest label if it misses by less than `fallbackGap` ("at least
 * one label": a comment box answer nearly always carries one theme; the gap is tuned on
 * out-of-fold margins, so a corpus where empty sets are common keeps them).
 */

/** Indices of the decided labels, in label order. `fallbackGap` null: no fallback. */
export function decideLabels(
  margins: ArrayLike<number>,
  thresholds: ArrayLike<number>,
  fallbackGap: number | null = null,
): number[] {
  const out: number[] = [];
  let best = -1;
  let bestGap = Number.NEGATIVE_INFINITY;
  for (let l = 0; l < margins.length; l++) {
    const gap = (margins[l] as number) - (thresholds[l] as number);
    if (gap > 0) out.push(l);
    if (gap > bestGap) {
      bestGap = gap;
      best = l;
    }
  }
  if (out.length === 0 && fallbackGap !== null && best >= 0 && bestGap > -fallbackGap) out.push(best);
  return out;
}

/** Gaps tried by `tuneFallbackGap`; null (never) first, so that ties keep the plain rule. */
export const FALLBACK_GAPS: readonly (number | null)[] = [null, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 1000];

/**
 * The fallback gap that maximizes micro-F1 over the given rows' margins (`margins[l][i]`) and
 * gold (`gold[l][i]` = 1), with `thresholds` already fixed.
 */
export function tuneFallbackGap(
  margins: readonly ArrayLike<number>[],
  gold: readonly ArrayLike<number>[],
  thresholds: ArrayLike<number>,
  rows: ArrayLike<number>,
): number | null {
  const labels = margins.length;
  let best: number | null = null;
  let bestF1 = -1;
  const row = new Float64Array(labels);
  for (const gap of FALLBACK_GAPS) {
    let tp = 0;
    let predicted = 0;
    let positives = 0;
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r] as number;
      for (let l = 0; l < labels; l++) {
        row[l] = (margins[l] as ArrayLike<number>)[i] as number;
        positives += (gold[l] as ArrayLike<number>)[i] ? 1 : 0;
      }
      for (const l of decideLabels(row, thresholds, gap)) {
        predicted++;
        if ((gold[l] as ArrayLike<number>)[i]) tp++;
      }
    }
    const f1 = predicted + positives === 0 ? 0 : (2 * tp) / (predicted + positives);
    if (f1 > bestF1 + 1e-9) {
      bestF1 = f1;
      best = gap;
    }
  }
  return best;
}
