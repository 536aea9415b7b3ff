/**
 * The web app of `verbatim serve`, built from injected parts and returned unstarted, so that
 * tests drive it with `app.inject()` and `serve.ts` alone listens: a health check, the validation
 * app (issue 6: accounts, batches, validation pages) when a validation store is given, and, for
 * admins, the queue board. Every registered route is listed in `routes` so that a test can check
 * that each one is guarded.
 */
import type { Queue } from 'bullmq';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Codebook } from '../models/codebooks/codebook.js';
import type { Store } from '../pipeline/store/store.js';
import type { ValidationStore } from '../pipeline/store/validation-types.js';
import { MIN_ADMIN_TOKEN_LENGTH } from './admin-token.js';
import type { LoginRateLimit } from './login-rate-limit.js';
import { adminQueuesRoutes } from './routes/admin-queues.js';
import { addSecurityHeaders } from './security-headers.js';
import { validationApp } from './validation-app.js';

export interface AppParts {
  /** Request logs (ids, routes, status codes; no bodies). Omitted: no logs. */
  logger?: Logger;
  /** The store the validation pages read (runs); with `validation` and `codebook`, they are mounted. */
  store?: Store;
  /** Accounts, sessions, batches and decisions (the store's validation methods). */
  validation?: ValidationStore;
  /** The codebook whose plain-French definitions the validation page shows. */
  codebook?: Codebook;
  /** Session cookies marked Secure (served over https). @defaultValue false */
  secureCookies?: boolean;
  /** Public origin for invitation links. */
  publicUrl?: string;
  /** Login rate limit (tests pass one with their own clock). */
  rateLimit?: LoginRateLimit;
  /** User model folder shown on `/modeles` (where promotions are written); absent: shipped models only. */
  modelsDir?: string;
  /** Queues shown on the admin board; with `adminToken`, the board is mounted. */
  queues?: readonly Queue[];
  /** Admin token; without it, the board is not mounted at all. */
  adminToken?: string;
}

/** What was mounted, for `verbatim serve` to say. */
export interface BuiltApp {
  app: FastifyInstance;
  adminBoard: 'mounted' | 'no-token' | 'no-queues';
  validationPages: 'mounted' | 'no-store';
  /** Every route registered (method and URL), filled as plugins register. */
  routes: { method: string; url: string; public: boolean }[];
}

/** Invitation tokens are secrets: request logs show `/invitation/…`, never the token. */
export function redactUrl(url: string): string {
  return url.replace(/^\/invitation\/[^/?#]+/, '/invitation/…');
}

function withRedactedUrls(logger: Logger): Logger {
  return logger.child(
    {},
    {
      serializers: {
        req: (request: { method?: string; url?: string }) => ({
          method: request.method,
          url: redactUrl(request.url ?? ''),
        }),
      },
    },
  );
}

export async function buildApp(parts: AppParts): Promise<BuiltApp> {
  if (parts.adminToken !== undefined && parts.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(`admin token shorter than ${MIN_ADMIN_TOKEN_LENGTH} characters`);
  }
  const app = Fastify({
    ...(parts.logger ? { loggerInstance: withRedactedUrls(parts.logger) as FastifyBaseLogger } : { logger: false }),
    trustProxy: false,
  });
  const routes: BuiltApp['routes'] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, public: route.config?.public === true });
    }
  });
  addSecurityHeaders(app);
  app.get('/healthz', { config: { public: true } }, async () => ({ ok: true }));
  let validationPages: BuiltApp['validationPages'] = 'no-store';
  if (parts.store && parts.validation && parts.codebook) {
    await app.register(validationApp, {
      store: parts.store,
      validation: parts.validation,
      codebook: parts.codebook,
      secureCookies: parts.secureCookies ?? false,
      ...(parts.publicUrl ? { publicUrl: parts.publicUrl } : {}),
      ...(parts.rateLimit ? { rateLimit: parts.rateLimit } : {}),
      ...(parts.modelsDir ? { modelsDir: parts.modelsDir } : {}),
    });
    validationPages = 'mounted';
  } else {
    app.get('/', { config: { public: true } }, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Verbatim</title><main><h1>Verbatim</h1><p>Les pages de validation demandent une base (--db).</p></main></html>',
        ),
    );
  }
  let adminBoard: BuiltApp['adminBoard'] = 'no-queues';
  if (parts.queues && parts.queues.length > 0) {
    if (parts.adminToken === undefined) adminBoard = 'no-token';
    else {
      await app.register(adminQueuesRoutes, { token: parts.adminToken, queues: parts.queues });
      adminBoard = 'mounted';
    }
  }
  return { app, adminBoard, validationPages, routes };
}
