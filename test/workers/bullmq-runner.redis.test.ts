import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier } from '../../cli/build-classifier.js';
import type { RunId } from '../../pipeline/record.js';
import { SegmentOptionsSchema } from '../../pipeline/segment/segment.js';
import { openStore } from '../../pipeline/store/open-store.js';
import type { Store } from '../../pipeline/store/store.js';
import { BullMqRunner } from '../../workers/bullmq-runner.js';
import { type ChunkJob, createChunkProcessor } from '../../workers/chunk-processor.js';
import { InProcessRunner } from '../../workers/in-process-runner.js';
import type { ChunkPayload, ChunkResult } from '../../workers/payloads.js';
import { CHUNK_QUEUE, chunkIndexOfKey, chunkJobId, RUN_QUEUE, sealJobId } from '../../workers/queue-names.js';
import { startWorker, type VerbatimWorkers } from '../../workers/start-worker.js';
import { makeRecord } from '../helpers/fixtures.js';
import { deletePrefix, REDIS_URL, redisAvailable, testPrefix } from './redis-service.js';

const available = await redisAvailable();
const RUN_ID = 'run-bullmqtest01' as RunId;
const TEXTS = [
  "L'attente aux urgences a été beaucoup trop longue.",
  'Personnel souriant et à l’écoute, merci.',
  'Les repas étaient froids et la chambre bruyante.',
];

function payloads(chunks: number, runId: RunId = RUN_ID): ChunkPayload[] {
  return Array.from({ length: chunks }, (_, chunkIndex) => ({
    runId,
    chunkIndex,
    records: TEXTS.map((text, i) => makeRecord({ row: chunkIndex * 10 + i + 1, text })),
  }));
}

describe('job ids', () => {
  it('are deterministic and have no colon (BullMQ forbids it in custom ids)', () => {
    expect(chunkJobId(RUN_ID, 7)).toBe('run-bullmqtest01-7');
    expect(sealJobId(RUN_ID)).toBe('run-bullmqtest01-seal');
    for (const id of [chunkJobId(RUN_ID, 7), sealJobId(RUN_ID)]) expect(id).not.toContain(':');
  });

  it('give back the chunk index from a child job key, and nothing for the seal', () => {
    expect(chunkIndexOfKey(`p:${CHUNK_QUEUE}:${chunkJobId(RUN_ID, 12)}`)).toBe(12);
    expect(chunkIndexOfKey(`p:${CHUNK_QUEUE}:${sealJobId(RUN_ID)}`)).toBeUndefined();
  });
});

