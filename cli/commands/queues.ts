/**
 * `verbatim queues --redis URL`: job counts per state of the chunk queue, for operators.
 */
import { Queue } from 'bullmq';
import type { Command } from 'commander';
import { z } from 'zod';
import { CHUNK_QUEUE, DEFAULT_QUEUE_PREFIX } from '../../workers/queue-names.js';
import { assertRedisReachable, redisConnection } from '../../workers/redis-connection.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parseOptions } from './run.js';

/** The states printed, in the order a job goes through them. */
export const QUEUE_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed'] as const;

const QueuesOptionsSchema = z.object({
  redis: z.string(),
  queuePrefix: z.string().default(DEFAULT_QUEUE_PREFIX),
  json: z.boolean().default(false),
});

/** Reads the counts per state of the chunk queue. */
export async function readQueueCounts(redisUrl: string, prefix: string): Promise<Record<string, number>> {
  await assertRedisReachable(redisUrl);
  const queue = new Queue(CHUNK_QUEUE, { connection: redisConnection(redisUrl), prefix });
  try {
    return await queue.getJobCounts(...QUEUE_STATES);
  } finally {
    await queue.close();
  }
}

export function registerQueues(program: Command, exit: (code: ExitCode) => void): void {
  program
    .command('queues')
    .description('job counts per state of the chunk queue')
    .requiredOption('--redis <url>', 'redis:// URL of the queue')
    .option('--queue-prefix <prefix>', `Redis key prefix (default ${DEFAULT_QUEUE_PREFIX})`)
    .option('--json', 'print the counts as JSON on stdout')
    .action(async (raw: unknown) => {
      const options = parseOptions(QueuesOptionsSchema, raw);
      const counts = await readQueueCounts(options.redis, options.queuePrefix);
      if (options.json) process.stdout.write(`${JSON.stringify({ queue: CHUNK_QUEUE, ...counts })}\n`);
      else {
        const lines = QUEUE_STATES.map((state) => `${state.padEnd(12)}${counts[state] ?? 0}`);
        process.stdout.write(`${CHUNK_QUEUE} (${options.queuePrefix})\n${lines.join('\n')}\n`);
      }
      exit(EXIT.OK);
    });
}
