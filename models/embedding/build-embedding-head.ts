/**
 * From labelled texts to a saved-head value: embeds the texts and the codebook prototypes with
 * the given embedder, trains and cross-validates the head, and fills in the head file.
 */
import type { Codebook } from '../codebooks/codebook.js';
import type { Embedder } from '../embedder.js';
import { EMBEDDING_HEAD_FORMAT, type EmbeddingHeadFile, floatsToBase64 } from './embedding-head-file.js';
import { buildPrototypes, headFeatures } from './prototypes.js';
import {
  type EmbeddingCrossValidation,
  type EmbeddingTrainSettings,
  trainEmbeddingHead,
} from './train-embedding-head.js';

/** What the head records besides the model: who, when, from what. */
export interface EmbeddingHeadMetadata {
  name: string;
  version: string;
  createdAt: string;
  description: string;
  codebookVersion: string;
  /** What `--embed` said (folder name or path), stored so `--model` finds the embedder again. */
  embedderModel: string;
  dtype: 'fp32' | 'q8';
  training: { fingerprint: string; examples: number; source: string };
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

function summarize(cv: EmbeddingCrossValidation): EmbeddingHeadFile['crossValidation'] {
  const { report } = cv;
  return {
    folds: cv.folds,
    micro: { precision: r4(report.micro.precision), recall: r4(report.micro.recall), f1: r4(report.micro.f1) },
    macroF1: r4(report.macroF1),
    perLabel: report.perTheme.map((s) => ({
      label: s.theme,
      precision: r4(s.precision),
      recall: r4(s.recall),
      f1: r4(s.f1),
      support: s.support,
    })),
  };
}

/** Trains the head of `labels` on `examples`; texts are embedded once each (through `embedder`). */
export async function buildEmbeddingHead(
  examples: readonly { text: string; labels: readonly string[] }[],
  labels: readonly string[],
  codebook: Codebook,
  embedder: Embedder,
  settings: EmbeddingTrainSettings,
  meta: EmbeddingHeadMetadata,
): Promise<EmbeddingHeadFile> {
  const dim = embedder.dimension;
  const prototypes = await buildPrototypes(codebook, labels, dim, (t) => embedder.embed(t));
  const vectors = await embedder.embed(examples.map((e) => e.text));
  const used = settings.prototypeWeight > 0 ? prototypes : [];
  const xs = vectors.map((v) => headFeatures(v, used, settings.prototypeWeight));
  const trained = trainEmbeddingHead(
    xs,
    examples.map((e) => e.text),
    examples.map((e) => e.labels),
    labels,
    settings,
  );
  const flat = new Float32Array(labels.length * dim);
  prototypes.forEach((p, l) => {
    flat.set(p, l * dim);
  });
  return {
    format: EMBEDDING_HEAD_FORMAT,
    formatVersion: 1,
    name: meta.name,
    version: meta.version,
    createdAt: meta.createdAt,
    description: meta.description,
    labels: [...labels],
    codebookVersion: meta.codebookVersion,
    embedder: { model: meta.embedderModel, modelId: embedder.modelId, dimension: dim, dtype: meta.dtype },
    training: meta.training,
    settings,
    prototypes: floatsToBase64(flat),
    featureDimension: trained.model.featureDimension,
    weights: floatsToBase64(trained.model.weights),
    thresholds: Array.from(trained.model.thresholds),
    crossValidation: summarize(trained.crossValidation),
  };
}
