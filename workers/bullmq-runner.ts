/**
 * The distributed runner: each chunk becomes a BullMQ job on Redis, processed by `verbatim worker`
 * processes anywhere that share the store. Delivery is at-least-once (retries, stalled-job
 * recovery); the effect is exactly-once because job ids are deterministic and the store upserts.
 */
import { type Job, Queue } from 'bullmq';
import type { RunId } from '../pipeline/record.js';
import type { Store } from '../pipeline/store/store.js';
import { type ChunkPayload, type ChunkResult, ChunkResultSchema } from './payloads.js';
import { CHUNK_QUEUE, chunkJobId, DEFAULT_QUEUE_PREFIX } from './queue-names.js';
import { redisConnection } from './redis-connection.js';
import type { Runner } from './runner.js';

export interface BullMqRunnerOptions {
  /** `redis://` URL of the queue. */
  redisUrl: string;
  /** Store shared with the workers; dead-letter records go to its audit table. */
  store: Store;
  /** Redis key prefix. @defaultValue `verbatim` */
  prefix?: string;
  /** Chunks of this run submitted but not yet finished before `submit` waits. @defaultValue 8 */
  maxPending?: number;
  /** Attempts per chunk before it is dead-lettered. @defaultValue 5 */
  attempts?: number;
  /** First retry delay, doubled at each attempt (ms). @defaultValue 1000 */
  backoffMs?: number;
  /** How often job states are read while waiting (ms). @defaultValue 100 */
  pollMs?: number;
  /** Called after each completed chunk (progress display). */
  onChunkDone?: (result: ChunkResult) => void;
}

/** A chunk that failed for good: counted in the summary and written to the audit table. */
export interface DeadLetter {
  chunkIndex: number;
  reason: string;
}

export class BullMqRunner implements Runner {
  readonly #queue: Queue<ChunkPayload, ChunkResult>;
  readonly #store: Store;
  readonly #maxPending: number;
  readonly #attempts: number;
  readonly #backoffMs: number;
  readonly #pollMs: number;
  readonly #onChunkDone: ((result: ChunkResult) => void) | undefined;
  /** Job id → chunk index, for chunks submitted and not yet finished. */
  readonly #pending = new Map<string, { runId: RunId; chunkIndex: number }>();
  readonly #results: ChunkResult[] = [];
  readonly #deadLetters: DeadLetter[] = [];

  constructor(options: BullMqRunnerOptions) {
    this.#queue = new Queue<ChunkPayload, ChunkResult>(CHUNK_QUEUE, {
      connection: redisConnection(options.redisUrl),
      prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
    });
    this.#store = options.store;
    this.#maxPending = options.maxPending ?? 8;
    this.#attempts = options.attempts ?? 5;
    this.#backoffMs = options.backoffMs ?? 1000;
    this.#pollMs = options.pollMs ?? 100;
    this.#onChunkDone = options.onChunkDone;
  }

  /** Chunks that failed after every attempt, in chunk order. */
  deadLetterCount(): number {
    return this.#deadLetters.length;
  }

  get deadLetters(): readonly DeadLetter[] {
    return [...this.#deadLetters].sort((a, b) => a.chunkIndex - b.chunkIndex);
  }

  async submit(payload: ChunkPayload): Promise<void> {
    const jobId = chunkJobId(payload.runId, payload.chunkIndex);
    // A job left failed by an earlier attempt at this run would swallow the add (same id):
    // remove it so the chunk is tried again. A completed one is kept: its result stands (resume).
    const previous = await this.#queue.getJob(jobId);
    if (previous && (await previous.isFailed())) await previous.remove();
    await this.#queue.add('chunk', payload, {
      jobId,
      attempts: this.#attempts,
      backoff: { type: 'exponential', delay: this.#backoffMs },
      removeOnComplete: false,
      removeOnFail: false,
    });
    this.#pending.set(jobId, { runId: payload.runId, chunkIndex: payload.chunkIndex });
    while (this.#pending.size > this.#maxPending) {
      await this.#collectFinished();
      if (this.#pending.size > this.#maxPending) await sleep(this.#pollMs);
    }
  }

  /** Waits until every submitted chunk completed or was dead-lettered; never rejects for a chunk. */
  async drain(): Promise<ChunkResult[]> {
    while (this.#pending.size > 0) {
      await this.#collectFinished();
      if (this.#pending.size > 0) await sleep(this.#pollMs);
    }
    return [...this.#results].sort((a, b) => a.chunkIndex - b.chunkIndex);
  }

  /** Workers connected to the chunk queue now (a run with none waits until one starts). */
  async workerCount(): Promise<number> {
    return this.#queue.getWorkersCount();
  }

  /** Closes the Redis connections; the jobs stay for the workers. */
  async close(): Promise<void> {
    await this.#queue.close();
  }

  /** Reads the pending jobs once; moves finished ones to results or dead letters. */
  async #collectFinished(): Promise<void> {
    const ids = [...this.#pending.keys()];
    const jobs = await Promise.all(ids.map((id) => this.#queue.getJob(id)));
    for (const [i, id] of ids.entries()) {
      const job = jobs[i];
      const chunk = this.#pending.get(id);
      if (!chunk) continue;
      if (!job) {
        // Removed behind our back (queue obliterated by an operator): nothing will complete it.
        await this.#deadLetter(chunk.runId, chunk.chunkIndex, 'job removed from the queue');
        this.#pending.delete(id);
        continue;
      }
      const state = job.finishedOn ? await job.getState() : 'pending';
      if (state === 'completed') {
        const result = ChunkResultSchema.parse(job.returnvalue);
        this.#results.push(result);
        this.#pending.delete(id);
        this.#onChunkDone?.(result);
        // The payload holds pseudonymized text: it has no reason to stay in Redis once stored.
        await removeQuietly(job);
      } else if (state === 'failed') {
        await this.#deadLetter(chunk.runId, chunk.chunkIndex, job.failedReason || 'failed');
        this.#pending.delete(id);
      }
    }
  }

  async #deadLetter(runId: RunId, chunkIndex: number, reason: string): Promise<void> {
    this.#deadLetters.push({ chunkIndex, reason });
    await this.#store.appendAudit({
      actor: 'worker',
      action: 'chunk_dead_letter',
      runId,
      details: { chunkIndex, reason },
    });
  }
}

async function removeQuietly(job: Job): Promise<void> {
  try {
    await job.remove();
  } catch {
    // A job locked by a worker again (a stalled duplicate) cannot be removed now; it is an
    // idempotent re-run of a stored chunk, and leaving it costs only memory.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
