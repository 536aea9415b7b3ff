/**
 * A synchronous face on the embedder, for the pipeline's synchronous `Classifier.classify`:
 * the model runs in a worker thread and the caller blocks on `Atomics.wait` until the vectors
 * are back (the technique of the `synckit` package). The worker is unref'd, so a process that
 * forgets `dispose()` still exits.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { VerbatimError } from '../../pipeline/errors.js';
import type { EmbedderOptions } from '../embedder.js';
import type { WorkerReply } from './embed-worker.js';

/** Embeds texts, blocking the calling thread. */
export interface SyncEmbedder {
  /** Vectors in input order, with the embedder's model id and how many came from the cache. */
  embedSync(texts: readonly string[]): {
    modelId: string;
    vectors: Float32Array[];
    hits: number;
    computed: number;
    /** Cache writes that failed so far (those vectors will be recomputed next time). */
    failedWrites: number;
  };
  dispose(): Promise<void>;
}

/** Where the worker caches vectors: a store's URL (and PostgreSQL schema). */
export interface SyncEmbedderCache {
  cacheUrl?: string | undefined;
  pgSchema?: string | undefined;
}

/** Longest wait for deferred cache writes on dispose. @defaultValue 30 s */
export const DISPOSE_FLUSH_MS = 30_000;

/** Longest wait for one request (model load included) before giving up. @defaultValue 10 min */
export const SYNC_EMBED_TIMEOUT_MS = 10 * 60_000;

/**
 * The worker's entry, evaluated as a script: the CLI runs TypeScript through tsx's loader,
 * which a worker thread does not inherit (and Node 20 ignores `--import` in a worker's
 * execArgv), so it registers tsx itself, then imports the worker module. A failed start is
 * answered on the port like any other error, so the caller never waits for a dead worker.
 */
function bootstrapSource(): string {
  // The ESM build of tsx's API (its CommonJS build cannot be imported from a worker script).
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./embed-worker.ts', import.meta.url).href;
  return `
const { workerData } = require('node:worker_threads');
import(${JSON.stringify(tsx)})
  .then((api) => { api.register(); return import(${JSON.stringify(entry)}); })
  .catch((error) => {
    const answer = () => {
      workerData.port.postMessage({ ok: false, code: 'INTERNAL', message: 'embedding worker failed to start: ' + (error && error.message) });
      Atomics.store(workerData.signal, 0, 1);
      Atomics.notify(workerData.signal, 0);
    };
    workerData.port.on('message', answer);
  });
`;
}

const stripUndefined = (o: SyncEmbedderCache) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function createSyncEmbedder(
  options: EmbedderOptions,
  cache: SyncEmbedderCache = {},
  timeoutMs = SYNC_EMBED_TIMEOUT_MS,
): SyncEmbedder {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(bootstrapSource(), {
    eval: true,
    workerData: { port: port2, signal, options, ...stripUndefined(cache) },
    transferList: [port2],
  });
  worker.unref();
  port1.unref();
  const request = (message: string[] | { flush: true }, wait: number) => {
    Atomics.store(signal, 0, 0);
    port1.postMessage(message);
    if (Atomics.wait(signal, 0, 0, wait) === 'timed-out') {
      throw new VerbatimError('INTERNAL', `embedding model gave no answer within ${wait / 1000} s`);
    }
    const reply = receiveMessageOnPort(port1)?.message as WorkerReply | undefined;
    if (reply === undefined) throw new VerbatimError('INTERNAL', 'embedding worker woke without an answer');
    if (!reply.ok) {
      const code = reply.code === 'USAGE' || reply.code === 'INPUT_UNREADABLE' ? reply.code : 'INTERNAL';
      throw new VerbatimError(code, reply.message);
    }
    return reply;
  };
  /** Whether the worker ever answered: a worker that failed to start has nothing to flush. */
  let used = false;
  return {
    embedSync(texts) {
      const reply = request([...texts], timeoutMs);
      used = true;
      return reply;
    },
    async dispose() {
      // Pending cache writes land first (bounded wait), then the thread goes.
      if (used) request({ flush: true }, DISPOSE_FLUSH_MS);
      port1.close();
      await worker.terminate();
    },
  };
}
