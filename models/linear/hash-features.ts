/**
 * Text → hashed term counts (normalized word 1–2-grams and char 3–5-grams), then TF-IDF vectors
 * over the columns seen in training. Hashing keeps the vocabulary out of the saved head: only
 * the buckets that occurred in training get a column.
 */
import { z } from 'zod';
import { createFrenchNormalizer, type FrenchNormalizer, foldFrench } from '../../pipeline/classify/normalize-french.js';
import type { PromptKind } from '../../pipeline/record.js';
import { stemEnglish } from './english-stem.js';

export const FeatureSettingsSchema = z.object({
  /** Language of the normalization. @defaultValue 'fr' */
  lang: z.enum(['fr', 'en']).default('fr'),
  /** log2 of the number of hash buckets of each block (words, chars). @defaultValue 18 */
  bucketBits: z.number().int().min(8).max(24).default(18),
  /** Weight of the l2-normalized word block. @defaultValue 1 */
  wordWeight: z.number().positive().default(1),
  /** Weight of the l2-normalized char block. @defaultValue 1 */
  charWeight: z.number().positive().default(1),
  /** Value of the prompt indicator features (positive / improvement). @defaultValue 0.5 */
  promptWeight: z.number().min(0).default(0.5),
  /** Multiplier of the codebook rules' per-theme scores, appended as features; 0 to leave them out. @defaultValue 0 */
  lexicalWeight: z.number().min(0).default(0),
  /**
   * Weight of the l2-normalized block of word unigrams crossed with the prompt (`nothing` under
   * "what could we improve?" is praise, under "why?" it is not); 0 leaves it out. @defaultValue 0.5
   */
  promptCrossWeight: z.number().min(0).default(0.5),
  /** English words are stemmed (english-stem.ts); French ones always are. @defaultValue true */
  stemEnglish: z.boolean().default(true),
  /** Shortest char n-gram (the longest is 5). @defaultValue 3 */
  charMin: z.number().int().min(1).max(5).default(3),
});
export type FeatureSettings = z.infer<typeof FeatureSettingsSchema>;

/** Raw hashed counts of one text, per block; buckets ascending. */
export interface TermCounts {
  readonly word: Map<number, number>;
  readonly char: Map<number, number>;
  /** Word unigrams × prompt; empty when `promptCrossWeight` is 0. */
  readonly cross: Map<number, number>;
}

/** A sparse vector: column indices (ascending not required) and values. */
export interface SparseVector {
  readonly index: Int32Array;
  readonly value: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x9e3779b1;
const CHAR_SEED = 0x85ebca6b;
const PROMPT_SEEDS: Readonly<Record<PromptKind, number>> = {
  positive: 0x27d4eb2f,
  improvement: 0x165667b1,
  neutral: 0x61c88647,
};
const EN_WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

function hashString(text: string, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b + 0x7f4a7c15 + (a << 6) + (a >>> 2)), 0x27d4eb2d);
  h ^= h >>> 15;
  return h >>> 0;
}

