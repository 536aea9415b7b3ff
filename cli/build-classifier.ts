/**
 * Loads the codebook (`--codebook` or the default) and builds the named model from the
 * registry; shared by every command that classifies.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Codebook, DEFAULT_CODEBOOK_PATH, loadCodebook } from '../models/codebooks/codebook.js';
import { loadClassifier } from '../models/registry.js';
import type { Classifier } from '../pipeline/classify/classifier.js';

export interface LoadedModel {
  codebook: Codebook;
  /** sha256 prefix of the codebook file: an edited codebook with an unchanged version still differs. */
  codebookHash: string;
  classifier: Classifier;
}

export function buildClassifier(options: { codebook?: string | undefined; model: string }): LoadedModel {
  const path = options.codebook ?? DEFAULT_CODEBOOK_PATH;
  const codebook = loadCodebook(path);
  const codebookHash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12);
  return { codebook, codebookHash, classifier: loadClassifier(options.model, codebook) };
}
