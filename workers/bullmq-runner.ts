/**
 * The distributed runner: a run becomes a BullMQ flow on Redis (a parent run job whose children
 * are the chunk jobs, see `run-flow.ts`), processed by `verbatim worker` processes anywhere that
 * share the store. Delivery is at-least-once (retries with exponential backoff, stalled-job
 * recovery); the effect is exactly-once because job ids are deterministic and the store upserts.
 *
 * Progress and backpressure come from QueueEvents (Redis streams), not from reading job states in
 * a loop. A slow check of the pending jobs' states stays as a safety net: an event can be missed
 * while Redis restarts, and a missed event must not hang a run.
 */
import { FlowProducer, Queue, QueueEvents } from 'bullmq';
import { VerbatimError } from '../pipeline/errors.js';
import type { RunId } from '../pipeline/record.js';
import {
  type ChunkPayload,
  type ChunkResult,
  ChunkResultSchema,
  type DeadLetter,
  type RunOutcome,
  RunOutcomeSchema,
} from './payloads.js';
import { CHUNK_QUEUE, chunkJobId, DEFAULT_QUEUE_PREFIX, JOB_NAMES, RUN_QUEUE, runJobId } from './queue-names.js';
import { redisConnection } from './redis-connection.js';
import { openRunFlow, type RunFlowState, releaseSeal } from './run-flow.js';
import type { Runner } from './runner.js';

export interface BullMqRunnerOptions {
  /** `redis://` URL of the queue. */
  redisUrl: string;
  /** Redis key prefix. @defaultValue `verbatim` */
  prefix?: string;
  /** Chunks of this run enqueued but not yet finished before `submit` waits. @defaultValue 8 */
  maxPending?: number;
  /** Attempts per chunk before it is dead-lettered. @defaultValue 5 */
  attempts?: number;
  /** First retry delay, doubled at each attempt (ms). @defaultValue 1000 */
  backoffMs?: number;
  /** Safety-net check of pending jobs when no event came (ms). @defaultValue 2000 */
  safetyCheckMs?: number;
  /** Called after each completed chunk, from its QueueEvents `completed` event (progress). */
  onChunkDone?: (result: ChunkResult) => void;
}

/** What `begin` found and `submit` did, for the resume message. */
export interface FlowCounts {
  /** Chunks whose result Redis already held (an earlier attempt at this run). */
  alreadyDone: number;
  /** Chunks still queued or running from an earlier attempt, followed rather than re-added. */
  reattached: number;
  /** Chunks added by this attempt. */
  enqueued: number;
}

export class BullMqRunner implements Runner {
  readonly #prefix: string;
  readonly #flow: FlowProducer;
  readonly #chunks: Queue;
  readonly #runs: Queue;
  readonly #chunkEvents: QueueEvents;
  readonly #runEvents: QueueEvents;
  readonly #maxPending: number;
  readonly #attempts: number;
  readonly #backoffMs: number;
  readonly #safetyCheckMs: number;
  readonly #onChunkDone: ((result: ChunkResult) => void) | undefined;
  /** Job ids of this run's chunks enqueued and not yet seen finished. */
  readonly #pending = new Set<string>();
  #wake: (() => void) | undefined;
  #runId: RunId | undefined;
  #state: RunFlowState = { kind: 'new' };
  #outcome: RunOutcome | undefined;
  readonly #counts: FlowCounts = { alreadyDone: 0, reattached: 0, enqueued: 0 };

