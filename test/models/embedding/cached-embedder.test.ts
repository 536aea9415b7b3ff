/**
 * The cache in front of an embedder: a hit never reaches the model, duplicates are embedded
 * once, and the store's table is a cache like the memory one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../../models/embedder.js';
import { createMemoryEmbeddingCache, textSha256, withEmbeddingCache } from '../../../models/embedding/index.js';
import { openStore } from '../../../pipeline/store/open-store.js';
import type { Store } from '../../../pipeline/store/store.js';

/** A deterministic fake model that records every text it was asked to embed. */
function countingEmbedder(): Embedder & { seen: string[] } {
  const seen: string[] = [];
  return {
    modelId: 'fake#000000000000',
    dimension: 3,
    seen,
    async embed(texts) {
      seen.push(...texts);
      return texts.map((t) => {
        const v = Float32Array.from([t.length, t.charCodeAt(0) || 1, 1]);
        const n = Math.hypot(...v);
        return v.map((x) => x / n);
      });
    },
    async dispose() {},
  };
}

describe('withEmbeddingCache', () => {
  it('embeds each distinct text once and answers repeats from the cache', async () => {
    const model = countingEmbedder();
    const cached = withEmbeddingCache(model, createMemoryEmbeddingCache());
    const first = await cached.embed(['b', 'aa', 'b', 'ccc']);
    expect(model.seen).toEqual(['b', 'aa', 'ccc']);
    expect(cached.counters).toEqual({ hits: 0, computed: 3 });
    const second = await cached.embed(['ccc', 'b', 'dddd']);
    expect(model.seen).toEqual(['b', 'aa', 'ccc', 'dddd']);
    expect(cached.counters).toEqual({ hits: 2, computed: 4 });
    expect(Array.from(second[0] as Float32Array)).toEqual(Array.from(first[3] as Float32Array));
    expect(Array.from(second[1] as Float32Array)).toEqual(Array.from(first[0] as Float32Array));
  });

  it('keys rows by model: another model id does not see them', async () => {
    const cache = createMemoryEmbeddingCache();
    await withEmbeddingCache(countingEmbedder(), cache).embed(['x']);
    expect((await cache.getEmbeddings('fake#000000000000', [textSha256('x')])).size).toBe(1);
    expect((await cache.getEmbeddings('other#1', [textSha256('x')])).size).toBe(0);
  });

  describe('with the SQLite store as cache', () => {
    let dir = '';
    let store: Store;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'vb-emb-cache-'));
      store = await openStore(join(dir, 'verbatim.db'));
    });
    afterAll(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('a second process (new wrapper, same store) recomputes nothing', async () => {
      const texts = ['Attente aux urgences.', 'Personnel à l’écoute.', 'Attente aux urgences.'];
      const firstModel = countingEmbedder();
      const a = await withEmbeddingCache(firstModel, store).embed(texts);
      expect(firstModel.seen).toHaveLength(2);
      const secondModel = countingEmbedder();
      const again = withEmbeddingCache(secondModel, store);
      const b = await again.embed(texts);
      expect(secondModel.seen).toEqual([]);
      expect(again.counters).toEqual({ hits: 3, computed: 0 });
      expect(b.map((v) => Array.from(v))).toEqual(a.map((v) => Array.from(v)));
    });
  });
});
