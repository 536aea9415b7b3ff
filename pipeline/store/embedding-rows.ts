/**
 * Reads and writes the embedding cache table (migration 0002) for `KyselyStore`: vectors as
 * base64 of little-endian float32, looked up by model id and text sha256.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { CachedEmbedding } from './store.js';
import { upsertRows } from './upsert-rows.js';

/** Hashes per `IN (...)` query: far under both engines' parameter limits. */
const LOOKUP_BATCH = 5_000;

/** base64 of the vector's float32 bytes (little-endian on every platform Node runs on). */
export function encodeVector(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

/** The inverse of encodeVector; a copy, aligned, whatever the Buffer pool's offset. */
export function decodeVector(base64: string, dim: number): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== dim * 4) throw new RangeError(`embedding of ${bytes.length} bytes, expected ${dim * 4}`);
  const out = new Float32Array(dim);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export async function getEmbeddingRows(
  db: Kysely<Database>,
  modelId: string,
  hashes: readonly string[],
): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  const unique = [...new Set(hashes)];
  for (let i = 0; i < unique.length; i += LOOKUP_BATCH) {
    const rows = await db
      .selectFrom('embeddings')
      .select(['text_sha256', 'dim', 'vector'])
      .where('model_id', '=', modelId)
      .where('text_sha256', 'in', unique.slice(i, i + LOOKUP_BATCH))
      .execute();
    for (const row of rows) out.set(row.text_sha256, decodeVector(row.vector, Number(row.dim)));
  }
  return out;
}

export async function putEmbeddingRows(
  db: Kysely<Database>,
  modelId: string,
  entries: readonly CachedEmbedding[],
  createdAt: string,
): Promise<void> {
  // One row per hash: PostgreSQL refuses an upsert that touches the same key twice.
  const unique = [...new Map(entries.map((e) => [e.textSha256, e])).values()];
  const rows = unique.map((e) => ({
    model_id: modelId,
    text_sha256: e.textSha256,
    dim: e.vector.length,
    vector: encodeVector(e.vector),
    created_at: createdAt,
  }));
  await upsertRows(db, 'embeddings', ['model_id', 'text_sha256'], rows);
}