  constructor(options: BullMqRunnerOptions) {
    const connection = redisConnection(options.redisUrl);
    this.#prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
    const common = { connection, prefix: this.#prefix };
    this.#flow = new FlowProducer(common);
    this.#chunks = new Queue(CHUNK_QUEUE, common);
    this.#runs = new Queue(RUN_QUEUE, common);
    this.#chunkEvents = new QueueEvents(CHUNK_QUEUE, common);
    this.#runEvents = new QueueEvents(RUN_QUEUE, common);
    this.#maxPending = options.maxPending ?? 8;
    this.#attempts = options.attempts ?? 5;
    this.#backoffMs = options.backoffMs ?? 1000;
    this.#safetyCheckMs = options.safetyCheckMs ?? 2000;
    this.#onChunkDone = options.onChunkDone;
    this.#chunkEvents.on('completed', ({ jobId, returnvalue }) => {
      if (!this.#pending.delete(jobId)) return;
      const value: unknown = typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue;
      const result = ChunkResultSchema.safeParse(value);
      if (result.success) this.#onChunkDone?.(result.data);
      this.#notify();
    });
    this.#chunkEvents.on('failed', ({ jobId }) => {
      // A retry or a final failure: ask Redis. If Redis is down now, the safety net asks again later.
      if (this.#pending.has(jobId)) this.#reconcile().catch(() => undefined);
    });
    this.#runEvents.on('completed', ({ jobId }) => {
      if (jobId === this.#runId) this.#notify();
    });
    this.#runEvents.on('failed', ({ jobId }) => {
      if (jobId === this.#runId) this.#notify();
    });
  }

  /** Opens the run's flow, or finds what an earlier attempt left in Redis (resume). */
  async begin(runId: RunId): Promise<void> {
    // Listen before anything is enqueued, so that no completion event is missed.
    await Promise.all([this.#chunkEvents.waitUntilReady(), this.#runEvents.waitUntilReady()]);
    this.#runId = runId;
    this.#state = await openRunFlow(this.#flow, this.#runs, CHUNK_QUEUE, runId);
    if (this.#state.kind === 'finished') this.#outcome = this.#state.outcome;
  }

  /** What this attempt found and did; `alreadyDone + reattached > 0` means it resumed a run. */
  get counts(): Readonly<FlowCounts> {
    return { ...this.#counts };
  }

  async submit(payload: ChunkPayload): Promise<void> {
    if (this.#runId !== payload.runId) throw new Error(`BullMqRunner: begin(${payload.runId}) was not called`);
    const state = this.#state;
    if (state.kind === 'finished') return;
    if (state.kind === 'open' && (state.processed.has(payload.chunkIndex) || state.failed.has(payload.chunkIndex))) {
      this.#counts.alreadyDone++;
      return;
    }
    const jobId = chunkJobId(payload.runId, payload.chunkIndex);
    if (state.kind === 'open' && (await this.#chunks.getJobState(jobId)) !== 'unknown') {
      // Still waiting, delayed for a retry or running: follow it rather than add it again.
      this.#counts.reattached++;
    } else {
      try {
        await this.#chunks.add(JOB_NAMES.chunk, payload, {
          jobId,
          parent: { id: runJobId(payload.runId), queue: `${this.#prefix}:${RUN_QUEUE}` },
          // A chunk that fails for good is recorded in the parent, which still completes.
          ignoreDependencyOnFailure: true,
          attempts: this.#attempts,
          backoff: { type: 'exponential', delay: this.#backoffMs },
          // The payload holds pseudonymized text: nothing keeps it in Redis once processed. The
          // counts stay in the parent; a failure's reason in the parent and the audit table.
          removeOnComplete: true,
          removeOnFail: true,
        });
      } catch (error) {
        if (/parent/i.test(error instanceof Error ? error.message : '')) throw this.#lost();
        throw error;
      }
      this.#counts.enqueued++;
    }
    this.#pending.add(jobId);
    while (this.#pending.size > this.#maxPending) await this.#waitForChange();
  }

  /** Waits until the parent run job completed; returns every chunk's result in chunk order. */
  async drain(): Promise<ChunkResult[]> {
    const runId = this.#runId;
    if (!runId) return [];
    if (!this.#outcome) {
      await releaseSeal(this.#chunks, runId);
      this.#outcome = await this.#waitForRun(runId);
    }
    return this.#outcome.results;
  }

  /** Chunks that failed on every attempt (each one is in the audit table), after `drain`. */
  deadLetterCount(): number {
    return this.#outcome?.deadLetters.length ?? 0;
  }

  get deadLetters(): readonly DeadLetter[] {
    return this.#outcome?.deadLetters ?? [];
  }

  /** Removes the finished parent (and with it the counts it held): nothing of the run stays in Redis. */
  async forget(): Promise<void> {
    if (!this.#runId || !this.#outcome) return;
    const parent = await this.#runs.getJob(runJobId(this.#runId));
    await parent?.remove();
  }

  /** Workers connected to the chunk queue now (a run with none waits until one starts). */
  async workerCount(): Promise<number> {
    return this.#chunks.getWorkersCount();
  }

  /** Closes the Redis connections; the jobs stay for the workers. */
  async close(): Promise<void> {
    this.#notify();
    await Promise.all([
      this.#chunkEvents.close(),
      this.#runEvents.close(),
      this.#flow.close(),
      this.#chunks.close(),
      this.#runs.close(),
    ]);
  }

  async #waitForRun(runId: RunId): Promise<RunOutcome> {
    for (;;) {
      const state = await this.#runs.getJobState(runJobId(runId));
      if (state === 'completed') {
        const job = await this.#runs.getJob(runJobId(runId));
        if (job) return RunOutcomeSchema.parse(job.returnvalue);
      }
      if (state === 'unknown') throw this.#lost();
      if (state === 'failed') {
        const job = await this.#runs.getJob(runJobId(runId));
        throw new VerbatimError('INTERNAL', `run job ${runId} failed: ${job?.failedReason ?? 'unknown reason'}`);
      }
      await this.#waitForChange();
    }
  }

  /** Resolves on the next relevant event, or after the safety-net delay having checked Redis. */
  async #waitForChange(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const woke = await new Promise<boolean>((resolve) => {
      this.#wake = () => resolve(true);
      timer = setTimeout(() => resolve(false), this.#safetyCheckMs);
    });
    clearTimeout(timer);
    this.#wake = undefined;
    if (!woke) await this.#reconcile();
  }

  #notify(): void {
    this.#wake?.();
  }

  /** Reads the pending jobs' states: a job gone or finished is no longer pending. */
  async #reconcile(): Promise<void> {
    const ids = [...this.#pending];
    const states = await Promise.all(ids.map((id) => this.#chunks.getJobState(id)));
    let changed = false;
    for (const [i, id] of ids.entries()) {
      const state = states[i];
      if (state === 'unknown' || state === 'completed' || state === 'failed') {
        changed = this.#pending.delete(id) || changed;
      }
    }
    if (changed) this.#notify();
  }

  #lost(): VerbatimError {
    const runId = this.#runId ?? '?';
    return new VerbatimError(
      'SERVICE_UNREACHABLE',
      `Redis no longer holds run ${runId} (restarted without persistence, or flushed); start it again with --resume ${runId}`,
    );
  }
}
