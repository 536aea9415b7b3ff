/**
 * The shared design matrix of a head (hashed TF-IDF rows, loss weights, squared norms) and the
 * one-vs-rest training over it: theme labels and valence classes are both trained here, on the
 * same rows, so that they cost one featurization.
 */
import { type SvmRow, trainBinarySvm } from './dual-cd.js';
import type { SparseVector, Vocabulary } from './hash-features.js';
import { seededRandom } from './seeded-random.js';

/** What one-vs-rest training needs. */
export interface OvrSettings {
  readonly cost: number;
  readonly classWeight: 'balanced' | 'sqrt' | 'none';
  readonly seed: number;
  readonly maxEpochs: number;
  /** NB-SVM: 1 scales each text column by its log-count ratio for the label; 0 leaves it. */
  readonly nbScale?: number;
}

/**
 * Log-count ratios of the text columns (Wang & Manning, 2012) over binarized rows, with the
 * non-text columns (bias, prompt, lexical, from `textColumns` on) kept at 1.
 */
function logCountRatios(
  xs: readonly SparseVector[],
  positive: Uint8Array,
  dimension: number,
  textColumns: number,
  strength: number,
): Float64Array {
  const p = new Float64Array(dimension).fill(1);
  const q = new Float64Array(dimension).fill(1);
  let pSum = dimension;
  let qSum = dimension;
  xs.forEach((x, i) => {
    const target = positive[i] ? p : q;
    for (const c of x.index) target[c] = (target[c] as number) + 1;
    if (positive[i]) pSum += x.index.length;
    else qSum += x.index.length;
  });
  const r = new Float64Array(dimension);
  for (let c = 0; c < dimension; c++) {
    r[c] =
      c < textColumns ? 1 - strength + strength * Math.log((p[c] as number) / pSum / ((q[c] as number) / qSum)) : 1;
  }
  return r;
}

/**
 * Views of `xs` (same column indices) whose values live in one Float64 buffer, refilled with
 * r ∘ x for each label by `fill`, which returns ‖r ∘ x‖² of each row.
 */
function scaledRows(xs: readonly SparseVector[]): {
  rows: SvmRow[];
  fill(from: readonly SparseVector[], r: Float64Array): Float64Array;
} {
  const buffer = new Float64Array(xs.reduce((n, x) => n + x.index.length, 0));
  let offset = 0;
  const rows = xs.map((x) => {
    const row = { index: x.index, value: buffer.subarray(offset, offset + x.index.length) };
    offset += x.index.length;
    return row;
  });
  return {
    rows,
    fill(from, r) {
      const norms = new Float64Array(from.length);
      let o = 0;
      from.forEach(({ index, value }, i) => {
        let sum = 0;
        for (let k = 0; k < index.length; k++) {
          const v = (value[k] as number) * (r[index[k] as number] as number);
          buffer[o++] = v;
          sum += v * v;
        }
        norms[i] = sum;
      });
      return norms;
    },
  };
}

/** Rows of a head's training set. */
export interface Design {
  readonly xs: SparseVector[];
  /** Loss weight of each example (collapsed duplicates weigh more). */
  weights: Float64Array;
  readonly norms: Float64Array;
  readonly dimension: number;
  readonly vocabulary: Vocabulary;
}

function classCosts(settings: OvrSettings, n: number, positives: number): { pos: number; neg: number } {
  const negatives = n - positives;
  if (settings.classWeight === 'none' || positives === 0 || negatives === 0) {
    return { pos: settings.cost, neg: settings.cost };
  }
  const power = settings.classWeight === 'balanced' ? 1 : 0.5;
  return {
    pos: settings.cost * (n / (2 * positives)) ** power,
    neg: settings.cost * (n / (2 * negatives)) ** power,
  };
}

/**
 * Trains one SVM per target on the rows `rows`; returns label-major weights. `seedOffset` keeps
 * the valence classes' shuffles apart from the themes'.
 */
export function trainOneVsRest(
  design: Design,
  targets: readonly Uint8Array[],
  rows: Int32Array,
  settings: OvrSettings,
  seedOffset = 0,
): Float32Array {
  const xs = Array.from(rows, (i) => design.xs[i] as SparseVector);
  const norms = Float64Array.from(rows, (i) => design.norms[i] as number);
  const exampleWeights = Float64Array.from(rows, (i) => design.weights[i] as number);
  const weights = new Float32Array(targets.length * design.dimension);
  const scaled = settings.nbScale ? scaledRows(xs) : null;
  targets.forEach((target, label) => {
    const positive = Uint8Array.from(rows, (i) => target[i] as number);
    const count = positive.reduce((s, v) => s + v, 0);
    const { pos, neg } = classCosts(settings, rows.length, count);
    const random = seededRandom(settings.seed * 7919 + label + seedOffset);
    const nb = settings.nbScale
      ? logCountRatios(xs, positive, design.dimension, design.vocabulary.buckets.length, settings.nbScale)
      : null;
    // NB-SVM trains on r ∘ x: the label's scaled values are written into one reused buffer, so
    // coordinate descent reads two arrays per term instead of three, and nothing is allocated.
    const rowNorms = scaled && nb ? scaled.fill(xs, nb) : norms;
    const w = trainBinarySvm(scaled?.rows ?? xs, rowNorms, positive, design.dimension, {
      costPositive: pos,
      costNegative: neg,
      maxEpochs: settings.maxEpochs,
      exampleWeights,
      random,
    });
    // Folding r into w: (w ∘ r) · x = w · (r ∘ x), so prediction is unchanged.
    if (nb) for (let c = 0; c < w.length; c++) w[c] = (w[c] as number) * (nb[c] as number);
    weights.set(w, label * design.dimension);
  });
  return weights;
}

/** Margins of one vector for every label. */
export function labelMargins(weights: Float32Array, dimension: number, labels: number, x: SparseVector): Float64Array {
  const out = new Float64Array(labels);
  for (let l = 0; l < labels; l++) {
    const offset = l * dimension;
    let sum = 0;
    for (let k = 0; k < x.index.length; k++) {
      sum += (weights[offset + (x.index[k] as number)] as number) * (x.value[k] as number);
    }
    out[l] = sum;
  }
  return out;
}
