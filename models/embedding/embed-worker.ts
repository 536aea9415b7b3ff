/**
 * Worker-thread side of `createSyncEmbedder`: loads the embedder once (behind the store's
 * embedding cache when a database URL is given, else a memory cache) and answers each request
 * on the given port, then wakes the blocked caller through the shared signal. Any failure is
 * sent back as a message, so the caller never waits on a dead worker.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { openStore } from '../../pipeline/store/open-store.js';
import { type Embedder, type EmbedderOptions, loadEmbedder } from '../embedder.js';
import { createMemoryEmbeddingCache, type EmbeddingCache, withEmbeddingCache } from './cached-embedder.js';

interface WorkerInput {
  port: MessagePort;
  signal: Int32Array;
  options: EmbedderOptions;
  /** SQLite path or `postgres://` URL of the store whose `embeddings` table caches vectors. */
  cacheUrl?: string;
  /** PostgreSQL schema of that store. */
  pgSchema?: string;
}

/** What the worker sends back for each request. */
export type WorkerReply =
  | { ok: true; modelId: string; vectors: Float32Array[]; hits: number; computed: number }
  | { ok: false; code: string; message: string };

const { port, signal, options, cacheUrl, pgSchema } = workerData as WorkerInput;

function reply(message: WorkerReply): void {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function failure(error: unknown): WorkerReply {
  const code = (error as { code?: unknown }).code;
  return {
    ok: false,
    code: typeof code === 'string' ? code : 'INTERNAL',
    message: error instanceof Error ? error.message : String(error),
  };
}

async function load() {
  const embedder: Embedder = await loadEmbedder(options);
  const cache: EmbeddingCache =
    cacheUrl === undefined
      ? createMemoryEmbeddingCache()
      : await openStore(cacheUrl, pgSchema === undefined ? {} : { pgSchema, pgPoolSize: 2 });
  return withEmbeddingCache(embedder, cache);
}

const loading = load();
// A failed load is reported on the first request; this only keeps it from being "unhandled".
loading.catch(() => undefined);

port.on('message', (texts: string[]) => {
  loading
    .then(async (embedder) => {
      const before = { ...embedder.counters };
      const vectors = await embedder.embed(texts);
      return {
        ok: true as const,
        modelId: embedder.modelId,
        vectors,
        hits: embedder.counters.hits - before.hits,
        computed: embedder.counters.computed - before.computed,
      };
    })
    .then(reply, (error: unknown) => reply(failure(error)));
});
