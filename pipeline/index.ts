/**
 * Public surface of the pipeline: the stages, their shapes, the store. Other top-level folders
 * import from here only; what this file does not export is internal to a stage.
 */
export * from './analyse-record.js';
export type * from './classify/classifier.js';
export * from './classify/cue-syntax.js';
export * from './classify/lexical-classifier.js';
export * from './classify/normalize-french.js';
export { recordValence } from './classify/valence.js';
export * from './deidentify/index.js';
export * from './errors.js';
export * from './ingest/ingest.js';
export * from './record.js';
export { normalizeRole } from './segment/normalize-role.js';
export * from './segment/segment.js';
export * from './store/open-store.js';
export type * from './store/schema.js';
export type * from './store/store.js';
