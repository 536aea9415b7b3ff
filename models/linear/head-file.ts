/**
 * The saved linear head (`head.json`): weights, feature settings, labels, thresholds, and what a
 * reader needs to trust it — codebook version, fingerprint of the training data, cross-validated
 * figures, date and seed. Arrays are base64 of deflated little-endian typed arrays; weights are
 * int16 with one scale per label, which keeps a French head under 1 MB at no measurable cost.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import type { MultilabelReport } from '../evaluation/multilabel-metrics.js';
import type { CrossValidation, LinearHeadModel } from './train.js';
import { TrainSettingsSchema } from './train.js';

export const HEAD_FORMAT = 'verbatim-linear-head';

/**
 * 2 adds the prompt-crossed word block, English stemming and `fallbackGap`. A version-1 head
 * (e.g. one shipped before) still loads: `fromHeadFile` turns those features off for it.
 */
export const HEAD_FORMAT_VERSION = 2;

const ScoresSchema = z.object({ precision: z.number(), recall: z.number(), f1: z.number() });

export const HeadFileSchema = z.object({
  format: z.literal(HEAD_FORMAT),
  formatVersion: z.union([z.literal(1), z.literal(2)]),
  name: z.string().min(1),
  /** `v1`, `v2`...: the folder the head lives in. */
  version: z.string().min(1),
  /** ISO 8601. */
  createdAt: z.string(),
  /** One line for `verbatim models list`. */
  description: z.string().default(''),
  labels: z.array(z.string().min(1)).min(1),
  codebookVersion: z.string(),
  training: z.object({
    /** sha256 of the training texts, prompts and labels, in order. */
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    examples: z.number().int().nonnegative(),
    source: z.string(),
  }),
  settings: TrainSettingsSchema,
  lexicalFeatures: z.boolean(),
  vocabulary: z.object({ buckets: z.string(), idf: z.string() }),
  weights: z.object({
    encoding: z.literal('int16-scaled-deflate'),
    dimension: z.number().int().positive(),
    scales: z.array(z.number()),
    data: z.string(),
  }),
  thresholds: z.array(z.number()),
  /** "At least one label" gap (decide-labels.ts); null or absent (version 1): none. */
  fallbackGap: z.number().nullable().default(null),
  crossValidation: z.object({
    folds: z.number().int(),
    micro: ScoresSchema,
    macroF1: z.number(),
    perLabel: z.array(ScoresSchema.extend({ label: z.string(), support: z.number().int() })),
  }),
});
export type HeadFile = z.infer<typeof HeadFileSchema>;

/** What the head file records besides the model itself. */
export interface HeadMetadata {
  name: string;
  version: string;
  createdAt: string;
  description: string;
  codebookVersion: string;
  training: HeadFile['training'];
}

// Deflated before base64: int16 weights and sorted buckets compress well, and a shipped head
// stays small enough for the repository and the linter.
function toBase64(array: Int32Array | Float32Array | Int16Array): string {
  return deflateRawSync(Buffer.from(array.buffer, array.byteOffset, array.byteLength), { level: 9 }).toString('base64');
}

function fromBase64<T>(text: string, make: (buffer: ArrayBuffer) => T): T {
  const bytes = inflateRawSync(Buffer.from(text, 'base64'));
  // Copy into a fresh, aligned buffer: Buffer pools may start at an odd offset.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** The cross-validation part of the file, ratios to 4 decimals. */
export function summarizeCrossValidation(cv: CrossValidation): HeadFile['crossValidation'] {
  const report: MultilabelReport = cv.report;
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

/** Builds the file content of a trained head. */
export function toHeadFile(model: LinearHeadModel, cv: CrossValidation, meta: HeadMetadata): HeadFile {
  const { dimension, labels } = model;
  const scales: number[] = [];
  const data = new Int16Array(model.weights.length);
  labels.forEach((_, l) => {
    const row = model.weights.subarray(l * dimension, (l + 1) * dimension);
    let max = 0;
    for (const w of row) max = Math.max(max, Math.abs(w));
    const scale = max > 0 ? max / 32_767 : 1;
    scales.push(scale);
    for (let c = 0; c < dimension; c++) data[l * dimension + c] = Math.round((row[c] as number) / scale);
  });
  return {
    format: HEAD_FORMAT,
    formatVersion: HEAD_FORMAT_VERSION,
    ...meta,
    labels: [...labels],
    settings: model.settings,
    lexicalFeatures: model.lexicalFeatures,
    vocabulary: { buckets: toBase64(model.vocabulary.buckets), idf: toBase64(model.vocabulary.idf) },
    weights: { encoding: 'int16-scaled-deflate', dimension, scales, data: toBase64(data) },
    thresholds: Array.from(model.thresholds),
    fallbackGap: model.fallbackGap,
    crossValidation: summarizeCrossValidation(cv),
  };
}

/** Rebuilds the in-memory model of a validated head file. */
export function fromHeadFile(file: HeadFile): LinearHeadModel {
  const buckets = fromBase64(file.vocabulary.buckets, (b) => new Int32Array(b));
  const idf = fromBase64(file.vocabulary.idf, (b) => new Float32Array(b));
  const data = fromBase64(file.weights.data, (b) => new Int16Array(b));
  const { dimension, scales } = file.weights;
  if (buckets.length !== idf.length || data.length !== dimension * file.labels.length) {
    throw new RangeError('head file arrays do not match its dimension and labels');
  }
  const weights = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    weights[i] = (data[i] as number) * (scales[Math.floor(i / dimension)] ?? 0);
  }
  // Version 1 predates these features; its settings were parsed with today's defaults.
  const settings =
    file.formatVersion === 1
      ? { ...file.settings, features: { ...file.settings.features, promptCrossWeight: 0, stemEnglish: false } }
      : file.settings;
  return {
    labels: file.labels,
    settings,
    vocabulary: { buckets, idf },
    lexicalFeatures: file.lexicalFeatures,
    weights,
    dimension,
    thresholds: Float32Array.from(file.thresholds),
    fallbackGap: file.fallbackGap,
  };
}
