/**
 * `verbatim worker --redis URL --db URL`: processes chunk jobs until SIGTERM/SIGINT, then finishes
 * the chunk in hand, closes the queue connection and the store.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_MODEL } from '../../models/registry.js';
import { createChunkProcessor } from '../../workers/chunk-processor.js';
import { openSharedStore } from '../../workers/open-shared-store.js';
import { DEFAULT_QUEUE_PREFIX } from '../../workers/queue-names.js';
import { assertRedisReachable } from '../../workers/redis-connection.js';
import { startWorker } from '../../workers/start-worker.js';
import { buildClassifier } from '../build-classifier.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { createLogger } from '../logger.js';
import { parseOptions } from './run.js';

export const WorkerOptionsSchema = z.object({
  redis: z.string(),
  db: z.string(),
  dbSchema: z.string().optional(),
  queuePrefix: z.string().default(DEFAULT_QUEUE_PREFIX),
  concurrency: z.coerce.number().int().positive().default(1),
  codebook: z.string().optional(),
  model: z.string().default(DEFAULT_MODEL),
  lockDuration: z.coerce.number().int().positive().default(60_000),
  stalledInterval: z.coerce.number().int().positive().default(15_000),
  verbose: z.boolean().default(false),
});

/** Runs a worker until a shutdown signal; resolves with the exit code. */
export async function workerCommand(raw: unknown): Promise<ExitCode> {
  const options = parseOptions(WorkerOptionsSchema, raw);
  const logger = createLogger({ level: options.verbose ? 'info' : 'warn' });
  const { classifier } = buildClassifier(options);
  await assertRedisReachable(options.redis);
  const store = await openSharedStore(options.db, options.dbSchema ? { pgSchema: options.dbSchema } : {});
  const worker = startWorker(createChunkProcessor({ store, classifier }), {
    redisUrl: options.redis,
    prefix: options.queuePrefix,
    concurrency: options.concurrency,
    lockDurationMs: options.lockDuration,
    stalledIntervalMs: options.stalledInterval,
  });
  // Ids and counts only: a failed reason never holds comment text (see chunk-processor.ts).
  worker.on('completed', (job, result) => logger.info({ job: job.id, segments: result.segments }, 'chunk done'));
  worker.on('failed', (job, error) => logger.warn({ job: job?.id, reason: error.message }, 'chunk failed'));
  // Another worker died holding this job (or blocked past its lock): it goes back to waiting.
  worker.on('stalled', (jobId) => logger.warn({ job: jobId }, 'chunk stalled, re-queued'));
  worker.on('error', (error) => logger.error({ reason: error.message }, 'worker error'));
  await worker.waitUntilReady();
  // The worker id prefixes its job locks in Redis: operators (and the kill test) can tell who holds what.
  logger.info({ worker: worker.id, concurrency: options.concurrency, model: classifier.modelVersion }, 'worker ready');
  process.stderr.write(`worker prêt (${classifier.modelVersion}, concurrence ${options.concurrency})\n`);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ signal }, 'worker stopping');
  // close() waits for the chunk in hand, so no job is left half stored for the stall checker.
  await worker.close();
  await store.close();
  return EXIT.OK;
}

export function registerWorker(program: Command, exit: (code: ExitCode) => void): void {
  program
    .command('worker')
    .description('process chunk jobs from Redis (BullMQ) into the shared store, until SIGTERM/SIGINT')
    .requiredOption('--redis <url>', 'redis:// URL of the queue')
    .requiredOption('--db <url>', 'the store shared with `verbatim run --redis` (postgres:// URL or SQLite file)')
    .option('--db-schema <name>', 'PostgreSQL schema (default public)')
    .option('--queue-prefix <prefix>', `Redis key prefix (default ${DEFAULT_QUEUE_PREFIX})`)
    .option('--concurrency <n>', 'chunks processed at once by this process (default 1)')
    .option('--codebook <file>', 'codebook YAML/JSON (must be the run’s)')
    .option('--model <name>', 'model name (must be the run’s)', DEFAULT_MODEL)
    .option('--lock-duration <ms>', 'job lock before a dead worker’s job is retried (default 60000)')
    .option('--stalled-interval <ms>', 'how often to look for stalled jobs (default 15000)')
    .option('--verbose', 'structured JSON logs (ids and counts, never text) on stderr')
    .action(async (raw: unknown) => {
      exit(await workerCommand(raw));
    });
}
