/**
 * From per-label margins to a label set: every label whose margin passes its threshold.
 */

/** Indices of the decided labels, in label order. */
export function decideLabels(margins: ArrayLike<number>, thresholds: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let l = 0; l < margins.length; l++) {
    if ((margins[l] as number) > (thresholds[l] as number)) out.push(l);
  }
  return out;
}
