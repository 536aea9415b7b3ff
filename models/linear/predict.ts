/**
 * Applies a linear head to one text: features, one margin per label, the labels that pass their
 * threshold, and a score in (0, 1) that is 0.5 exactly at the threshold.
 */
import type { PromptKind, Valence } from '../../pipeline/record.js';
import { decideLabels } from './decide-labels.js';
import { createTermCounter, createVectorizer } from './hash-features.js';
import { type LinearHeadModel, labelMargins } from './train.js';
import { decideValence, valenceScoreOf } from './valence-head.js';

/** Steepness of the margin → score curve; a margin 0.5 above threshold scores about 0.88. */
export const SCORE_SLOPE = 4;

/** One label of a prediction. */
export interface LabelScore {
  readonly label: string;
  /** In (0, 1); ≥ 0.5 means predicted. */
  readonly score: number;
}

/** The valence head's decision. */
export interface ValencePrediction {
  readonly valence: Valence;
  /** In [-1, 1]: P(positive) − P(negative). */
  readonly score: number;
}

export interface LinearPrediction {
  /** Decided labels, best score first. */
  readonly labels: readonly LabelScore[];
  readonly margins: Float64Array;
  /** Null when the head has no valence classes. */
  readonly valence: ValencePrediction | null;
}

export interface LinearPredictor {
  readonly labels: readonly string[];
  /** `lexical`: the codebook rules' score per label, when the head was trained with them. */
  predict(text: string, prompt: PromptKind, lexical?: ArrayLike<number>): LinearPrediction;
}

/** Prepares a head for prediction (hash tables built once). */
export function createLinearPredictor(model: LinearHeadModel): LinearPredictor {
  const counter = createTermCounter(model.settings.features);
  const { vectorize } = createVectorizer(
    model.vocabulary,
    model.settings.features,
    model.lexicalFeatures ? model.labels.length : 0,
  );
  const predict = (text: string, prompt: PromptKind, lexical: ArrayLike<number> = []): LinearPrediction => {
    const x = vectorize({ counts: counter(text, prompt), prompt, lexical });
    const margins = labelMargins(model.weights, model.dimension, model.labels.length, x);
    const labels = decideLabels(margins, model.thresholds, model.fallbackGap)
      .map((l) => ({
        label: model.labels[l] as string,
        score: 1 / (1 + Math.exp(-SCORE_SLOPE * ((margins[l] as number) - (model.thresholds[l] as number)))),
      }))
      .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
    const head = model.valence;
    let valence: ValencePrediction | null = null;
    if (head) {
      const vMargins = labelMargins(head.weights, model.dimension, head.labels.length, x);
      valence = {
        valence: decideValence(vMargins, head.labels),
        score: valenceScoreOf(vMargins, head.labels, SCORE_SLOPE),
      };
    }
    return { labels, margins, valence };
  };
  return Object.freeze({ labels: model.labels, predict });
}
