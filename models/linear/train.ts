/**
 * Trains a one-vs-rest linear head: hashed TF-IDF features (plus prompt and codebook-rule
 * features), one class-weighted linear SVM per label, per-label thresholds tuned on k-fold
 * out-of-fold margins (identical texts kept in one fold). Deterministic for a seed.
 */
import { z } from 'zod';
import type { PromptKind, Valence } from '../../pipeline/record.js';
import { type MultilabelReport, multilabelMetrics } from '../evaluation/multilabel-metrics.js';
import { collapseDuplicates } from './collapse-duplicates.js';
import { decideLabels, tuneFallbackGap } from './decide-labels.js';
import { assignGroupFolds } from './group-folds.js';
import {
  createTermCounter,
  createVectorizer,
  FeatureSettingsSchema,
  fitVocabulary,
  type SparseVector,
  type TermCounts,
  type Vocabulary,
} from './hash-features.js';
import { type Design, labelMargins, trainOneVsRest } from './one-vs-rest.js';
import { tuneThreshold } from './tune-threshold.js';
import {
  decideValence,
  type ValenceCrossValidation,
  type ValenceHeadModel,
  valenceClasses,
  valenceCrossValidation,
  valenceTargets,
} from './valence-head.js';

/** Keeps the valence classes' shuffles apart from the themes'. */
const VALENCE_SEED_OFFSET = 104_729;

export const TrainSettingsSchema = z.object({
  features: FeatureSettingsSchema.default(FeatureSettingsSchema.parse({})),
  /** SVM cost C (inverse regularization). @defaultValue 0.5 */
  cost: z.number().positive().default(0.5),
  /** `balanced`: n / (2·n_class); `sqrt`: its square root; `none`. @defaultValue 'sqrt' */
  classWeight: z.enum(['balanced', 'sqrt', 'none']).default('sqrt'),
  /** Folds of the cross-validation that tunes thresholds and measures the head. @defaultValue 5 */
  folds: z.number().int().min(2).max(20).default(5),
  /** @defaultValue 1 */
  seed: z.number().int().default(1),
  /** `collapse`: one weighted example per distinct text (collapse-duplicates.ts); `keep`. @defaultValue 'collapse' */
  duplicates: z.enum(['collapse', 'keep']).default('collapse'),
  /** Passes of coordinate descent at most. @defaultValue 30 */
  maxEpochs: z.number().int().positive().default(10),
  /** Loss weight of a weakly labelled example relative to a gold one. @defaultValue 0.5 */
  weakWeight: z.number().positive().max(1).default(0.5),
  /** Tuned thresholds stay within ±this of the SVM boundary (tune-threshold.ts). @defaultValue 0.6 */
  maxThresholdShift: z.number().positive().default(0.6),
  /** Tune an "at least one label" fallback on out-of-fold margins (decide-labels.ts). @defaultValue true */
  atLeastOne: z.boolean().default(true),
  /**
   * NB-SVM log-count-ratio scaling strength (one-vs-rest.ts); 0: off. 0.5 measured best on the
   * FFT file (bench/fft.ts) and no worse on the French held-out corpus. @defaultValue 0.5
   */
  nbScale: z.number().min(0).max(1).default(0.5),
  /**
   * Where the saved weights come from. `refit`: a training on every row. `foldAverage`: the mean
   * of the cross-validation's fold models — the very models whose out-of-fold margins the
   * thresholds were tuned on (a refit on more rows has larger margins, so those thresholds let
   * through more false positives) — at no extra training. `both`: the mean of the two.
   * @defaultValue 'foldAverage'
   */
  finalModel: z.enum(['refit', 'foldAverage', 'both']).default('foldAverage'),
  /**
   * With `foldAverage`: labels with fewer positive rows than this are refitted on every row
   * instead. A fold model of a label with a dozen positives has seen only two thirds of them,
   * and the mean of such models misses most of the rest (recall collapses). @defaultValue 40
   */
  refitBelow: z.number().int().min(0).default(40),
});
export type TrainSettings = z.infer<typeof TrainSettingsSchema>;

/** One labelled text. */
export interface TrainingExample {
  readonly text: string;
  readonly prompt: PromptKind;
  readonly labels: readonly string[];
  /** Gold valence of the text, when the training file has one. */
  readonly valence?: Valence | undefined;
  /**
   * Labelled by the codebook rules, not by a person (weak supervision): trained on with
   * `weakWeight`, never used to tune thresholds nor counted in the cross-validated figures.
   */
  readonly weak?: boolean | undefined;
}

/** Scores of the codebook rules per label, in [0, 1], or none. */
export type LexicalFeatures = (text: string, prompt: PromptKind) => ArrayLike<number>;

/** A trained head in memory; `head-file.ts` serializes it. */
export interface LinearHeadModel {
  readonly labels: readonly string[];
  readonly settings: TrainSettings;
  readonly vocabulary: Vocabulary;
  /** Whether the last `labels.length` columns are codebook-rule scores. */
  readonly lexicalFeatures: boolean;
  /** Row-major: label × dimension. */
  readonly weights: Float32Array;
  readonly dimension: number;
  /** Margin above which each label is predicted. */
  readonly thresholds: Float32Array;
  /** "At least one label" gap (decide-labels.ts); null: a text may get no label. */
  readonly fallbackGap: number | null;
  /** Valence classes over the same features; null when the training set had no valence. */
  readonly valence: ValenceHeadModel | null;
}

