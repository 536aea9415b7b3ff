/**
 * Bull Board, mounted at `/admin/queues` for admins only: every request under it must carry the
 * admin token (bearer) or the session cookie from `/admin/login`. Read-only: operators watch the
 * queues here; a run is continued with `verbatim run --resume`, not by moving jobs by hand.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { isAdmin } from '../admin-token.js';
import { adminLoginRoutes } from './admin-login.js';

/** Where the board lives. */
export const ADMIN_QUEUES_PATH = '/admin/queues';

export interface AdminQueuesOptions {
  /** The admin token (`VERBATIM_ADMIN_TOKEN`). */
  token: string;
  /** The queues shown (Verbatim's run and chunk queues). */
  queues: readonly Queue[];
}

export async function adminQueuesRoutes(app: FastifyInstance, options: AdminQueuesOptions): Promise<void> {
  await app.register(adminLoginRoutes, { token: options.token, next: ADMIN_QUEUES_PATH });
  await app.register(async (scope) => {
    // In this scope only: the login form above stays reachable without a session.
    scope.addHook('onRequest', async (request, reply) => {
      if (isAdmin(request, options.token)) return;
      await reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="verbatim-admin"')
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="fr"><meta charset="utf-8"><title>401</title><p>Accès réservé. <a href="/admin/login">Se connecter</a></p></html>',
        );
    });
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(ADMIN_QUEUES_PATH);
    createBullBoard({
      queues: options.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
      // The adapter is built against its own copy of @bull-board/api (9.10.1 beside our 9.10.2):
      // the same interface, two declarations.
      serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      options: { uiConfig: { boardTitle: 'Verbatim' } },
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: ADMIN_QUEUES_PATH });
  });
}
