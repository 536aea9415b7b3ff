/**
 * A Runner moves chunks through `processChunk`: in this process (`InProcessRunner`) or as
 * a BullMQ flow on Redis (`BullMqRunner`). The driver (`executeRun`) reads, de-identifies and chunks the input the
 * same way for both, so a run's result does not depend on where it ran.
 */
import type { RunId } from '../pipeline/record.js';
import type { ChunkPayload, ChunkResult } from './payloads.js';

export interface Runner {
  /**
   * Called once before the first chunk, with the run id: a runner that keeps state outside this
   * process (the BullMQ flow's parent job) opens it here, or finds an earlier attempt's (resume).
   */
  begin?(runId: RunId): Promise<void>;
  /**
   * Hands one chunk over. Resolves when the runner can take another: that wait is the
   * backpressure that keeps memory flat whatever the input size.
   */
  submit(payload: ChunkPayload): Promise<void>;
  /** Waits for every submitted chunk; rejects with the first chunk failure. */
  drain(): Promise<ChunkResult[]>;
  /**
   * Chunks that failed on every attempt and were set aside (dead letters), after `drain`. A
   * runner that never sets chunks aside (in-process: a failure fails the run) omits it.
   */
  deadLetterCount?(): number;
}
