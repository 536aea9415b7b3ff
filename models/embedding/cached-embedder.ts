/**
 * An Embedder that looks vectors up in a cache first (the store's `embeddings` table, or memory)
 * and embeds only the texts it has never seen with this model. Keys are the model id and the
 * sha256 of the text, so the cache holds no text.
 */
import { createHash } from 'node:crypto';
import type { Embedder } from '../embedder.js';

/** The part of `Store` the cache needs; a store is one, so is `createMemoryEmbeddingCache()`. */
export interface EmbeddingCache {
  getEmbeddings(modelId: string, hashes: readonly string[]): Promise<Map<string, Float32Array>>;
  putEmbeddings(modelId: string, entries: readonly { textSha256: string; vector: Float32Array }[]): Promise<void>;
}

/** Hex sha256 of a text: the cache key. */
export function textSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A cache in a Map, for a process without a store (and for tests). */
export function createMemoryEmbeddingCache(): EmbeddingCache {
  const rows = new Map<string, Float32Array>();
  return {
    async getEmbeddings(modelId, hashes) {
      const out = new Map<string, Float32Array>();
      for (const h of hashes) {
        const v = rows.get(`${modelId}\u0000${h}`);
        if (v !== undefined) out.set(h, v);
      }
      return out;
    },
    async putEmbeddings(modelId, entries) {
      for (const e of entries) rows.set(`${modelId}\u0000${e.textSha256}`, e.vector);
    },
  };
}

/** Counts of a cached embedder, for logs and tests. */
export interface CacheCounters {
  /** Texts answered from the cache. */
  hits: number;
  /** Distinct texts sent to the model. */
  computed: number;
}

/** Wraps `embedder` with `cache`; duplicate texts within a call are embedded once. */
export function withEmbeddingCache(
  embedder: Embedder,
  cache: EmbeddingCache,
): Embedder & { readonly counters: CacheCounters } {
  const counters: CacheCounters = { hits: 0, computed: 0 };
  const embed = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const hashes = texts.map(textSha256);
    const found = await cache.getEmbeddings(embedder.modelId, hashes);
    const missing = new Map<string, string>();
    hashes.forEach((h, i) => {
      if (!found.has(h) && !missing.has(h)) missing.set(h, texts[i] as string);
    });
    counters.hits += texts.length - [...hashes].filter((h) => missing.has(h)).length;
    if (missing.size > 0) {
      const vectors = await embedder.embed([...missing.values()]);
      const entries = [...missing.keys()].map((textSha, k) => ({
        textSha256: textSha,
        vector: vectors[k] as Float32Array,
      }));
      await cache.putEmbeddings(embedder.modelId, entries);
      for (const e of entries) found.set(e.textSha256, e.vector);
      counters.computed += entries.length;
    }
    return hashes.map((h) => {
      const v = found.get(h);
      if (v === undefined || v.length !== embedder.dimension) {
        throw new RangeError(`embedding cache returned no ${embedder.dimension}-dimensional vector`);
      }
      return v;
    });
  };
  return Object.freeze({
    modelId: embedder.modelId,
    dimension: embedder.dimension,
    embed,
    dispose: () => embedder.dispose(),
    counters,
  });
}
