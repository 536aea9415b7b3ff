/**
 * The BullMQ processor of `verbatim worker`: validates the payload, finds the run's settings in
 * the shared store and calls `processChunk`, the same function as the embedded runner.
 */
import { UnrecoverableError } from 'bullmq';
import type { Classifier } from '../pipeline/classify/classifier.js';
import type { RunId } from '../pipeline/record.js';
import type { Store } from '../pipeline/store/store.js';
import { ChunkPayloadSchema, type ChunkResult } from './payloads.js';
import { processChunk } from './process-chunk.js';
import { JOB_NAMES } from './queue-names.js';
import { loadRunSettings, type RunSettings } from './run-settings.js';

/** What the processor is built from, once per worker process. */
export interface ChunkProcessorContext {
  store: Store;
  classifier: Classifier;
}

/** Job fields the processor reads; a structural subset of BullMQ's `Job` (and its sandboxed copy). */
export interface ChunkJob {
  id?: string | undefined;
  name?: string | undefined;
  data: unknown;
}

/** What the seal job returns: it only marks that every chunk of the run was enqueued. */
export interface SealResult {
  sealed: true;
}

/** What a job on the chunk queue returns. */
export type ChunkQueueResult = ChunkResult | SealResult;

/** Builds the processor; it caches each run's settings (a worker sees few runs). */
export function createChunkProcessor(ctx: ChunkProcessorContext): (job: ChunkJob) => Promise<ChunkQueueResult> {
  const settings = new Map<RunId, RunSettings>();
  return async (job) => {
    if (job.name === JOB_NAMES.seal) return { sealed: true };
    const parsed = ChunkPayloadSchema.safeParse(job.data);
    if (!parsed.success) {
      // Retrying cannot fix a malformed payload. The message names paths and codes, never text.
      const issue = parsed.error.issues[0];
      throw new UnrecoverableError(`invalid chunk payload at ${issue?.path.join('.') ?? '?'}: ${issue?.code ?? '?'}`);
    }
    const payload = parsed.data;
    let run = settings.get(payload.runId);
    if (!run) {
      run = await loadRunSettings(ctx.store, payload.runId);
      // Not found: the worker's --db is not the driver's. Retries give the operator time to fix it.
      if (!run) throw new Error(`run ${payload.runId} not found in this worker's store (--db)`);
      settings.set(payload.runId, run);
    }
    const { classifier } = ctx;
    if (run.modelVersion !== classifier.modelVersion || run.codebookVersion !== classifier.codebookVersion) {
      throw new UnrecoverableError(
        `run ${payload.runId} uses ${run.modelVersion}/${run.codebookVersion}, this worker ${classifier.modelVersion}/${classifier.codebookVersion}`,
      );
    }
    return processChunk(payload, {
      store: ctx.store,
      classifier,
      segmentOptions: run.segmentOptions,
      lang: run.lang,
    });
  };
}
