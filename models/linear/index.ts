/**
 * The in-house linear classifier: hashed TF-IDF features, one-vs-rest linear SVMs with tuned
 * thresholds, the saved-head format and the user model folder.
 */
export { assignGroupFolds, duplicateKey } from './group-folds.js';
export { type FeatureSettings, FeatureSettingsSchema } from './hash-features.js';
export {
  fromHeadFile,
  HEAD_FORMAT,
  HEAD_FORMAT_VERSION,
  type HeadFile,
  HeadFileSchema,
  type HeadMetadata,
  toHeadFile,
} from './head-file.js';
export { createLexicalFeatureScorer, type LexicalFeatureScorer } from './lexical-features.js';
export { createLinearClassifier } from './linear-classifier.js';
export {
  findHeadFolder,
  HEAD_CODEBOOK_FILE,
  HEAD_FILE,
  isValidModelName,
  listUserModels,
  nextVersion,
  readHead,
  saveHead,
  type UserModel,
} from './model-folder.js';
export {
  createLinearPredictor,
  type LinearPrediction,
  type LinearPredictor,
  type ValencePrediction,
} from './predict.js';
export {
  type CrossValidation,
  type LexicalFeatures,
  type LinearHeadModel,
  type TrainedLinearHead,
  type TrainingExample,
  type TrainSettings,
  TrainSettingsSchema,
  trainLinearHead,
} from './train.js';
export { tuneThreshold } from './tune-threshold.js';
