/**
 * One binary linear SVM (L2-regularized, squared hinge loss) trained by dual coordinate descent,
 * as liblinear's `-s 1` (Hsieh et al., 2008): no learning rate, converges in a few passes, and
 * class weights are per-example costs.
 */
import { shuffleInPlace } from './seeded-random.js';

/** A training row: a hashed TF-IDF vector, or its NB-scaled copy (Float64 values). */
export interface SvmRow {
  readonly index: Int32Array;
  readonly value: Float32Array | Float64Array;
}

export interface DualCdOptions {
  /** Cost of a positive example's loss (C × positive class weight). */
  costPositive: number;
  /** Cost of a negative example's loss. */
  costNegative: number;
  /** Stop when the projected-gradient spread falls below this. @defaultValue 0.1 */
  tolerance?: number;
  /** @defaultValue 50 */
  maxEpochs?: number;
  /** Per-example multiplier of the cost (e.g. collapsed duplicates). @defaultValue 1 for all */
  exampleWeights?: Float64Array;
  random: () => number;
}

/** Dot product of a dense weight vector with a sparse vector. */
export function sparseDot(w: Float64Array | Float32Array, x: SvmRow): number {
  let sum = 0;
  const { index, value } = x;
  for (let k = 0; k < index.length; k++) sum += (w[index[k] as number] as number) * (value[k] as number);
  return sum;
}

/**
 * Returns the weights (dimension `dimension`, bias included as a feature) separating examples
 * whose `positive[i]` is 1 from the others. `squaredNorms[i]` is ‖x_i‖², shared across labels.
 */
export function trainBinarySvm(
  xs: readonly SvmRow[],
  squaredNorms: Float64Array,
  positive: Uint8Array,
  dimension: number,
  options: DualCdOptions,
): Float64Array {
  const n = xs.length;
  const w = new Float64Array(dimension);
  const alpha = new Float64Array(n);
  const diag = new Float64Array(n);
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diag[i] = 0.5 / ((positive[i] ? options.costPositive : options.costNegative) * (options.exampleWeights?.[i] ?? 1));
    q[i] = (squaredNorms[i] as number) + (diag[i] as number);
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const tolerance = options.tolerance ?? 0.1;
  const maxEpochs = options.maxEpochs ?? 50;
  // Shrinking as in liblinear: an example at α = 0 whose gradient exceeds the last pass's largest
  // projected gradient is very likely to stay at 0, so it leaves the active set until the
  // stopping test passes on the rest; then every example is checked once more. Most negatives of
  // a rare label leave after one pass, which is where the time goes.
  let active = n;
  let maxPgOld = Number.POSITIVE_INFINITY;
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    shuffleInPlace(order.subarray(0, active), options.random);
    let maxPg = Number.NEGATIVE_INFINITY;
    let minPg = Number.POSITIVE_INFINITY;
    for (let o = 0; o < active; o++) {
      const i = order[o] as number;
      const x = xs[i] as SvmRow;
      const y = positive[i] ? 1 : -1;
      const a = alpha[i] as number;
      const g = y * sparseDot(w, x) - 1 + (diag[i] as number) * a;
      let pg = g;
      if (a === 0) {
        if (g > maxPgOld) {
          active--;
          order[o] = order[active] as number;
          order[active] = i;
          o--;
          continue;
        }
        pg = Math.min(g, 0);
      }
      if (pg > maxPg) maxPg = pg;
      if (pg < minPg) minPg = pg;
      if (Math.abs(pg) < 1e-12) continue;
      const next = Math.max(a - g / (q[i] as number), 0);
      const step = (next - a) * y;
      alpha[i] = next;
      const { index, value } = x;
      for (let k = 0; k < index.length; k++) {
        const c = index[k] as number;
        w[c] = (w[c] as number) + step * (value[k] as number);
      }
    }
    if (maxPg - minPg <= tolerance) {
      if (active === n) break;
      active = n;
      maxPgOld = Number.POSITIVE_INFINITY;
      continue;
    }
    maxPgOld = maxPg <= 0 ? Number.POSITIVE_INFINITY : maxPg;
  }
  return w;
}