function add(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Word forms for the word block (French: stems) and the char block (folded surface forms). */
interface Words {
  readonly stems: readonly (string | null)[];
  readonly surfaces: readonly string[];
}

function frenchWords(text: string, normalizer: FrenchNormalizer): Words {
  const stems: (string | null)[] = [];
  const surfaces: string[] = [];
  for (const token of normalizer.normalize(text)) {
    if (token.kind === 'boundary') {
      stems.push(null);
      continue;
    }
    stems.push(token.stem);
    if (token.kind === 'word') surfaces.push(token.norm);
  }
  return { stems, surfaces };
}

function englishWords(text: string, stem: boolean): Words {
  const surfaces = (foldFrench(text).match(EN_WORD_RE) ?? []).map((w) => w.replace(/['’]/g, ''));
  return { stems: stem ? surfaces.map(stemEnglish) : surfaces, surfaces };
}

/** Builds a featurizer; it owns its normalizer, so build it once per head. */
export function createTermCounter(settings: FeatureSettings): (text: string, prompt: PromptKind) => TermCounts {
  const mask = (1 << settings.bucketBits) - 1;
  // Char n-grams and prompt crosses hash into their own ranges, so that blocks never collide.
  const charOffset = 1 << settings.bucketBits;
  const crossOffset = 2 << settings.bucketBits;
  const charMin = settings.charMin;
  const normalizer = createFrenchNormalizer({ stemmer: 'light' });
  return (text, prompt) => {
    const { stems, surfaces } =
      settings.lang === 'fr' ? frenchWords(text, normalizer) : englishWords(text, settings.stemEnglish);
    const word = new Map<number, number>();
    const cross = new Map<number, number>();
    const promptSeed = PROMPT_SEEDS[prompt];
    let previous = -1;
    for (const stem of stems) {
      if (stem === null) {
        previous = -1;
        continue;
      }
      const h = hashString(stem, WORD_SEED);
      add(word, h & mask);
      if (settings.promptCrossWeight > 0) add(cross, crossOffset + (mix(h, promptSeed) & mask));
      // A bigram never spans a sentence or clause boundary.
      if (previous >= 0) add(word, mix(previous, h) & mask);
      previous = h;
    }
    const char = new Map<number, number>();
    for (const surface of surfaces) {
      const padded = ` ${surface} `;
      for (let i = 0; i + charMin <= padded.length; i++) {
        let h = (FNV_OFFSET ^ CHAR_SEED) >>> 0;
        for (let j = 0; j < 5 && i + j < padded.length; j++) {
          h = Math.imul(h ^ padded.charCodeAt(i + j), FNV_PRIME);
          if (j >= charMin - 1) add(char, charOffset + ((h >>> 0) & mask));
        }
      }
    }
    return { word, char, cross };
  };
}

/** Columns and inverse document frequencies fitted on the training texts. */
export interface Vocabulary {
  /** Hash bucket of each column, ascending. */
  readonly buckets: Int32Array;
  /** Smoothed idf of each column: ln((1 + n) / (1 + df)) + 1. */
  readonly idf: Float32Array;
}

/** Keeps every bucket seen in training, with its idf. */
export function fitVocabulary(counts: readonly TermCounts[]): Vocabulary {
  const df = new Map<number, number>();
  for (const c of counts) {
    const seen = new Set<number>([...c.word.keys(), ...c.char.keys(), ...c.cross.keys()]);
    for (const bucket of seen) df.set(bucket, (df.get(bucket) ?? 0) + 1);
  }
  const buckets = Int32Array.from(df.keys()).sort();
  const n = counts.length;
  const idf = Float32Array.from(buckets, (b) => Math.log((1 + n) / (1 + (df.get(b) ?? 0))) + 1);
  return { buckets, idf };
}

/** What a vectorizer needs besides the counts. */
export interface VectorInput {
  readonly counts: TermCounts;
  readonly prompt: PromptKind;
  /** Codebook rule scores per label, in [0, 1]; empty when the head has no lexical features. */
  readonly lexical: ArrayLike<number>;
}

/**
 * Column layout: the vocabulary's columns, then a bias, two prompt indicators and one column per
 * lexical score. Returns the vectorizer and the total dimension.
 */
export function createVectorizer(
  vocabulary: Vocabulary,
  settings: FeatureSettings,
  lexicalCount: number,
): { dimension: number; vectorize(input: VectorInput): SparseVector } {
  const columnOf = new Map<number, number>();
  vocabulary.buckets.forEach((bucket, column) => {
    columnOf.set(bucket, column);
  });
  const base = vocabulary.buckets.length;
  const dimension = base + 3 + lexicalCount;
  const vectorize = ({ counts, prompt, lexical }: VectorInput): SparseVector => {
    const index: number[] = [];
    const value: number[] = [];
    // Each block is sublinear-tf × idf, l2-normalized on its own, so that short texts' few words
    // are not drowned by their many char n-grams.
    for (const [block, weight] of [
      [counts.word, settings.wordWeight],
      [counts.char, settings.charWeight],
      [counts.cross, settings.promptCrossWeight],
    ] as const) {
      const start = index.length;
      let norm = 0;
      for (const [bucket, tf] of block) {
        const column = columnOf.get(bucket);
        if (column === undefined) continue;
        const x = (1 + Math.log(tf)) * (vocabulary.idf[column] ?? 0);
        index.push(column);
        value.push(x);
        norm += x * x;
      }
      const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
      for (let i = start; i < value.length; i++) value[i] = (value[i] as number) * scale;
    }
    index.push(base);
    value.push(1);
    if (prompt !== 'neutral' && settings.promptWeight > 0) {
      index.push(base + (prompt === 'positive' ? 1 : 2));
      value.push(settings.promptWeight);
    }
    for (let k = 0; k < lexicalCount; k++) {
      const score = lexical[k] ?? 0;
      if (score > 0) {
        index.push(base + 3 + k);
        value.push(score * settings.lexicalWeight);
      }
    }
    return { index: Int32Array.from(index), value: Float32Array.from(value) };
  };
  return { dimension, vectorize };
}
