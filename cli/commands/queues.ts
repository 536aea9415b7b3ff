/**
 * `verbatim queues --redis URL`: job counts per state of each Verbatim queue (runs and chunks),
 * for operators. Counts only: no job data is read.
 */
import { Queue } from 'bullmq';
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_QUEUE_PREFIX, QUEUE_NAMES } from '../../workers/queue-names.js';
import { assertRedisReachable, redisConnection } from '../../workers/redis-connection.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parseOptions } from './run.js';

/** The states printed, in the order a job goes through them. */
export const QUEUE_STATES = [
  'waiting-children',
  'waiting',
  'prioritized',
  'delayed',
  'active',
  'completed',
  'failed',
] as const;

const QueuesOptionsSchema = z.object({
  redis: z.string(),
  queuePrefix: z.string().default(DEFAULT_QUEUE_PREFIX),
  json: z.boolean().default(false),
});

/** Counts per state, per queue name. */
export type QueueCounts = Record<string, Record<string, number>>;

/** Reads the counts per state of every Verbatim queue. */
export async function readQueueCounts(redisUrl: string, prefix: string): Promise<QueueCounts> {
  await assertRedisReachable(redisUrl);
  const counts: QueueCounts = {};
  for (const name of QUEUE_NAMES) {
    const queue = new Queue(name, { connection: redisConnection(redisUrl), prefix });
    try {
      counts[name] = await queue.getJobCounts(...QUEUE_STATES);
    } finally {
      await queue.close();
    }
  }
  return counts;
}

export function registerQueues(program: Command, exit: (code: ExitCode) => void): void {
  program
    .command('queues')
    .description('job counts per state of the run and chunk queues')
    .requiredOption('--redis <url>', 'redis:// URL of the queue')
    .option('--queue-prefix <prefix>', `Redis key prefix (default ${DEFAULT_QUEUE_PREFIX})`)
    .option('--json', 'print the counts as JSON on stdout')
    .action(async (raw: unknown) => {
      const options = parseOptions(QueuesOptionsSchema, raw);
      const counts = await readQueueCounts(options.redis, options.queuePrefix);
      if (options.json) process.stdout.write(`${JSON.stringify({ prefix: options.queuePrefix, queues: counts })}\n`);
      else {
        const header = `${'état'.padEnd(18)}${QUEUE_NAMES.map((q) => q.padStart(18)).join('')}`;
        const lines = QUEUE_STATES.map(
          (state) =>
            `${state.padEnd(18)}${QUEUE_NAMES.map((q) => String(counts[q]?.[state] ?? 0).padStart(18)).join('')}`,
        );
        process.stdout.write(`préfixe ${options.queuePrefix}\n${header}\n${lines.join('\n')}\n`);
      }
      exit(EXIT.OK);
    });
}
