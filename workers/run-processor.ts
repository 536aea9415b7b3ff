/**
 * The processor of a run's parent job. BullMQ hands it over only once every child finished (each
 * chunk completed or failed for good, and the seal): it gathers the chunks' counts from the
 * parent's processed children and the chunks set aside from its ignored failures, writes one
 * `chunk_dead_letter` audit record per chunk set aside, and returns the outcome to the driver.
 */
import { UnrecoverableError } from 'bullmq';
import type { RunId } from '../pipeline/record.js';
import type { Store } from '../pipeline/store/store.js';
import {
  type ChunkResult,
  ChunkResultSchema,
  type DeadLetter,
  RunJobPayloadSchema,
  type RunOutcome,
} from './payloads.js';
import { chunkIndexOfKey } from './queue-names.js';

/** Job fields the run processor reads; a structural subset of BullMQ's `Job`. */
export interface RunJob {
  data: unknown;
  getChildrenValues(): Promise<Record<string, unknown>>;
  getIgnoredChildrenFailures(): Promise<Record<string, string>>;
}

/** Builds the run processor over the shared store (dead letters go to its audit table). */
export function createRunProcessor(store: Store): (job: RunJob) => Promise<RunOutcome> {
  return async (job) => {
    const parsed = RunJobPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('invalid run payload');
    const { runId } = parsed.data;
    const results: ChunkResult[] = [];
    for (const [key, value] of Object.entries(await job.getChildrenValues())) {
      if (chunkIndexOfKey(key) === undefined) continue; // the seal
      results.push(ChunkResultSchema.parse(value));
    }
    const deadLetters: DeadLetter[] = [];
    for (const [key, reason] of Object.entries(await job.getIgnoredChildrenFailures())) {
      const chunkIndex = chunkIndexOfKey(key);
      if (chunkIndex !== undefined) deadLetters.push({ chunkIndex, reason: reason || 'failed' });
    }
    results.sort((a, b) => a.chunkIndex - b.chunkIndex);
    deadLetters.sort((a, b) => a.chunkIndex - b.chunkIndex);
    await recordDeadLetters(store, runId, deadLetters);
    return { results, deadLetters };
  };
}

/**
 * One audit record per dead chunk. The run job may run twice (a worker died after writing and
 * before completing it), so chunks already recorded for this run are not recorded again.
 */
async function recordDeadLetters(store: Store, runId: RunId, deadLetters: readonly DeadLetter[]): Promise<void> {
  if (deadLetters.length === 0) return;
  const rows = await store.db
    .selectFrom('audit')
    .select('details_json')
    .where('run_id', '=', runId)
    .where('action', '=', 'chunk_dead_letter')
    .execute();
  const recorded = new Set(rows.map((r) => (JSON.parse(r.details_json) as { chunkIndex?: number }).chunkIndex));
  for (const dead of deadLetters) {
    if (recorded.has(dead.chunkIndex)) continue;
    await store.appendAudit({ actor: 'worker', action: 'chunk_dead_letter', runId, details: { ...dead } });
  }
}
