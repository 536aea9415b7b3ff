/**
 * `verbatim serve [--port N] [--db URL] [--redis URL]`: the web app. With --redis and
 * `VERBATIM_ADMIN_TOKEN` set, the queue board is mounted at /admin/queues for admins; without the
 * token it is not mounted at all, and serve says so. With --db, the validation pages (issue 6) are
 * mounted; `--create-admin EMAIL` creates the first admin (or gives an existing one a new link) and
 * prints a one-time invitation link before serving.
 */
import { Queue } from 'bullmq';
import type { Command } from 'commander';
import { z } from 'zod';
import { VerbatimError } from '../../pipeline/errors.js';
import type { Store } from '../../pipeline/store/store.js';
import { buildApp, invitePerson, listen, MIN_ADMIN_TOKEN_LENGTH, reinvite, serveUntilSignal } from '../../web/index.js';
import { openSharedStore } from '../../workers/open-shared-store.js';
import { DEFAULT_QUEUE_PREFIX, QUEUE_NAMES } from '../../workers/queue-names.js';
import { assertRedisReachable, redisConnection } from '../../workers/redis-connection.js';
import { defaultModelsDir } from '../build-classifier.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { createLogger } from '../logger.js';
import { loadCodebookOption } from './codebook.js';
import { parseOptions } from './run.js';

const ServeOptionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8080),
  host: z.string().default('127.0.0.1'),
  db: z.string().optional(),
  dbSchema: z.string().optional(),
  redis: z.string().optional(),
  queuePrefix: z.string().default(DEFAULT_QUEUE_PREFIX),
  verbose: z.boolean().default(false),
  codebook: z.string().optional(),
  createAdmin: z.string().email().optional(),
  secureCookies: z.boolean().default(false),
  publicUrl: z.string().url().optional(),
  /** @defaultValue `$VERBATIM_MODELS_DIR`, else `~/.verbatim/models` */
  modelsDir: z.string().min(1).optional(),
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
  if (options.createAdmin !== undefined && store === undefined) {
    throw new VerbatimError('USAGE', '--create-admin needs --db (the accounts live in the store)');
  }
  const codebook = loadCodebookOption(options.codebook);
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
      ...(store ? { store, validation: store.validation, codebook } : {}),
      ...(adminToken ? { adminToken } : {}),
      secureCookies: options.secureCookies,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      modelsDir: options.modelsDir ?? defaultModelsDir(),
    });
    const address = await listen(app, { port: options.port, host: options.host });
    process.stderr.write(`Verbatim sur ${address}\n`);
    if (store !== undefined && options.createAdmin !== undefined) {
      const email = options.createAdmin.toLowerCase();
      const existing = (await store.validation.listUsers()).find((u) => u.email === email);
      if (existing !== undefined && existing.role !== 'admin') {
        throw new VerbatimError('USAGE', '--create-admin: this address belongs to a person who is not an admin');
      }
      const path = existing
        ? await reinvite(store.validation, existing.userId)
        : (await invitePerson(store.validation, { email, displayName: email.split('@')[0] ?? email, role: 'admin' }))
            .path;
      // A secret for the operator's eyes: printed once on stderr, never logged.
      process.stderr.write(`lien d'invitation (une seule fois, 7 jours) : ${options.publicUrl ?? address}${path}\n`);
    }
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
    .description('web app: validation pages with --db; with --redis and VERBATIM_ADMIN_TOKEN, the queue board')
    .option('--port <n>', 'TCP port (default 8080)')
    .option('--host <address>', 'interface to listen on (default 127.0.0.1)')
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .option('--db-schema <name>', 'PostgreSQL schema (default public)')
    .option('--redis <url>', 'redis:// URL of the queues shown on the admin board')
    .option('--queue-prefix <prefix>', `Redis key prefix (default ${DEFAULT_QUEUE_PREFIX})`)
    .option('--codebook <file>', 'codebook whose definitions the validation page shows (default: shipped)')
    .option('--create-admin <email>', 'create the first admin and print a one-time invitation link')
    .option('--secure-cookies', 'mark session cookies Secure (served over https, e.g. behind a proxy)')
    .option('--public-url <url>', 'public origin used in invitation links')
    .option(
      '--models-dir <dir>',
      'model folder listed on /modeles (default: $VERBATIM_MODELS_DIR or ~/.verbatim/models)',
    )
    .option('--verbose', 'structured JSON logs on stderr')
    .action(async (raw: unknown) => {
      exit(await serveCommand(raw, process.env));
    });
}