/** What cross-validation measured, with thresholds tuned on the other folds only. */
export interface CrossValidation {
  readonly folds: number;
  readonly report: MultilabelReport;
  /** Out-of-fold predicted labels of each example, in input order. */
  readonly predicted: readonly (readonly string[])[];
  /** Out-of-fold valence figures, on the examples that carry a valence; null without. */
  readonly valence: ValenceCrossValidation | null;
}

export interface TrainedLinearHead {
  readonly model: LinearHeadModel;
  readonly crossValidation: CrossValidation;
}

function buildDesign(
  examples: readonly TrainingExample[],
  counts: readonly TermCounts[],
  lexical: readonly ArrayLike<number>[] | null,
  labels: number,
  settings: TrainSettings,
): Design {
  const vocabulary = fitVocabulary(counts);
  const { dimension, vectorize } = createVectorizer(vocabulary, settings.features, lexical ? labels : 0);
  const xs = examples.map((e, i) =>
    vectorize({ counts: counts[i] as TermCounts, prompt: e.prompt, lexical: lexical?.[i] ?? [] }),
  );
  const norms = Float64Array.from(xs, (x) => x.value.reduce((s, v) => s + v * v, 0));
  return { xs, norms, dimension, vocabulary, weights: new Float64Array(xs.length).fill(1) };
}

/**
 * The saved weights: the refit alone, the fold models' mean alone, or the mean of the two
 * (`finalModel`). At least one of `foldSum` and `refit` is given; `foldSum` is reused.
 */
function finalWeights(foldSum: Float32Array | null, folds: number, refit: (() => Float32Array) | null): Float32Array {
  const refitted = refit ? refit() : null;
  if (!foldSum) return refitted as Float32Array;
  scaleInPlace(foldSum, 1 / Math.max(1, folds));
  if (!refitted) return foldSum;
  addInto(foldSum, refitted);
  return scaleInPlace(foldSum, 0.5);
}

/**
 * Replaces, in label-major `weights`, the rows of the labels with fewer than `refitBelow`
 * positives by a refit on `rows` (rare labels train fast: few support vectors).
 */
function refitRareLabels(
  weights: Float32Array,
  design: Design,
  targets: readonly Uint8Array[],
  rows: Int32Array,
  settings: TrainSettings,
): void {
  targets.forEach((target, l) => {
    if (target.reduce((s, v) => s + v, 0) >= settings.refitBelow) return;
    // One label at a time, offset by its index: the same shuffle, so the same row, as a full refit.
    weights.set(trainOneVsRest(design, [target], rows, settings, l), l * design.dimension);
  });
}

function addInto(sum: Float32Array, weights: Float32Array): void {
  for (let c = 0; c < sum.length; c++) sum[c] = (sum[c] as number) + (weights[c] as number);
}

function scaleInPlace(weights: Float32Array, factor: number): Float32Array {
  for (let c = 0; c < weights.length; c++) weights[c] = (weights[c] as number) * factor;
  return weights;
}

/** Margins of one vector for every label (one-vs-rest.ts). */
export { labelMargins } from './one-vs-rest.js';

/**
 * Trains the head on every example after `folds`-fold cross-validation. `labels` fixes the label
 * order (e.g. the codebook's themes); examples' labels outside it are ignored.
 */
