/**
 * The web app of `verbatim serve`, built from injected parts and returned unstarted, so that
 * tests drive it with `app.inject()` and `serve.ts` alone listens. Today: a home page, a health
 * check and, for admins, the queue board; the validation pages (issue 6) will be route plugins in
 * `web/routes/` too.
 */
import type { Queue } from 'bullmq';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Store } from '../pipeline/store/store.js';
import { MIN_ADMIN_TOKEN_LENGTH } from './admin-token.js';
import { adminQueuesRoutes } from './routes/admin-queues.js';
import { addSecurityHeaders } from './security-headers.js';

export interface AppParts {
  /** Request logs (ids, routes, status codes; no bodies). Omitted: no logs. */
  logger?: Logger;
  /** The store the validation pages will read (issue 6). */
  store?: Store;
  /** Queues shown on the admin board; with `adminToken`, the board is mounted. */
  queues?: readonly Queue[];
  /** Admin token; without it, the board is not mounted at all. */
  adminToken?: string;
}

/** What was mounted, for `verbatim serve` to say. */
export interface BuiltApp {
  app: FastifyInstance;
  adminBoard: 'mounted' | 'no-token' | 'no-queues';
}

export async function buildApp(parts: AppParts): Promise<BuiltApp> {
  if (parts.adminToken !== undefined && parts.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(`admin token shorter than ${MIN_ADMIN_TOKEN_LENGTH} characters`);
  }
  const app = Fastify({
    ...(parts.logger ? { loggerInstance: parts.logger as FastifyBaseLogger } : { logger: false }),
    trustProxy: false,
  });
  addSecurityHeaders(app);
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Verbatim</title><main><h1>Verbatim</h1><p>La validation des étiquettes arrive bientôt.</p></main></html>',
      ),
  );
  let adminBoard: BuiltApp['adminBoard'] = 'no-queues';
  if (parts.queues && parts.queues.length > 0) {
    if (parts.adminToken === undefined) adminBoard = 'no-token';
    else {
      await app.register(adminQueuesRoutes, { token: parts.adminToken, queues: parts.queues });
      adminBoard = 'mounted';
    }
  }
  return { app, adminBoard };
}
