/**
 * The embedding cache's Store methods, run on every engine (SQLite and PostgreSQL), as the
 * main Store suite is.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { textSha256 } from '../../../models/embedding/index.js';
import type { Store } from '../../../pipeline/store/store.js';

const vector = (seed: number, dim = 8) => Float32Array.from({ length: dim }, (_, i) => Math.sin(seed * 31 + i) / 3);

export function embeddingStoreSuite(open: () => Promise<Store>, cleanup: () => Promise<void>): void {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
    await cleanup();
  });

  it('returns exactly the float32 vectors it was given, by model and text hash', async () => {
    const a = textSha256('Attente trop longue.');
    const b = textSha256('Personnel charmant.');
    await store.putEmbeddings('tiny#aaa', [
      { textSha256: a, vector: vector(1) },
      { textSha256: b, vector: vector(2) },
    ]);
    await store.putEmbeddings('other#bbb', [{ textSha256: a, vector: vector(3, 4) }]);
    const got = await store.getEmbeddings('tiny#aaa', [a, b, textSha256('jamais vu')]);
    expect([...got.keys()].sort()).toEqual([a, b].sort());
    expect(Array.from(got.get(a) as Float32Array)).toEqual(Array.from(vector(1)));
    expect(Array.from(got.get(b) as Float32Array)).toEqual(Array.from(vector(2)));
    const other = await store.getEmbeddings('other#bbb', [a, b]);
    expect([...other.keys()]).toEqual([a]);
    expect((other.get(a) as Float32Array).length).toBe(4);
  });

  it('upserts: the same key twice (even within one call) keeps one row, the last vector', async () => {
    const h = textSha256('Repas froids.');
    await store.putEmbeddings('tiny#aaa', [
      { textSha256: h, vector: vector(4) },
      { textSha256: h, vector: vector(5) },
    ]);
    await store.putEmbeddings('tiny#aaa', [{ textSha256: h, vector: vector(6) }]);
    const rows = await store.db.selectFrom('embeddings').select(['model_id']).where('text_sha256', '=', h).execute();
    expect(rows).toHaveLength(1);
    expect(Array.from((await store.getEmbeddings('tiny#aaa', [h])).get(h) as Float32Array)).toEqual(
      Array.from(vector(6)),
    );
  });

  it('stores hashes and vectors only, never the text', async () => {
    const text = 'Le docteur ne répond jamais.';
    await store.putEmbeddings('tiny#aaa', [{ textSha256: textSha256(text), vector: vector(7) }]);
    const rows = await store.db.selectFrom('embeddings').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('docteur');
    for (const row of rows) expect(row.text_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('looks up more hashes than one IN list holds', async () => {
    const hashes = Array.from({ length: 6_000 }, (_, i) => textSha256(`texte ${i}`));
    await store.putEmbeddings(
      'bulk#ccc',
      hashes.slice(0, 5_500).map((h, i) => ({ textSha256: h, vector: vector(i, 2) })),
    );
    const got = await store.getEmbeddings('bulk#ccc', hashes);
    expect(got.size).toBe(5_500);
    expect(Array.from(got.get(hashes[5_499] as string) as Float32Array)).toEqual(Array.from(vector(5_499, 2)));
  });
}
