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
  | { ok: true; modelId: string; vectors: Float32Array[]; hits: number; computed: number; failedWrites: number }
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

let cache: Promise<EmbeddingCache> | undefined;
/** Cache writes run one after another, after the answer they belong to has been sent. */
let writes: Promise<void> = Promise.resolve();
let failedWrites = 0;
/** Writes waiting for their answer to be sent. */
const pending: (() => Promise<void>)[] = [];

/** Starts the waiting writes, in order; called right after an answer was sent. */
function startWrites(): void {
  for (const write of pending.splice(0)) {
    writes = writes.then(write).catch(() => {
      failedWrites++;
    });
  }
}

/**
 * The store is opened on the first request, not at start: by then the process that created
 * this worker has opened (and migrated) it, so two connections never race on the migration.
 * Writes are deferred: the caller is blocked until it has its vectors, and it may hold the
 * store's write lock (an open SQLite transaction), so a write made before answering could wait
 * on it forever. A failed cache write only costs a recomputation later; it is counted.
 */
function openCache(): Promise<EmbeddingCache> {
  cache ??= (async (): Promise<EmbeddingCache> => {
    if (cacheUrl === undefined) return createMemoryEmbeddingCache();
    const store = await openStore(cacheUrl, pgSchema === undefined ? {} : { pgSchema, pgPoolSize: 2 });
    return {
      getEmbeddings: (modelId, hashes) => store.getEmbeddings(modelId, hashes),
      putEmbeddings: async (modelId, entries) => {
        pending.push(() => store.putEmbeddings(modelId, entries));
      },
    };
  })();
  return cache;
}

const loading: Promise<Embedder> = loadEmbedder(options);
// A failed load is reported on the first request; this only keeps it from being "unhandled".
loading.catch(() => undefined);
let cached: ReturnType<typeof withEmbeddingCache> | undefined;

async function embedder() {
  cached ??= withEmbeddingCache(await loading, await openCache());
  return cached;
}

port.on('message', (message: string[] | { flush: true }) => {
  if (!Array.isArray(message)) {
    // dispose(): let the deferred cache writes land before the worker is terminated.
    writes.then(() => reply({ ok: true, modelId: '', vectors: [], hits: 0, computed: 0, failedWrites }));
    return;
  }
  embedder()
    .then(async (embedder) => {
      const before = { ...embedder.counters };
      const vectors = await embedder.embed(message);
      return {
        ok: true as const,
        modelId: embedder.modelId,
        vectors,
        hits: embedder.counters.hits - before.hits,
        computed: embedder.counters.computed - before.computed,
        failedWrites,
      };
    })
    .then(reply, (error: unknown) => reply(failure(error)))
    .then(startWrites);
});
