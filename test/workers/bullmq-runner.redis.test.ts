import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, type Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier } from '../../cli/build-classifier.js';
import type { RunId } from '../../pipeline/record.js';
import { SegmentOptionsSchema } from '../../pipeline/segment/segment.js';
import { openStore } from '../../pipeline/store/open-store.js';
import type { Store } from '../../pipeline/store/store.js';
import { BullMqRunner } from '../../workers/bullmq-runner.js';
import { createChunkProcessor } from '../../workers/chunk-processor.js';
import { InProcessRunner } from '../../workers/in-process-runner.js';
import type { ChunkPayload } from '../../workers/payloads.js';
import { CHUNK_QUEUE, chunkJobId } from '../../workers/queue-names.js';
import { startWorker } from '../../workers/start-worker.js';
import { makeRecord } from '../helpers/fixtures.js';
import { deletePrefix, REDIS_URL, redisAvailable, testPrefix } from './redis-service.js';

const available = await redisAvailable();
const RUN_ID = 'run-bullmqtest01' as RunId;
const TEXTS = [
  "L'attente aux urgences a été beaucoup trop longue.",
  'Personnel souriant et à l’écoute, merci.',
  'Les repas étaient froids et la chambre bruyante.',
];

function payloads(chunks: number): ChunkPayload[] {
  return Array.from({ length: chunks }, (_, chunkIndex) => ({
    runId: RUN_ID,
    chunkIndex,
    records: TEXTS.map((text, i) => makeRecord({ row: chunkIndex * 10 + i + 1, text })),
  }));
}

describe('chunkJobId', () => {
  it('is deterministic and has no colon (BullMQ forbids it in custom ids)', () => {
    expect(chunkJobId(RUN_ID, 7)).toBe('run-bullmqtest01-7');
    expect(chunkJobId(RUN_ID, 7)).not.toContain(':');
  });
});

describe.runIf(available)('BullMqRunner on Redis', () => {
  const { classifier } = buildClassifier({ model: 'lexical' });
  const dir = mkdtempSync(join(tmpdir(), 'vb-bullmq-'));
  const prefixes: string[] = [];
  const workers: Worker[] = [];
  let store: Store;

  beforeAll(async () => {
    store = await openStore(join(dir, 'queue.db'));
    await store.startRun({
      runId: RUN_ID,
      modelVersion: classifier.modelVersion,
      codebookVersion: classifier.codebookVersion,
      options: { lang: 'fr', segment: SegmentOptionsSchema.parse({}) },
    });
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

  it('gives the same chunk results as the in-process runner, and leaves no completed job behind', async () => {
    const prefix = isolatedPrefix('same');
    workers.push(startWorker(createChunkProcessor({ store, classifier }), { redisUrl: REDIS_URL, prefix }));
    const runner = new BullMqRunner({ redisUrl: REDIS_URL, store, prefix, maxPending: 2 });
    for (const p of payloads(5)) await runner.submit(p);
    const results = await runner.drain();
    await runner.close();

    const embeddedStore = await openStore(join(dir, 'embedded.db'));
    const embedded = new InProcessRunner({
      store: embeddedStore,
      classifier,
      segmentOptions: SegmentOptionsSchema.parse({}),
      lang: 'fr',
    });
    for (const p of payloads(5)) await embedded.submit(p);
    const expected = await embedded.drain();
    await embeddedStore.close();

    expect(runner.deadLetters).toEqual([]);
    expect(results).toEqual(expected);
    const queue = new Queue(CHUNK_QUEUE, { connection: { url: REDIS_URL }, prefix });
    expect(await queue.getJobCounts('completed', 'waiting', 'active')).toEqual({ completed: 0, waiting: 0, active: 0 });
    await queue.close();
  });

  it('dead-letters a chunk that fails on every attempt, in the audit table', async () => {
    const prefix = isolatedPrefix('dead');
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('classifier exploded');
    };
    workers.push(startWorker(failing, { redisUrl: REDIS_URL, prefix }));
    const runner = new BullMqRunner({ redisUrl: REDIS_URL, store, prefix, attempts: 3, backoffMs: 10 });
    await runner.submit(payloads(1)[0] as ChunkPayload);
    expect(await runner.drain()).toEqual([]);
    await runner.close();

    expect(calls).toBe(3);
    expect(runner.deadLetters).toEqual([{ chunkIndex: 0, reason: 'classifier exploded' }]);
    const audit = await store.db.selectFrom('audit').selectAll().where('action', '=', 'chunk_dead_letter').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'worker', run_id: RUN_ID });
    expect(JSON.parse(audit[0]?.details_json ?? '{}')).toEqual({ chunkIndex: 0, reason: 'classifier exploded' });
  });

  it('fails an invalid payload at once (UnrecoverableError), without waiting for retries', async () => {
    const prefix = isolatedPrefix('invalid');
    workers.push(startWorker(createChunkProcessor({ store, classifier }), { redisUrl: REDIS_URL, prefix }));
    // Five attempts 5 s apart would take 75 s: a dead letter within seconds proves no retry ran.
    const runner = new BullMqRunner({ redisUrl: REDIS_URL, store, prefix, attempts: 5, backoffMs: 5000 });
    const started = Date.now();
    await runner.submit({ runId: RUN_ID, chunkIndex: 9, records: [] });
    await runner.drain();
    await runner.close();

    expect(Date.now() - started).toBeLessThan(4000);
    expect(runner.deadLetters).toEqual([{ chunkIndex: 9, reason: 'invalid chunk payload at records: too_small' }]);
  });
});
