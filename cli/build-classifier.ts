/**
 * Loads the codebook (`--codebook`, the codebook a user model made from its labels, or the
 * default) and builds the named model from the registry; shared by every command that classifies.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Codebook, DEFAULT_CODEBOOK_PATH } from '../models/codebooks/codebook.js';
import { loadCodebookFile } from '../models/codebooks/qdc-import.js';
import { loadClassifier, modelCodebookPath } from '../models/registry.js';
import type { Classifier } from '../pipeline/classify/classifier.js';

export interface LoadedModel {
  codebook: Codebook;
  /** sha256 prefix of the codebook file: an edited codebook with an unchanged version still differs. */
  codebookHash: string;
  classifier: Classifier;
}

/** User model folder: `$VERBATIM_MODELS_DIR`, else `~/.verbatim/models`. Read here, in the shell only. */
export function defaultModelsDir(): string {
  return process.env.VERBATIM_MODELS_DIR || join(homedir(), '.verbatim', 'models');
}

export function buildClassifier(options: {
  codebook?: string | undefined;
  model: string;
  modelsDir?: string | undefined;
  /** Store whose `embeddings` table caches an embedding head's vectors (the run's `--db`). */
  embeddingCache?: { cacheUrl?: string | undefined; pgSchema?: string | undefined } | undefined;
}): LoadedModel {
  const lookup = { modelsDir: options.modelsDir ?? defaultModelsDir(), embedding: options.embeddingCache };
  const path = options.codebook ?? modelCodebookPath(options.model, lookup) ?? DEFAULT_CODEBOOK_PATH;
  // A REFI-QDA codebook (.qdc) is read as `verbatim codebook import` would read it.
  const codebook = loadCodebookFile(path);
  const codebookHash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12);
  return { codebook, codebookHash, classifier: loadClassifier(options.model, codebook, lookup) };
}
