/**
 * `verbatim serve [--port N] [--db URL] [--redis URL]`: the web app. With --redis and
 * `VERBATIM_ADMIN_TOKEN` set, the queue board is mounted at /admin/queues for admins; without the
 * token it is not mounted at all, and serve says so.
 */
import { Queue } from 'bullmq';
import type { Command } from 'commander';
import { z } from 'zod';
import { VerbatimError } from '../../pipeline/errors.js';
import type { Store } from '../../pipeline/store/store.js';
import { buildApp, listen, MIN_ADMIN_TOKEN_LENGTH, serveUntilSignal } from '../../web/index.js';
import { openSharedStore } from '../../workers/open-shared-store.js';
import { DEFAULT_QUEUE_PREFIX, QUEUE_NAMES } from '../../workers/queue-names.js';
import { assertRedisReachable, redisConnection } from '../../workers/redis-connection.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { createLogger } from '../logger.js';
import { parseOptions } from './run.js';

const ServeOptionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8080),
  host: z.string().default('127.0.0.1'),
  db: z.string().optional(),
  dbSchema: z.string().optional(),
  redis: z.string().optional(),
  queuePrefix: z.string().default(DEFAULT_QUEUE_PREFIX),
  verbose: z.boolean().default(false),
});

/** Serves until SIGTERM/SIGINT; resolves with the exit code. */
export async function serveCommand(raw: unknown, env: NodeJS.ProcessEnv): Promise<ExitCode> {
  const options = parseOptions(ServeOptionsSchema, raw);
  const adminToken = env.VERBATIM_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new VerbatimError('USAGE', `VERBATIM_ADMIN_TOKEN: at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
  }
  const logger = createLogger({ level: options.verbose ? 'info' : 'warn' });
  if (options.redis !== undefined) await assertRedisReachable(options.redis);
  let store: Store | undefined;
  if (options.db !== undefined) {
    store = await openSharedStore(options.db, options.dbSchema ? { pgSchema: options.dbSchema } : {});
  }
  const redisUrl = options.redis;
  const queues =
    redisUrl === undefined
      ? []
      : QUEUE_NAMES.map(
          (name) => new Queue(name, { connection: redisConnection(redisUrl), prefix: options.queuePrefix }),
        );
  try {
    const { app, adminBoard } = await buildApp({
      logger,
      queues,
      ...(store ? { store } : {}),
      ...(adminToken ? { adminToken } : {}),
    });
    const address = await listen(app, { port: options.port, host: options.host });
    process.stderr.write(`Verbatim sur ${address}\n`);
    if (adminBoard === 'mounted')
      process.stderr.write(`tableau des files : ${address}/admin/queues (jeton d'administration)\n`);
    if (adminBoard === 'no-token') {
      process.stderr.write('tableau des files non monté : définissez VERBATIM_ADMIN_TOKEN pour le monter\n');
    }
    const signal = await serveUntilSignal(app);
    logger.info({ signal }, 'server stopped');
    return EXIT.OK;
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    await store?.close();
  }
}

export function registerServe(program: Command, exit: (code: ExitCode) => void): void {
  program
    .command('serve')
    .description('web app; with --redis and VERBATIM_ADMIN_TOKEN, the queue board at /admin/queues')
    .option('--port <n>', 'TCP port (default 8080)')
    .option('--host <address>', 'interface to listen on (default 127.0.0.1)')
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .option('--db-schema <name>', 'PostgreSQL schema (default public)')
    .option('--redis <url>', 'redis:// URL of the queues shown on the admin board')
    .option('--queue-prefix <prefix>', `Redis key prefix (default ${DEFAULT_QUEUE_PREFIX})`)
    .option('--verbose', 'structured JSON logs on stderr')
    .action(async (raw: unknown) => {
      exit(await serveCommand(raw, process.env));
    });
}
