/**
 * The model registry: a frozen map from model name to loader, like transformers.js's
 * SUPPORTED_TASKS, plus the heads users trained (`verbatim train`) in their model folder. A
 * model is a value built from a codebook, never a global.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Classifier } from '../pipeline/classify/classifier.js';
import { createLexicalClassifier } from '../pipeline/classify/lexical-classifier.js';
import { VerbatimError } from '../pipeline/errors.js';
import type { Codebook } from './codebooks/codebook.js';
import {
  createLinearClassifier,
  findHeadFolder,
  HEAD_CODEBOOK_FILE,
  listUserModels,
  readHead,
} from './linear/index.js';

interface ModelEntry {
  /** One line shown by `verbatim models list`. */
  description: string;
  load(codebook: Codebook): Classifier;
}

/** Folder of the heads shipped with Verbatim. */
export const SHIPPED_MODELS_DIR = fileURLToPath(new URL('./trained/', import.meta.url));

export const MODELS = Object.freeze({
  lexical: {
    description: 'Règles du codebook (indices pondérés, négation) et lexique de valence ; sans entraînement.',
    load: (codebook: Codebook) => createLexicalClassifier(codebook),
  },
  'fr-linear': {
    description:
      'Tête linéaire (TF-IDF haché mots + caractères, SVM un-contre-tous, règles du codebook en traits) entraînée sur corpora/esatis/gold-tune.jsonl.',
    load: (codebook: Codebook) =>
      createLinearClassifier(readHead(join(SHIPPED_MODELS_DIR, 'fr-default', 'v1')), codebook),
  },
} satisfies Record<string, ModelEntry>);

export type ModelName = keyof typeof MODELS;

/** The model used when `--model` is not given. */
export const DEFAULT_MODEL: ModelName = 'lexical';

export function isModelName(name: string): name is ModelName {
  return Object.hasOwn(MODELS, name);
}

/** Where user-trained heads are looked up; no folder means shipped models only. */
export interface ModelLookup {
  modelsDir?: string | undefined;
}

/** One row of `verbatim models list`. */
export interface ModelListing {
  name: string;
  default: boolean;
  description: string;
  /** `shipped`, or the version folder of a user model. */
  source: string;
}

/** Shipped models, then the user's (a user model cannot shadow a shipped name). */
export function listModels(lookup: ModelLookup = {}): ModelListing[] {
  const shipped = Object.entries(MODELS).map(([name, m]) => ({
    name,
    default: name === DEFAULT_MODEL,
    description: m.description,
    source: 'shipped',
  }));
  const user = lookup.modelsDir === undefined ? [] : listUserModels(lookup.modelsDir);
  return [
    ...shipped,
    ...user
      .filter((m) => !isModelName(m.name))
      .map((m) => ({ name: m.name, default: false, description: m.description, source: m.folder })),
  ];
}

/** The codebook a user model was trained with when it made one from its labels, else undefined. */
export function modelCodebookPath(name: string, lookup: ModelLookup = {}): string | undefined {
  if (isModelName(name) || lookup.modelsDir === undefined) return undefined;
  const folder = findHeadFolder(lookup.modelsDir, name);
  const path = folder === null ? undefined : join(folder, HEAD_CODEBOOK_FILE);
  return path !== undefined && existsSync(path) ? path : undefined;
}

/** Builds the named classifier; an unknown name is a usage error that lists the valid ones. */
export function loadClassifier(name: string, codebook: Codebook, lookup: ModelLookup = {}): Classifier {
  if (isModelName(name)) return MODELS[name].load(codebook);
  const folder = lookup.modelsDir === undefined ? null : findHeadFolder(lookup.modelsDir, name);
  if (folder === null) {
    const names = listModels(lookup).map((m) => m.name);
    throw new VerbatimError('USAGE', `unknown model "${name}"; available: ${names.join(', ')}`);
  }
  return createLinearClassifier(readHead(folder), codebook);
}
