/**
 * Starts the two BullMQ workers of a `verbatim worker` process: one on the chunk queue, one on the
 * run queue (the parent jobs, see `run-processor.ts`).
 *
 * Chunks run in worker threads by default (BullMQ's sandboxed processors with
 * `useWorkerThreads`): classification is synchronous CPU work, and in the main thread it would
 * hold the event loop for a whole chunk, so lock renewals, stalled-job checks and SIGTERM would
 * wait behind it. With threads, `concurrency` N means N chunks on N cores in one process. The
 * in-process form stays for tests that inject a processor.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import type { Store } from '../pipeline/store/store.js';
import type { ChunkJob, ChunkQueueResult } from './chunk-processor.js';
import type { ChunkThreadSettings } from './chunk-thread-settings.js';
import type { RunOutcome } from './payloads.js';
import { CHUNK_QUEUE, DEFAULT_QUEUE_PREFIX, RUN_QUEUE } from './queue-names.js';
import { redisConnection } from './redis-connection.js';
import { createRunProcessor, type RunJob } from './run-processor.js';

/** The thread entry BullMQ imports (plain JavaScript: it registers the TypeScript loader). */
const THREAD_ENTRY = fileURLToPath(new URL('./chunk-thread.js', import.meta.url));

/** How chunk jobs are processed: in worker threads (the default of the CLI) or by a function here. */
export type ChunkProcessing =
  | { kind: 'threads'; settings: ChunkThreadSettings }
  | { kind: 'in-process'; processor: (job: ChunkJob) => Promise<ChunkQueueResult> };

export interface StartWorkerOptions {
  redisUrl: string;
  /** The shared store: the run processor writes dead letters to its audit table. */
  store: Store;
  /** Redis key prefix. @defaultValue `verbatim` */
  prefix?: string;
  /** Chunks processed at once by this process (threads: one per chunk). @defaultValue 1 */
  concurrency?: number;
  /** How long a job stays locked without renewal before it counts as stalled (ms). @defaultValue 30000 */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs of dead workers (ms). @defaultValue 15000 */
  stalledIntervalMs?: number;
  /**
   * Stalls allowed before a job fails for good. A stall means a worker died holding the job (or
   * blocked past the lock): once may be bad luck, twice suggests the chunk itself kills workers.
   * @defaultValue 2
   */
  maxStalledCount?: number;
}

/** The workers of one process; `close` waits for the jobs in hand. */
export interface VerbatimWorkers {
  chunks: Worker;
  runs: Worker;
  waitUntilReady(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Node flags for the threads. BullMQ passes the process's own, but a thread refuses V8 heap flags
 * such as the `--max-old-space-size` that bin/verbatim.js sets (ERR_WORKER_INVALID_EXEC_ARGV):
 * they are dropped, and the heap cap becomes the thread's `resourceLimits`.
 */
export function threadFlags(execArgv: readonly string[]): {
  execArgv: string[];
  resourceLimits?: { maxOldGenerationSizeMb: number };
} {
  const heap = /^--max[-_]old[-_]space[-_]size=(\d+)$/;
  const kept = execArgv.filter((flag) => !/^--max[-_](old|semi)[-_]space[-_]size/.test(flag));
  const cap = execArgv.map((flag) => heap.exec(flag)?.[1]).find((v) => v !== undefined);
  return cap === undefined
    ? { execArgv: kept }
    : { execArgv: kept, resourceLimits: { maxOldGenerationSizeMb: Number(cap) } };
}

/** The part of BullMQ's (internal) pool of sandboxed processors used to start threads early. */
interface ThreadPool {
  retain(processFile: string): Promise<unknown>;
  release(child: unknown): void;
}

/**
 * Starts `count` chunk threads now rather than on the first jobs: each loads the model and opens
 * its connections while it starts (about a second of CPU), which would otherwise land on the
 * first chunks of a run — and on a run's clock. BullMQ has no public call for it; without its
 * pool (another BullMQ version), threads start on demand as before.
 */
async function startThreads(worker: Worker, count: number): Promise<void> {
  const pool = (worker as unknown as { childPool?: ThreadPool }).childPool;
  if (!pool || typeof pool.retain !== 'function') return;
  const threads = await Promise.all(Array.from({ length: count }, () => pool.retain(THREAD_ENTRY)));
  for (const thread of threads) pool.release(thread);
}

export function startWorker(processing: ChunkProcessing, options: StartWorkerOptions): VerbatimWorkers {
  const common = {
    connection: redisConnection(options.redisUrl),
    prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 15_000,
    maxStalledCount: options.maxStalledCount ?? 2,
  };
  const concurrency = options.concurrency ?? 1;
  const chunks =
    processing.kind === 'threads'
      ? new Worker(CHUNK_QUEUE, THREAD_ENTRY, {
          ...common,
          concurrency,
          useWorkerThreads: true,
          workerThreadsOptions: { workerData: processing.settings, ...threadFlags(process.execArgv) },
        })
      : new Worker(CHUNK_QUEUE, processing.processor, { ...common, concurrency });
  const runProcessor = createRunProcessor(options.store);
  const runs = new Worker<unknown, RunOutcome>(RUN_QUEUE, (job) => runProcessor(job as RunJob), common);
  return {
    chunks,
    runs,
    waitUntilReady: async () => {
      await Promise.all([
        chunks.waitUntilReady(),
        runs.waitUntilReady(),
        processing.kind === 'threads' ? startThreads(chunks, concurrency) : undefined,
      ]);
    },
    close: async () => {
      await Promise.all([chunks.close(), runs.close()]);
    },
  };
}
