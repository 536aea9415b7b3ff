/**
 * The model registry: a frozen map from model name to loader, like transformers.js's
 * SUPPORTED_TASKS. A model is a value built from a codebook, never a global.
 */

import type { Classifier } from '../pipeline/classify/classifier.js';
import { createLexicalClassifier } from '../pipeline/classify/lexical-classifier.js';
import { VerbatimError } from '../pipeline/errors.js';
import type { Codebook } from './codebooks/codebook.js';

interface ModelEntry {
  /** One line shown by `verbatim models list`. */
  description: string;
  load(codebook: Codebook): Classifier;
}

export const MODELS = Object.freeze({
  lexical: {
    description: 'Règles du codebook (indices pondérés, négation) et lexique de valence ; sans entraînement.',
    load: (codebook: Codebook) => createLexicalClassifier(codebook),
  },
} satisfies Record<string, ModelEntry>);

export type ModelName = keyof typeof MODELS;

/** The model used when `--model` is not given. */
export const DEFAULT_MODEL: ModelName = 'lexical';

export function isModelName(name: string): name is ModelName {
  return Object.hasOwn(MODELS, name);
}

/** Builds the named classifier; an unknown name is a usage error that lists the valid ones. */
export function loadClassifier(name: string, codebook: Codebook): Classifier {
  if (!isModelName(name)) {
    throw new VerbatimError('USAGE', `unknown model "${name}"; available: ${Object.keys(MODELS).join(', ')}`);
  }
  return MODELS[name].load(codebook);
}
