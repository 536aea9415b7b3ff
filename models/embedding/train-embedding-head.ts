/**
 * Trains the embedding head: one-vs-rest L2-regularized logistic regression on dense features
 * (sentence embedding plus codebook-prototype similarities), class-weighted like the linear
 * head, full-batch Adam (deterministic, no sampling). The linear trainer works on sparse hashed
 * n-grams, so this is the dense counterpart; it reuses its folds (identical texts in one fold),
 * threshold tuning and metrics so that both heads report comparable cross-validated figures.
 */
import { z } from 'zod';
import { type MultilabelReport, multilabelMetrics } from '../evaluation/multilabel-metrics.js';
import { assignGroupFolds, tuneThreshold } from '../linear/index.js';

export const EmbeddingTrainSettingsSchema = z.object({
  /** L2 penalty on the weights (not the bias), per example. @defaultValue 0.001 */
  l2: z.number().nonnegative().default(0.001),
  /** Full-batch Adam steps. @defaultValue 200 */
  epochs: z.number().int().positive().default(200),
  /** Adam step size. @defaultValue 0.05 */
  learningRate: z.number().positive().default(0.05),
  /** As the linear head: `balanced`, its square root `sqrt`, or `none`. @defaultValue 'sqrt' */
  classWeight: z.enum(['balanced', 'sqrt', 'none']).default('sqrt'),
  /** @defaultValue 5 */
  folds: z.number().int().min(2).max(20).default(5),
  /** @defaultValue 1 */
  seed: z.number().int().default(1),
  /** Multiplier of the prototype similarities in the features (0 leaves them out). @defaultValue 1 */
  prototypeWeight: z.number().nonnegative().default(1),
});
export type EmbeddingTrainSettings = z.infer<typeof EmbeddingTrainSettingsSchema>;

/** A trained embedding head in memory. */
export interface EmbeddingHeadModel {
  readonly labels: readonly string[];
  /** Features per example (embedding + prototypes). */
  readonly featureDimension: number;
  /** Row-major label × (featureDimension + 1); the last column is the bias. */
  readonly weights: Float32Array;
  /** Log-odds cut above which a label is predicted. */
  readonly thresholds: Float32Array;
}

export interface EmbeddingCrossValidation {
  readonly folds: number;
  readonly report: MultilabelReport;
  readonly predicted: readonly (readonly string[])[];
}

/** Log-odds of every label for one feature vector. */
export function embeddingMargins(model: EmbeddingHeadModel, x: ArrayLike<number>): Float64Array {
  const stride = model.featureDimension + 1;
  const out = new Float64Array(model.labels.length);
  for (let l = 0; l < model.labels.length; l++) {
    const o = l * stride;
    let z = model.weights[o + model.featureDimension] as number;
    for (let d = 0; d < model.featureDimension; d++) z += (model.weights[o + d] as number) * (x[d] as number);
    out[l] = z;
  }
  return out;
}

function classCosts(kind: EmbeddingTrainSettings['classWeight'], n: number, positives: number) {
  const negatives = n - positives;
  if (kind === 'none' || positives === 0 || negatives === 0) return { pos: 1, neg: 1 };
  const power = kind === 'balanced' ? 1 : 0.5;
  return { pos: (n / (2 * positives)) ** power, neg: (n / (2 * negatives)) ** power };
}

/** Fits one label on `rows`; returns featureDimension weights then the bias. */
function fitLabel(
  xs: readonly Float32Array[],
  target: Uint8Array,
  rows: Int32Array,
  dim: number,
  settings: EmbeddingTrainSettings,
): Float64Array {
  const w = new Float64Array(dim + 1);
  const m = new Float64Array(dim + 1);
  const v = new Float64Array(dim + 1);
  const grad = new Float64Array(dim + 1);
  let positives = 0;
  for (const i of rows) positives += target[i] as number;
  const { pos, neg } = classCosts(settings.classWeight, rows.length, positives);
  const totalWeight = positives * pos + (rows.length - positives) * neg;
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let t = 1; t <= settings.epochs; t++) {
    grad.fill(0);
    for (const i of rows) {
      const x = xs[i] as Float32Array;
      let z = w[dim] as number;
      for (let d = 0; d < dim; d++) z += (w[d] as number) * (x[d] as number);
      const y = target[i] as number;
      const g = ((y ? pos : neg) * (1 / (1 + Math.exp(-z)) - y)) / totalWeight;
      for (let d = 0; d < dim; d++) grad[d] = (grad[d] as number) + g * (x[d] as number);
      grad[dim] = (grad[dim] as number) + g;
    }
    for (let d = 0; d < dim; d++) grad[d] = (grad[d] as number) + settings.l2 * (w[d] as number);
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    for (let d = 0; d <= dim; d++) {
      const g = grad[d] as number;
      m[d] = beta1 * (m[d] as number) + (1 - beta1) * g;
      v[d] = beta2 * (v[d] as number) + (1 - beta2) * g * g;
      w[d] =
        (w[d] as number) -
        (settings.learningRate * ((m[d] as number) / c1)) / (Math.sqrt((v[d] as number) / c2) + 1e-8);
    }
  }
  return w;
}

