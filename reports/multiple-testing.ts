/**
 * Corrections for testing many themes at once: with twenty themes, one "significant" change in
 * twenty is expected by chance at the 5 % level, so raw p-values would cry wolf every quarter.
 */

/** Which correction to apply across themes. `holm` controls the family-wise error rate (the safer default); `bh` (Benjamini–Hochberg) the false discovery rate. */
export type Correction = 'holm' | 'bh';

/** Holm–Bonferroni adjusted p-values, in the input order (NaN entries stay NaN and are not counted). */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = validIndices(pValues).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const m = order.length;
  const adjusted = pValues.map(() => Number.NaN);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[index] as number)));
    adjusted[index] = running;
  });
  return adjusted;
}

/** Benjamini–Hochberg adjusted p-values (q-values), in the input order; NaN entries stay NaN. */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  const order = validIndices(pValues).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const m = order.length;
  const adjusted = pValues.map(() => Number.NaN);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank -= 1) {
    const index = order[rank] as number;
    running = Math.min(running, ((pValues[index] as number) * m) / (rank + 1));
    adjusted[index] = Math.min(1, running);
  }
  return adjusted;
}

/** Applies `correction` to `pValues`. */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  return correction === 'holm' ? holmAdjust(pValues) : benjaminiHochbergAdjust(pValues);
}

function validIndices(values: readonly number[]): number[] {
  return values.flatMap((v, i) => (Number.isNaN(v) ? [] : [i]));
}
