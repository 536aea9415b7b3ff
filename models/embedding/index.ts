/**
 * The transformer path: embedding cache, codebook prototypes, the dense embedding head (train,
 * save, classify) and the synchronous bridge the pipeline's classifier uses.
 */

export { buildEmbeddingHead, type EmbeddingHeadMetadata } from './build-embedding-head.js';
export {
  type CacheCounters,
  createMemoryEmbeddingCache,
  type EmbeddingCache,
  textSha256,
  withEmbeddingCache,
} from './cached-embedder.js';
export { createEmbeddingClassifier, EMBEDDING_MODEL_PREFIX, embeddingHeadModel } from './embedding-classifier.js';
export {
  EMBEDDING_HEAD_FILE,
  EMBEDDING_HEAD_FORMAT,
  type EmbeddingHeadFile,
  EmbeddingHeadFileSchema,
  findEmbeddingHeadFolder,
  listEmbeddingHeads,
  nextEmbeddingHeadVersion,
  readEmbeddingHead,
  saveEmbeddingHead,
} from './embedding-head-file.js';
export { type LocalEmbedder, listEmbedders } from './list-embedders.js';
export { type EmbeddingLoadOptions, loadEmbeddingClassifier } from './load-embedding-classifier.js';
export { buildPrototypes, headFeatures, prototypeTexts } from './prototypes.js';
export {
  EMBEDDER_OPTIONAL_FILES,
  type PulledFile,
  type PullOptions,
  PullOptionsSchema,
  type PullResult,
  pullModel,
} from './pull-model.js';
export { createSyncEmbedder, type SyncEmbedder, type SyncEmbedderCache } from './sync-embedder.js';
export {
  type EmbeddingHeadModel,
  type EmbeddingTrainSettings,
  EmbeddingTrainSettingsSchema,
  embeddingMargins,
  trainEmbeddingHead,
} from './train-embedding-head.js';
