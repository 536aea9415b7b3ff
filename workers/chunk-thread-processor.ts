/**
 * The chunk processor as it runs in a worker thread (see `chunk-thread.js`): segmentation and
 * classification are synchronous CPU work, and in the main thread they would hold the event loop
 * for a whole chunk, delaying lock renewals, stalled-job checks and shutdown signals. Each thread
 * opens its own store connection and builds its own classifier, once, when it starts.
 */
import { workerData } from 'node:worker_threads';
import { buildClassifier } from '../cli/build-classifier.js';
import { type ChunkJob, type ChunkQueueResult, createChunkProcessor } from './chunk-processor.js';
import { ChunkThreadSettingsSchema } from './chunk-thread-settings.js';
import { openSharedStore } from './open-shared-store.js';

type Processor = (job: ChunkJob) => Promise<ChunkQueueResult>;

const settings = ChunkThreadSettingsSchema.parse(workerData);

// Per-thread state, by necessity: BullMQ calls the module's export for every job, so the store and
// model live in the module. A thread serves one worker process only.
let ready: Promise<Processor> | undefined;

async function open(): Promise<Processor> {
  const { classifier } = buildClassifier({
    model: settings.model,
    codebook: settings.codebook,
    modelsDir: settings.modelsDir,
  });
  const store = await openSharedStore(settings.db, {
    ...(settings.pgSchema ? { pgSchema: settings.pgSchema } : {}),
    pgPoolSize: settings.pgPoolSize,
  });
  return createChunkProcessor({ store, classifier });
}

// Opened while the thread starts, not on its first job: `verbatim worker` starts its threads
// before it says it is ready (start-worker.ts), so the model is loaded and the connection pooled
// by then. A failure here is not fatal: the first job opens again and reports the error.
ready = open();
await ready.catch(() => {
  ready = undefined;
});

/** Processes one job of the chunk queue in this thread. */
export async function processChunkJob(job: ChunkJob): Promise<ChunkQueueResult> {
  ready ??= open();
  let processor: Processor;
  try {
    processor = await ready;
  } catch (error) {
    ready = undefined; // PostgreSQL was down: the next attempt opens again.
    throw error;
  }
  return processor(job);
}
