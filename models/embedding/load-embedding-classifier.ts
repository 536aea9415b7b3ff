/**
 * Loads a saved embedding head and its embedder (in a worker thread) as a Classifier: what the
 * model registry calls for a user model trained with `verbatim train --embed`.
 */
import type { Classifier } from '../../pipeline/classify/classifier.js';
import type { Codebook } from '../codebooks/codebook.js';
import { createEmbeddingClassifier } from './embedding-classifier.js';
import { readEmbeddingHead } from './embedding-head-file.js';
import { createSyncEmbedder, type SyncEmbedderCache } from './sync-embedder.js';

/** Where to find the embedder and cache its vectors. */
export interface EmbeddingLoadOptions extends SyncEmbedderCache {
  /** User model folder; embedder ids resolve under its `embedders/`. */
  modelsDir?: string | undefined;
  /** @defaultValue 32 */
  batchSize?: number | undefined;
}

export function loadEmbeddingClassifier(
  folder: string,
  codebook: Codebook,
  options: EmbeddingLoadOptions = {},
): Classifier {
  const head = readEmbeddingHead(folder);
  const embedder = createSyncEmbedder(
    {
      model: head.embedder.model,
      dtype: head.embedder.dtype,
      ...(options.modelsDir === undefined ? {} : { modelsDir: options.modelsDir }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    },
    { cacheUrl: options.cacheUrl, pgSchema: options.pgSchema },
  );
  return createEmbeddingClassifier(head, codebook, embedder);
}
