/**
 * `verbatim worker --redis URL --db URL`: processes chunk jobs (in worker threads) and run jobs
 * until SIGTERM/SIGINT, then finishes the jobs in hand, closes the queue connections and the store.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_MODEL } from '../../models/registry.js';
import { createChunkProcessor } from '../../workers/chunk-processor.js';
import { watchEventLoopDelay } from '../../workers/event-loop-delay.js';
import { openSharedStore } from '../../workers/open-shared-store.js';
import { DEFAULT_QUEUE_PREFIX } from '../../workers/queue-names.js';
import { assertRedisReachable } from '../../workers/redis-connection.js';
import { startWorker } from '../../workers/start-worker.js';
import { buildClassifier, defaultModelsDir } from '../build-classifier.js';
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
  lockDuration: z.coerce.number().int().positive().default(30_000),
  /** Chunks in worker threads (default) or in the main thread (`--no-threads`, for comparison). */
  threads: z.boolean().default(true),
  stalledInterval: z.coerce.number().int().positive().default(15_000),
  verbose: z.boolean().default(false),
});

/** Runs a worker until a shutdown signal; resolves with the exit code. */
export async function workerCommand(raw: unknown): Promise<ExitCode> {
  const options = parseOptions(WorkerOptionsSchema, raw);
  const logger = createLogger({ level: options.verbose ? 'info' : 'warn' });
  // Built here too, not only in the threads: a bad --model or --codebook fails now, with exit 1.
  const { classifier } = buildClassifier(options);
  await assertRedisReachable(options.redis);
  const pgOptions = options.dbSchema ? { pgSchema: options.dbSchema } : {};
  const store = await openSharedStore(options.db, pgOptions);
  const loop = watchEventLoopDelay();
  const worker = startWorker(
    options.threads
      ? {
          kind: 'threads',
          settings: {
            db: options.db,
            ...pgOptions,
            pgPoolSize: 2,
            model: options.model,
            codebook: options.codebook,
            modelsDir: defaultModelsDir(),
          },
        }
      : { kind: 'in-process', processor: createChunkProcessor({ store, classifier }) },
    {
      redisUrl: options.redis,
      store,
      prefix: options.queuePrefix,
      concurrency: options.concurrency,
      lockDurationMs: options.lockDuration,
      stalledIntervalMs: options.stalledInterval,
    },
  );
  // Ids and counts only: a failed reason never holds comment text (see chunk-processor.ts).
  worker.chunks.on('completed', (job, result: { segments?: number }) => {
    if (result.segments !== undefined) logger.info({ job: job.id, segments: result.segments }, 'chunk done');
  });
  worker.chunks.on('failed', (job, error) => logger.warn({ job: job?.id, reason: error.message }, 'chunk failed'));
  // Another worker died holding this job (or blocked past its lock): it goes back to waiting.
  worker.chunks.on('stalled', (jobId) => logger.warn({ job: jobId }, 'chunk stalled, re-queued'));
  worker.runs.on('completed', (job) => logger.info({ run: job.id }, 'run complete'));
  worker.runs.on('failed', (job, error) => logger.warn({ run: job?.id, reason: error.message }, 'run job failed'));
  for (const w of [worker.chunks, worker.runs]) {
    w.on('error', (error) => logger.error({ reason: error.message }, 'worker error'));
  }
  await worker.waitUntilReady();
  // The worker id prefixes its job locks in Redis: operators (and the kill test) can tell who holds what.
  logger.info(
    {
      worker: worker.chunks.id,
      concurrency: options.concurrency,
      threads: options.threads,
      model: classifier.modelVersion,
    },
    'worker ready',
  );
  process.stderr.write(
    `worker prêt (${classifier.modelVersion}, concurrence ${options.concurrency}, ${options.threads ? 'threads' : 'thread principal'})\n`,
  );

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ signal }, 'worker stopping');
  // A second signal while the jobs in hand finish (or while Redis is gone and close cannot
  // complete) stops at once: their locks expire and other workers take them as stalled jobs.
  // Exit codes as a shell reports a process killed by the signal (128 + its number).
  process.once('SIGTERM', () => process.exit(143));
  process.once('SIGINT', () => process.exit(130));
  // close() waits for the jobs in hand, so no job is left half stored for the stall checker.
  await worker.close();
  loop.stop();
  logger.info({ ...loop.read() }, 'event loop delay');
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
    .option('--concurrency <n>', 'chunks processed at once by this process, one thread each (default 1)')
    .option('--codebook <file>', 'codebook YAML/JSON (must be the run’s)')
    .option('--model <name>', 'model name (must be the run’s)', DEFAULT_MODEL)
    .option('--lock-duration <ms>', 'job lock before a dead worker’s job is retried (default 30000)')
    .option('--no-threads', 'classify in the main thread instead of worker threads (for comparison)')
    .option('--stalled-interval <ms>', 'how often to look for stalled jobs (default 15000)')
    .option('--verbose', 'structured JSON logs (ids and counts, never text) on stderr')
    .action(async (raw: unknown) => {
      exit(await workerCommand(raw));
    });
}