export function trainLinearHead(
  given: readonly TrainingExample[],
  labels: readonly string[],
  settings: TrainSettings,
  lexicalFeatures?: LexicalFeatures,
): TrainedLinearHead {
  const collapsed = settings.duplicates === 'collapse' ? collapseDuplicates(given) : null;
  const examples = collapsed?.examples ?? given;
  const counter = createTermCounter(settings.features);
  const counts = examples.map((e) => counter(e.text, e.prompt));
  const lexical = lexicalFeatures ? examples.map((e) => lexicalFeatures(e.text, e.prompt)) : null;
  const design = buildDesign(examples, counts, lexical, labels.length, settings);
  if (collapsed) design.weights = collapsed.weights;
  examples.forEach((e, i) => {
    if (e.weak) design.weights[i] = (design.weights[i] as number) * settings.weakWeight;
  });
  // Thresholds, the fallback and the reported figures use gold rows only.
  const isGold = (i: number): boolean => examples[i]?.weak !== true;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const targets = labels.map(() => new Uint8Array(examples.length));
  examples.forEach((e, i) => {
    for (const label of e.labels) {
      const l = labelIndex.get(label);
      if (l !== undefined) (targets[l] as Uint8Array)[i] = 1;
    }
  });

  const valences = examples.map((e) => e.valence);
  const classes = valenceClasses(valences);
  const valence = classes.length >= 2 ? { classes, targets: valenceTargets(valences, classes) } : null;
  const oofValence: (Valence | undefined)[] = examples.map(() => undefined);

  const fold = assignGroupFolds(
    examples.map((e) => e.text),
    settings.folds,
    settings.seed,
  );
  const oof = labels.map(() => new Float64Array(examples.length));
  const averaging = settings.finalModel !== 'refit';
  const foldSum = averaging ? new Float32Array(labels.length * design.dimension) : null;
  let trainedFolds = 0;
  for (let f = 0; f < settings.folds; f++) {
    const trainRows = Int32Array.from(examples.keys()).filter((i) => fold[i] !== f);
    const testRows = Int32Array.from(examples.keys()).filter((i) => fold[i] === f);
    if (trainRows.length === 0 || testRows.length === 0) continue;
    const weights = trainOneVsRest(design, targets, trainRows, settings);
    trainedFolds++;
    if (foldSum) addInto(foldSum, weights);
    for (const i of testRows) {
      const margins = labelMargins(weights, design.dimension, labels.length, design.xs[i] as SparseVector);
      margins.forEach((m, l) => {
        (oof[l] as Float64Array)[i] = m;
      });
    }
    if (valence) {
      const rows = trainRows.filter((i) => valences[i] !== undefined);
      const vWeights = trainOneVsRest(design, valence.targets, rows, settings, VALENCE_SEED_OFFSET);
      for (const i of testRows) {
        if (valences[i] === undefined) continue;
        const x = design.xs[i] as SparseVector;
        oofValence[i] = decideValence(
          labelMargins(vWeights, design.dimension, valence.classes.length, x),
          valence.classes,
        );
      }
    }
  }

  // Reported figures: each fold judged with thresholds tuned on the other folds' margins.
  const predicted: string[][] = examples.map(() => []);
  for (let f = 0; f < settings.folds; f++) {
    const others = Int32Array.from(examples.keys()).filter((i) => fold[i] !== f && isGold(i));
    const cuts = Float64Array.from(labels, (_, l) => {
      const scores = oof[l] as Float64Array;
      const target = targets[l] as Uint8Array;
      return tuneThreshold(
        Float64Array.from(others, (i) => scores[i] as number),
        Uint8Array.from(others, (i) => target[i] as number),
        settings.maxThresholdShift,
      );
    });
    const gap = settings.atLeastOne ? tuneFallbackGap(oof, targets, cuts, others) : null;
    for (let i = 0; i < examples.length; i++) {
      if (fold[i] !== f) continue;
      const margins = Float64Array.from(labels, (_, l) => (oof[l] as Float64Array)[i] as number);
      predicted[i] = decideLabels(margins, cuts, gap).map((l) => labels[l] as string);
    }
  }
  // Judged on the given rows: a merged text counts as often as it was written, with its own gold.
  const perGiven = collapsed ? given.map((_, i) => predicted[collapsed.groupOf[i] as number] as string[]) : predicted;
  const goldRows = Int32Array.from(examples.keys()).filter(isGold);
  const goldGiven = [...given.keys()].filter((i) => given[i]?.weak !== true);
  const report = multilabelMetrics(
    goldGiven.map((i) => (given[i] as TrainingExample).labels.filter((l) => labelIndex.has(l))),
    goldGiven.map((i) => perGiven[i] as string[]),
    labels,
  );
  const thresholds = Float32Array.from(labels, (_, l) =>
    tuneThreshold(
      Float64Array.from(goldRows, (i) => (oof[l] as Float64Array)[i] as number),
      Uint8Array.from(goldRows, (i) => (targets[l] as Uint8Array)[i] as number),
      settings.maxThresholdShift,
    ),
  );
  const fallbackGap = settings.atLeastOne ? tuneFallbackGap(oof, targets, thresholds, goldRows) : null;
  const all = Int32Array.from(examples.keys());
  const refit = settings.finalModel !== 'foldAverage';
  const weights = finalWeights(
    foldSum,
    trainedFolds,
    refit ? () => trainOneVsRest(design, targets, all, settings) : null,
  );
  if (!refit && settings.refitBelow > 0) refitRareLabels(weights, design, targets, all, settings);
  const valenceModel: ValenceHeadModel | null = valence
    ? {
        labels: valence.classes,
        // Always refitted: `finalModel` is for the themes' tuned thresholds; the valence
        // classes take the largest margin, and their fold mean lost 1 point of macro-F1.
        weights: trainOneVsRest(
          design,
          valence.targets,
          all.filter((i) => valences[i] !== undefined),
          settings,
          VALENCE_SEED_OFFSET,
        ),
      }
    : null;
  const perGivenValence = collapsed ? given.map((_, i) => oofValence[collapsed.groupOf[i] as number]) : oofValence;
  return {
    model: {
      labels: [...labels],
      settings,
      vocabulary: design.vocabulary,
      lexicalFeatures: lexical !== null,
      weights,
      dimension: design.dimension,
      thresholds,
      fallbackGap,
      valence: valenceModel,
    },
    crossValidation: {
      folds: settings.folds,
      report,
      predicted: perGiven,
      valence: valence
        ? valenceCrossValidation(
            given.map((e) => e.valence),
            perGivenValence,
          )
        : null,
    },
  };
}
