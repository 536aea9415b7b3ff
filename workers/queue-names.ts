/**
 * Names shared by the driver, the workers, `verbatim queues` and the admin board: the queues, the
 * Redis key prefix and the deterministic job ids. One file so that every process agrees on them.
 */
import type { RunId } from '../pipeline/record.js';

/** The BullMQ queue every chunk job goes through. */
export const CHUNK_QUEUE = 'verbatim-chunks';

/** The BullMQ queue of run jobs: one parent per run, whose children are the run's chunk jobs. */
export const RUN_QUEUE = 'verbatim-runs';

/** Every queue Verbatim uses, for `verbatim queues` and the admin board. */
export const QUEUE_NAMES = [RUN_QUEUE, CHUNK_QUEUE] as const;

/** Job names: a chunk to process, the seal child that holds a run open while it is read, the run. */
export const JOB_NAMES = { chunk: 'chunk', seal: 'seal', run: 'run' } as const;

/** Redis key prefix of Verbatim's queues; tests pass their own to stay isolated. @defaultValue `verbatim` */
export const DEFAULT_QUEUE_PREFIX = 'verbatim';

/**
 * Deterministic job id of a chunk: re-submitting the same chunk (driver restarted, resume) adds
 * nothing new. BullMQ forbids `:` in custom ids; run ids are `[A-Za-z0-9_.-]+`, so `-` is safe.
 */
export function chunkJobId(runId: RunId, chunkIndex: number): string {
  return `${runId}-${chunkIndex}`;
}

/** Job id of a run's parent job: the run id itself (already `[A-Za-z0-9_.-]+`). */
export function runJobId(runId: RunId): string {
  return runId;
}

/** Job id of the seal child that keeps a run's parent waiting until every chunk is enqueued. */
export function sealJobId(runId: RunId): string {
  return `${runId}-seal`;
}

/**
 * Chunk index of a child job key (`<prefix>:<queue>:<run>-<n>`) as the parent job lists its
 * children; `undefined` for the seal or a key of another shape.
 */
export function chunkIndexOfKey(jobKey: string): number | undefined {
  const match = /-(\d+)$/.exec(jobKey);
  return match ? Number(match[1]) : undefined;
}
