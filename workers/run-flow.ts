/**
 * A run as a BullMQ flow: one parent job per run on the run queue, whose children are the run's
 * chunk jobs. BullMQ runs the parent (see `run-processor.ts`) once every child has finished, so
 * "the run is complete" is a state Redis keeps, not something the driver has to count.
 *
 * `FlowProducer.add` wants the whole tree at once, but a run is read as a stream (a million rows
 * must not sit in memory, nor all at once in Redis), so chunks are added one by one as children of
 * the existing parent (`parent` job option). A parent whose last child finished before the next
 * was added would run too early; the flow therefore starts with one more child, the seal: a
 * delayed no-op job that the driver promotes after the last chunk is enqueued. Until then the
 * parent cannot complete, and if the driver dies, it stays open for `verbatim run --resume`.
 */
import type { FlowProducer, Job, Queue } from 'bullmq';
import type { RunId } from '../pipeline/record.js';
import { type RunOutcome, RunOutcomeSchema } from './payloads.js';
import { chunkIndexOfKey, JOB_NAMES, RUN_QUEUE, runJobId, sealJobId } from './queue-names.js';

/** How long the seal waits if nobody promotes it (ms): far beyond any run. @defaultValue one year */
const SEAL_DELAY_MS = 365 * 24 * 3600 * 1000;

/** Attempts of the parent job (it only reads Redis and writes audit rows). @defaultValue 3 */
const RUN_JOB_ATTEMPTS = 3;

/** What Redis already knows of a run when the driver (re)starts it. */
export type RunFlowState =
  | { kind: 'new' }
  | { kind: 'open'; processed: ReadonlySet<number>; failed: ReadonlySet<number> }
  | { kind: 'finished'; outcome: RunOutcome };

/** Creates the run's parent and seal, or reads what an earlier attempt left (resume). */
export async function openRunFlow(
  flow: FlowProducer,
  runQueue: Queue,
  chunkQueueName: string,
  runId: RunId,
): Promise<RunFlowState> {
  const existing = await runQueue.getJob(runJobId(runId));
  if (existing) {
    const state = await existing.getState();
    if (state === 'completed') return { kind: 'finished', outcome: RunOutcomeSchema.parse(existing.returnvalue) };
    if (state !== 'failed') return readOpenParent(existing);
    // The parent itself failed (its processor could not reach the store three times): start over.
    await existing.remove({ removeChildren: true });
  }
  await flow.add({
    name: JOB_NAMES.run,
    queueName: RUN_QUEUE,
    data: { runId },
    opts: {
      jobId: runJobId(runId),
      attempts: RUN_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: false,
      removeOnFail: false,
    },
    children: [
      {
        name: JOB_NAMES.seal,
        queueName: chunkQueueName,
        data: { runId },
        opts: { jobId: sealJobId(runId), delay: SEAL_DELAY_MS, removeOnComplete: true, removeOnFail: true },
      },
    ],
  });
  return { kind: 'new' };
}

async function readOpenParent(parent: Job): Promise<RunFlowState> {
  const processed = new Set<number>();
  for (const key of Object.keys(await parent.getChildrenValues())) {
    const index = chunkIndexOfKey(key);
    if (index !== undefined) processed.add(index);
  }
  const failed = new Set<number>();
  for (const key of Object.keys(await parent.getIgnoredChildrenFailures())) {
    const index = chunkIndexOfKey(key);
    if (index !== undefined) failed.add(index);
  }
  return { kind: 'open', processed, failed };
}

/** Lets the parent complete once the chunks already enqueued are done. Idempotent. */
export async function releaseSeal(chunkQueue: Queue, runId: RunId): Promise<void> {
  const seal = await chunkQueue.getJob(sealJobId(runId));
  // Gone: already processed by an earlier attempt at this run, which had promoted it.
  if (seal && (await seal.isDelayed())) await seal.promote();
}
