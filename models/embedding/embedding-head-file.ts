/**
 * The saved embedding head (`embedding-head.json` in a version folder, next to where linear
 * heads keep `head.json`): the weights, thresholds and codebook prototypes, and which embedder
 * produced its features (folder name and weights hash), so that `--model NAME` loads the same
 * embedder and refuses a different one.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { VerbatimError } from '../../pipeline/errors.js';
import { HEAD_FILE, isValidModelName } from '../linear/index.js';
import { EmbeddingTrainSettingsSchema } from './train-embedding-head.js';

export const EMBEDDING_HEAD_FORMAT = 'verbatim-embedding-head';
/** File name inside a version folder. */
export const EMBEDDING_HEAD_FILE = 'embedding-head.json';

const ScoresSchema = z.object({ precision: z.number(), recall: z.number(), f1: z.number() });
const Float32Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const EmbeddingHeadFileSchema = z.object({
  format: z.literal(EMBEDDING_HEAD_FORMAT),
  formatVersion: z.literal(1),
  name: z.string().min(1),
  version: z.string().regex(/^v\d+$/),
  createdAt: z.string(),
  description: z.string().default(''),
  labels: z.array(z.string().min(1)).min(1),
  codebookVersion: z.string(),
  embedder: z.object({
    /** What `--embed` was resolved from: a folder name under the embedders folder, or a path. */
    model: z.string().min(1),
    /** `name#sha12` of the weights the head was trained on. */
    modelId: z.string().min(1),
    dimension: z.number().int().positive(),
    dtype: z.enum(['fp32', 'q8']),
  }),
  training: z.object({
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    examples: z.number().int().nonnegative(),
    source: z.string(),
  }),
  settings: EmbeddingTrainSettingsSchema,
  /** One unit vector per label (base64 float32, label-major). */
  prototypes: Float32Base64,
  featureDimension: z.number().int().positive(),
  /** base64 float32, label × (featureDimension + 1), bias last. */
  weights: Float32Base64,
  thresholds: z.array(z.number()),
  crossValidation: z.object({
    folds: z.number().int(),
    micro: ScoresSchema,
    macroF1: z.number(),
    perLabel: z.array(ScoresSchema.extend({ label: z.string(), support: z.number().int() })),
  }),
});
export type EmbeddingHeadFile = z.infer<typeof EmbeddingHeadFileSchema>;

/** base64 of float32 values. */
export function floatsToBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** The inverse of floatsToBase64 (an aligned copy). */
export function base64ToFloats(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  const out = new Float32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 4));
  return out;
}

const VERSION_RE = /^v(\d+)$/;

function versions(modelsDir: string, name: string, file: string): number[] {
  const folder = join(modelsDir, name);
  // Files lying in the models folder (a codebook, a README) are not models.
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  return readdirSync(folder)
    .map((e) => VERSION_RE.exec(e)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .filter((v) => existsSync(join(folder, `v${v}`, file)))
    .sort((a, b) => a - b);
}

/** Next version of `name`, counting linear and embedding heads alike so folders never collide. */
export function nextEmbeddingHeadVersion(modelsDir: string, name: string): string {
  const all = [...versions(modelsDir, name, HEAD_FILE), ...versions(modelsDir, name, EMBEDDING_HEAD_FILE)];
  return `v${Math.max(0, ...all) + 1}`;
}

/** Latest version folder of `name` holding an embedding head, or null. */
export function findEmbeddingHeadFolder(modelsDir: string, name: string): string | null {
  if (!isValidModelName(name)) return null;
  const latest = versions(modelsDir, name, EMBEDDING_HEAD_FILE).at(-1);
  return latest === undefined ? null : join(modelsDir, name, `v${latest}`);
}

/** Writes `<modelsDir>/<name>/<version>/embedding-head.json`; returns the folder. */
export function saveEmbeddingHead(modelsDir: string, head: EmbeddingHeadFile): string {
  const folder = join(modelsDir, head.name, head.version);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, EMBEDDING_HEAD_FILE), `${JSON.stringify(head)}\n`);
  return folder;
}

/** Reads and validates an embedding head; errors name the file. */
export function readEmbeddingHead(folder: string): EmbeddingHeadFile {
  const path = join(folder, EMBEDDING_HEAD_FILE);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new VerbatimError('INPUT_UNREADABLE', `${path}: embedding head cannot be read`, { file: path }, { cause });
  }
  const parsed = EmbeddingHeadFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const reason = `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`;
    throw new VerbatimError('INPUT_UNREADABLE', `${path}: not an embedding head (${reason})`, { file: path, reason });
  }
  return parsed.data;
}

/** Every user model name whose latest embedding head exists, with that head's folder. */
export function listEmbeddingHeads(modelsDir: string): { name: string; folder: string }[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir)
    .sort()
    .map((name) => ({ name, folder: findEmbeddingHeadFolder(modelsDir, name) }))
    .filter((m): m is { name: string; folder: string } => m.folder !== null);
}