describe.runIf(available)('BullMqRunner: a run as a flow on Redis', () => {
  const { classifier } = buildClassifier({ model: 'lexical' });
  const dir = mkdtempSync(join(tmpdir(), 'vb-bullmq-'));
  const dbPath = join(dir, 'queue.db');
  const prefixes: string[] = [];
  const workers: VerbatimWorkers[] = [];
  let store: Store;

  async function startRun(runId: RunId): Promise<void> {
    await store.startRun({
      runId,
      modelVersion: classifier.modelVersion,
      codebookVersion: classifier.codebookVersion,
      options: { lang: 'fr', segment: SegmentOptionsSchema.parse({}) },
    });
  }

  beforeAll(async () => {
    store = await openStore(dbPath);
    await startRun(RUN_ID);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await store.close();
    await Promise.all(prefixes.map(deletePrefix));
    rmSync(dir, { recursive: true, force: true });
  });

  function isolatedPrefix(name: string): string {
    const prefix = testPrefix(name);
    prefixes.push(prefix);
    return prefix;
  }

  function worker(prefix: string, processor: (job: ChunkJob) => Promise<unknown>): VerbatimWorkers {
    const started = startWorker(
      { kind: 'in-process', processor: processor as (job: ChunkJob) => Promise<ChunkResult> },
      { redisUrl: REDIS_URL, store, prefix },
    );
    workers.push(started);
    return started;
  }

  async function counts(prefix: string, queueName: string): Promise<Record<string, number>> {
    const queue = new Queue(queueName, { connection: { url: REDIS_URL }, prefix });
    try {
      return await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'waiting-children');
    } finally {
      await queue.close();
    }
  }

  async function embeddedResults(chunks: number): Promise<ChunkResult[]> {
    const embeddedStore = await openStore(join(dir, `embedded-${chunks}.db`));
    const embedded = new InProcessRunner({
      store: embeddedStore,
      classifier,
      segmentOptions: SegmentOptionsSchema.parse({}),
      lang: 'fr',
    });
    for (const p of payloads(chunks)) await embedded.submit(p);
    const expected = await embedded.drain();
    await embeddedStore.close();
    return expected;
  }

  it('gives the in-process results, reports progress from QueueEvents and leaves Redis empty', async () => {
    const prefix = isolatedPrefix('same');
    worker(prefix, createChunkProcessor({ store, classifier }));
    const seen: number[] = [];
    const runner = new BullMqRunner({
      redisUrl: REDIS_URL,
      prefix,
      maxPending: 2,
      onChunkDone: (r) => seen.push(r.chunkIndex),
    });
    await runner.begin(RUN_ID);
    for (const p of payloads(5)) await runner.submit(p);
    const results = await runner.drain();
    expect(results).toEqual(await embeddedResults(5));
    expect(runner.deadLetters).toEqual([]);
    expect(runner.counts).toEqual({ alreadyDone: 0, reattached: 0, enqueued: 5 });
    // Every chunk's completion came through the event stream (the last ones may race the drain).
    expect(new Set(seen).size).toBeGreaterThanOrEqual(3);
    // Chunk jobs are removed on completion; the parent holds the counts until forgotten.
    expect(await counts(prefix, CHUNK_QUEUE)).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 0 });
    expect(await counts(prefix, RUN_QUEUE)).toMatchObject({ completed: 1 });
    await runner.forget();
    await runner.close();
    expect(Object.values(await counts(prefix, RUN_QUEUE)).every((n) => n === 0)).toBe(true);
  });

  it('keeps the run open until the seal is released, even when every chunk is done', async () => {
    const prefix = isolatedPrefix('seal');
    worker(prefix, createChunkProcessor({ store, classifier }));
    const runner = new BullMqRunner({ redisUrl: REDIS_URL, prefix });
    await runner.begin(RUN_ID);
    await runner.submit(payloads(1)[0] as ChunkPayload);
    const queue = new Queue(RUN_QUEUE, { connection: { url: REDIS_URL }, prefix });
    const parent = await queue.getJob(RUN_ID);
    await expect.poll(async () => Object.keys((await parent?.getChildrenValues()) ?? {}).length).toBe(1);
    expect(await queue.getJobState(RUN_ID)).toBe('waiting-children');
    await queue.close();
    expect(await runner.drain()).toHaveLength(1);
    await runner.close();
  });

  it('dead-letters a chunk that fails on every attempt, in the audit table, and still completes', async () => {
    const prefix = isolatedPrefix('dead');
    const ok = createChunkProcessor({ store, classifier });
    let calls = 0;
    worker(prefix, async (job) => {
      if ((job.data as { chunkIndex?: number }).chunkIndex !== 1) return ok(job);
      calls++;
      throw new Error('classifier exploded');
    });
    const runner = new BullMqRunner({ redisUrl: REDIS_URL, prefix, attempts: 3, backoffMs: 10 });
    await runner.begin(RUN_ID);
    for (const p of payloads(3)) await runner.submit(p);
    const results = await runner.drain();
    await runner.close();

    expect(calls).toBe(3);
    expect(results.map((r) => r.chunkIndex)).toEqual([0, 2]);
    expect(runner.deadLetters).toEqual([{ chunkIndex: 1, reason: 'classifier exploded' }]);
    expect(runner.deadLetterCount()).toBe(1);
    const audit = await store.db.selectFrom('audit').selectAll().where('action', '=', 'chunk_dead_letter').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'worker', run_id: RUN_ID });
    expect(JSON.parse(audit[0]?.details_json ?? '{}')).toEqual({ chunkIndex: 1, reason: 'classifier exploded' });
  });

  it('fails an invalid payload at once (UnrecoverableError), without waiting for retries', async () => {
    const prefix = isolatedPrefix('invalid');
    worker(prefix, createChunkProcessor({ store, classifier }));
    // Five attempts 5 s apart would take 75 s: a dead letter within seconds proves no retry ran.
    const runner = new BullMqRunner({ redisUrl: REDIS_URL, prefix, attempts: 5, backoffMs: 5000 });
    const started = Date.now();
    await runner.begin(RUN_ID);
    await runner.submit({ runId: RUN_ID, chunkIndex: 9, records: [] });
    await runner.drain();
    await runner.close();

    expect(Date.now() - started).toBeLessThan(4000);
    expect(runner.deadLetters).toEqual([{ chunkIndex: 9, reason: 'invalid chunk payload at records: too_small' }]);
  });

  it('resumes a run whose driver stopped: keeps what is done, enqueues only what is missing', async () => {
    const prefix = isolatedPrefix('resume');
    const runId = 'run-bullmqresume1' as RunId;
    await startRun(runId);
    const processed: number[] = [];
    const process = createChunkProcessor({ store, classifier });
    worker(prefix, async (job) => {
      const index = (job.data as { chunkIndex?: number }).chunkIndex;
      if (index !== undefined) processed.push(index);
      return process(job);
    });
    // First driver: enqueues chunks 0-2 of 6, then dies (closed without drain).
    const first = new BullMqRunner({ redisUrl: REDIS_URL, prefix });
    await first.begin(runId);
    for (const p of payloads(6, runId).slice(0, 3)) await first.submit(p);
    const runs = new Queue(RUN_QUEUE, { connection: { url: REDIS_URL }, prefix });
    const parent = await runs.getJob(runId);
    await expect
      .poll(async () => Object.keys((await parent?.getChildrenValues()) ?? {}).length, { timeout: 10_000 })
      .toBe(3);
    await runs.close();
    await first.close();

    const second = new BullMqRunner({ redisUrl: REDIS_URL, prefix });
    await second.begin(runId);
    for (const p of payloads(6, runId)) await second.submit(p);
    const results = await second.drain();
    await second.close();
    expect(second.counts).toEqual({ alreadyDone: 3, reattached: 0, enqueued: 3 });
    expect(results.map((r) => r.chunkIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    // Each chunk was processed once: nothing redone, nothing lost.
    expect([...processed].sort()).toEqual([0, 1, 2, 3, 4, 5]);

    // A third attempt at a finished run finds its outcome and enqueues nothing.
    const third = new BullMqRunner({ redisUrl: REDIS_URL, prefix });
    await third.begin(runId);
    for (const p of payloads(6, runId)) await third.submit(p);
    expect(await third.drain()).toEqual(results);
    expect(third.counts.enqueued).toBe(0);
    await third.close();
  });

  it('says Redis lost the run (exit code 4, --resume) when its keys vanish mid-run', async () => {
    const prefix = isolatedPrefix('lost');
    // No worker: the chunks stay queued until Redis "restarts empty" (its keys are deleted).
    const runner = new BullMqRunner({ redisUrl: REDIS_URL, prefix, safetyCheckMs: 100 });
    await runner.begin(RUN_ID);
    await runner.submit(payloads(1)[0] as ChunkPayload);
    await deletePrefix(prefix);
    const lost = runner.submit(payloads(2)[1] as ChunkPayload);
    await expect(lost).rejects.toMatchObject({ code: 'SERVICE_UNREACHABLE' });
    await expect(lost).rejects.toThrow(`--resume ${RUN_ID}`);
    await expect(runner.drain()).rejects.toMatchObject({ code: 'SERVICE_UNREACHABLE' });
    await runner.close();
  });

  it('processes chunks in worker threads with the same results', async () => {
    const prefix = isolatedPrefix('threads');
    const runId = 'run-bullmqthreads' as RunId;
    await startRun(runId);
    const worker = startWorker(
      { kind: 'threads', settings: { db: dbPath, pgPoolSize: 1, model: 'lexical' } },
      { redisUrl: REDIS_URL, store, prefix, concurrency: 2 },
    );
    workers.push(worker);
    await worker.waitUntilReady();
    // Both threads started (model loaded) before the first job, and are waiting in BullMQ's pool.
    const pool = (worker.chunks as unknown as { childPool: { getAllFree(): { worker?: unknown }[] } }).childPool;
    expect(pool.getAllFree()).toHaveLength(2);
    const runner = new BullMqRunner({ redisUrl: REDIS_URL, prefix });
    await runner.begin(runId);
    for (const p of payloads(4, runId)) await runner.submit(p);
    const results = await runner.drain();
    await runner.close();
    expect(results).toEqual(await embeddedResults(4));
    const segments = await store.db
      .selectFrom('segments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('run_id', '=', runId)
      .executeTakeFirst();
    expect(Number(segments?.n)).toBe(results.reduce((n, r) => n + r.segments, 0));
  });
});
