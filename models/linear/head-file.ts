/**
 * The saved linear head (`head.json`): weights, feature settings, labels, thresholds, and what a
 * reader needs to trust it — codebook version, fingerprint of the training data, cross-validated
 * figures, date and seed. Arrays are base64 of deflated little-endian typed arrays; weights are
 * int16 with one scale per label, which keeps a French head under 1 MB at no measurable cost.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { ValenceSchema } from '../../pipeline/record.js';
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

const WeightsSchema = z.object({
  encoding: z.literal('int16-scaled-deflate'),
  dimension: z.number().int().positive(),
  scales: z.array(z.number()),
  data: z.string(),
});

const ValenceSectionSchema = z.object({
  labels: z.array(ValenceSchema).min(2),
  weights: WeightsSchema,
  /** Out-of-fold figures on the training rows that carried a valence. */
  crossValidation: z
    .object({
      rows: z.number().int(),
      accuracy: z.number(),
      macroF1: z.number(),
      confusion: z.record(z.string(), z.record(z.string(), z.number().int())),
    })
    .nullable(),
});

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
  weights: WeightsSchema,
  thresholds: z.array(z.number()),
  /** "At least one label" gap (decide-labels.ts); null or absent (version 1): none. */
  fallbackGap: z.number().nullable().default(null),
  /** Valence head over the same features; null or absent: valence from the codebook's lexicon. */
  valence: ValenceSectionSchema.nullable().default(null),
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

/** int16 weights with one scale per row (label). */
function encodeWeights(weights: Float32Array, dimension: number): z.infer<typeof WeightsSchema> {
  const rows = weights.length / dimension;
  const scales: number[] = [];
  const data = new Int16Array(weights.length);
  for (let l = 0; l < rows; l++) {
    const row = weights.subarray(l * dimension, (l + 1) * dimension);
    let max = 0;
    for (const w of row) max = Math.max(max, Math.abs(w));
    const scale = max > 0 ? max / 32_767 : 1;
    scales.push(scale);
    for (let c = 0; c < dimension; c++) data[l * dimension + c] = Math.round((row[c] as number) / scale);
  }
  return { encoding: 'int16-scaled-deflate', dimension, scales, data: toBase64(data) };
}

function decodeWeights(encoded: z.infer<typeof WeightsSchema>, rows: number): Float32Array {
  const data = fromBase64(encoded.data, (b) => new Int16Array(b));
  const { dimension, scales } = encoded;
  if (data.length !== dimension * rows) throw new RangeError('head file arrays do not match its dimension and labels');
  const weights = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    weights[i] = (data[i] as number) * (scales[Math.floor(i / dimension)] ?? 0);
  }
  return weights;
}

/** Builds the file content of a trained head. */
export function toHeadFile(model: LinearHeadModel, cv: CrossValidation, meta: HeadMetadata): HeadFile {
  const { dimension, labels } = model;
  const valenceReport = cv.valence?.report;
  return {
    format: HEAD_FORMAT,
    formatVersion: HEAD_FORMAT_VERSION,
    ...meta,
    labels: [...labels],
    settings: model.settings,
    lexicalFeatures: model.lexicalFeatures,
    vocabulary: { buckets: toBase64(model.vocabulary.buckets), idf: toBase64(model.vocabulary.idf) },
    weights: encodeWeights(model.weights, dimension),
    thresholds: Array.from(model.thresholds),
    fallbackGap: model.fallbackGap,
    valence: model.valence && {
      labels: [...model.valence.labels],
      weights: encodeWeights(model.valence.weights, dimension),
      crossValidation:
        cv.valence && valenceReport
          ? {
              rows: cv.valence.rows,
              accuracy: r4(valenceReport.accuracy),
              macroF1: r4(valenceReport.macroF1),
              confusion: valenceReport.confusion,
            }
          : null,
    },
    crossValidation: summarizeCrossValidation(cv),
  };
}

/** Rebuilds the in-memory model of a validated head file. */
export function fromHeadFile(file: HeadFile): LinearHeadModel {
  const buckets = fromBase64(file.vocabulary.buckets, (b) => new Int32Array(b));
  const idf = fromBase64(file.vocabulary.idf, (b) => new Float32Array(b));
  if (buckets.length !== idf.length) throw new RangeError('head file vocabulary arrays differ in length');
  const { dimension } = file.weights;
  const weights = decodeWeights(file.weights, file.labels.length);
  const valence = file.valence
    ? { labels: file.valence.labels, weights: decodeWeights(file.valence.weights, file.valence.labels.length) }
    : null;
  if (valence && file.valence?.weights.dimension !== dimension) {
    throw new RangeError('head file valence weights do not match its dimension');
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
    valence,
  };
}
