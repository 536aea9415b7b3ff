/**
 * Starts a BullMQ worker on the chunk queue. Chunks are processed in this process, one at a time
 * by default: classification is synchronous CPU work, so several chunks at once in one process
 * would only interleave, and a sandboxed processor would need its own store, model and TypeScript
 * loader per child. Scale out by running one `verbatim worker` per core (or machine) instead;
 * a chunk of 500 records takes well under a second, so the lock (renewed between chunks' async
 * steps) is generous at 60 s.
 */
import { Worker } from 'bullmq';
import type { ChunkPayload, ChunkResult } from './payloads.js';
import { CHUNK_QUEUE, DEFAULT_QUEUE_PREFIX } from './queue-names.js';
import { redisConnection } from './redis-connection.js';

export interface StartWorkerOptions {
  redisUrl: string;
  /** Redis key prefix. @defaultValue `verbatim` */
  prefix?: string;
  /** Chunks processed at once by this process. @defaultValue 1 */
  concurrency?: number;
  /** How long a job stays locked without renewal before it counts as stalled (ms). @defaultValue 60000 */
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

export function startWorker(
  processor: (job: { id?: string | undefined; data: unknown }) => Promise<ChunkResult>,
  options: StartWorkerOptions,
): Worker<ChunkPayload, ChunkResult> {
  return new Worker<ChunkPayload, ChunkResult>(CHUNK_QUEUE, processor, {
    connection: redisConnection(options.redisUrl),
    prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
    concurrency: options.concurrency ?? 1,
    lockDuration: options.lockDurationMs ?? 60_000,
    stalledInterval: options.stalledIntervalMs ?? 15_000,
    maxStalledCount: options.maxStalledCount ?? 2,
  });
}