function fitAll(
  xs: readonly Float32Array[],
  targets: readonly Uint8Array[],
  rows: Int32Array,
  dim: number,
  settings: EmbeddingTrainSettings,
) {
  const weights = new Float32Array(targets.length * (dim + 1));
  targets.forEach((target, l) => {
    weights.set(fitLabel(xs, target, rows, dim, settings), l * (dim + 1));
  });
  return weights;
}

/**
 * Cross-validates then trains on everything. `texts` only group identical texts into one fold;
 * `gold[i]` are example i's labels (those outside `labels` are ignored).
 */
export function trainEmbeddingHead(
  xs: readonly Float32Array[],
  texts: readonly string[],
  gold: readonly (readonly string[])[],
  labels: readonly string[],
  settings: EmbeddingTrainSettings,
): { model: EmbeddingHeadModel; crossValidation: EmbeddingCrossValidation } {
  const n = xs.length;
  const dim = xs[0]?.length ?? 0;
  const index = new Map(labels.map((l, i) => [l, i]));
  const targets = labels.map(() => new Uint8Array(n));
  gold.forEach((set, i) => {
    for (const label of set) {
      const l = index.get(label);
      if (l !== undefined) (targets[l] as Uint8Array)[i] = 1;
    }
  });
  const fold = assignGroupFolds(texts, settings.folds, settings.seed);
  const oof = labels.map(() => new Float64Array(n));
  for (let f = 0; f < settings.folds; f++) {
    const trainRows = Int32Array.from(xs.keys()).filter((i) => fold[i] !== f);
    const testRows = Int32Array.from(xs.keys()).filter((i) => fold[i] === f);
    if (trainRows.length === 0 || testRows.length === 0) continue;
    const model = {
      labels,
      featureDimension: dim,
      weights: fitAll(xs, targets, trainRows, dim, settings),
      thresholds: new Float32Array(labels.length),
    };
    for (const i of testRows) {
      embeddingMargins(model, xs[i] as Float32Array).forEach((m, l) => {
        (oof[l] as Float64Array)[i] = m;
      });
    }
  }
  // Each fold judged with thresholds tuned on the other folds' out-of-fold margins.
  const predicted: string[][] = xs.map(() => []);
  for (let f = 0; f < settings.folds; f++) {
    const others = Int32Array.from(xs.keys()).filter((i) => fold[i] !== f);
    const cuts = labels.map((_, l) =>
      tuneThreshold(
        Float64Array.from(others, (i) => (oof[l] as Float64Array)[i] as number),
        Uint8Array.from(others, (i) => (targets[l] as Uint8Array)[i] as number),
      ),
    );
    for (let i = 0; i < n; i++) {
      if (fold[i] !== f) continue;
      predicted[i] = labels.filter((_, l) => ((oof[l] as Float64Array)[i] as number) > (cuts[l] as number));
    }
  }
  const report = multilabelMetrics(
    gold.map((set) => set.filter((l) => index.has(l))),
    predicted,
    labels,
  );
  const thresholds = Float32Array.from(labels, (_, l) =>
    tuneThreshold(oof[l] as Float64Array, targets[l] as Uint8Array),
  );
  const weights = fitAll(xs, targets, Int32Array.from(xs.keys()), dim, settings);
  return {
    model: { labels: [...labels], featureDimension: dim, weights, thresholds },
    crossValidation: { folds: settings.folds, report, predicted },
  };
}
