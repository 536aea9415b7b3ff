/**
 * Names shared by the driver, the workers and `verbatim queues`: the chunk queue, the Redis key
 * prefix and the job id of a chunk. One file so that every process agrees on them.
 */
import type { RunId } from '../pipeline/record.js';

/** The BullMQ queue every chunk job goes through. */
export const CHUNK_QUEUE = 'verbatim-chunks';

/** Redis key prefix of Verbatim's queues; tests pass their own to stay isolated. @defaultValue `verbatim` */
export const DEFAULT_QUEUE_PREFIX = 'verbatim';

/**
 * Deterministic job id of a chunk: re-submitting the same chunk (driver restarted, resume) adds
 * nothing new. BullMQ forbids `:` in custom ids; run ids are `[A-Za-z0-9_.-]+`, so `-` is safe.
 */
export function chunkJobId(runId: RunId, chunkIndex: number): string {
  return `${runId}-${chunkIndex}`;
}
