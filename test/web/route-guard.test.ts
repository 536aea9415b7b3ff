import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../../models/codebooks/codebook.js';
import { buildApp } from '../../web/index.js';
import { CHUNK_QUEUE } from '../../workers/queue-names.js';
import { seededStore } from './web-fixtures.js';

// The board's pages read nothing from Redis before the guard answers: a closed port is enough.
const queue = new Queue(CHUNK_QUEUE, {
  connection: { url: 'redis://127.0.0.1:1', maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: () => null },
  prefix: 'vbtest-guard',
});
queue.on('error', () => undefined);
afterAll(async () => {
  await queue.close().catch(() => undefined);
});

/** Routes reachable without a session, by design. */
const PUBLIC = new Set([
  'GET /healthz',
  'GET /login',
  'POST /login',
  'GET /invitation/:token',
  'POST /invitation/:token',
  'GET /static/app.css',
  'GET /static/validation.js',
  // The admin-token login of the queue board (its own guard: the token).
  'GET /admin/login',
  'POST /admin/login',
  'POST /admin/logout',
]);

describe('every route but login, invitation, health check and static files needs a session', () => {
  it('answers 401, or 302 to /login for a page, on every other registered route', async () => {
    const store = await seededStore();
    const { app, routes } = await buildApp({
      store,
      validation: store.validation,
      codebook: loadDefaultCodebook(),
      queues: [queue],
      adminToken: 'test-admin-token-0123456789abcdef',
    });
    await app.ready();
    const seen = routes.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    // The enumeration is real: the validation pages and the board are all in it.
    for (const expected of [
      'GET /validation',
      'POST /validation',
      'POST /validation/undo',
      'GET /lots',
      'POST /lots',
      'GET /personnes',
      'POST /personnes',
      'POST /logout',
      'GET /',
      'GET /accord',
      'GET /modeles',
      'POST /modeles/choisir',
    ]) {
      expect(seen.map((r) => `${r.method} ${r.url}`)).toContain(expected);
    }
    expect(seen.some((r) => r.url.startsWith('/admin/queues'))).toBe(true);
    let checked = 0;
    for (const route of seen) {
      const key = `${route.method} ${route.url}`;
      const publicByDesign = PUBLIC.has(key);
      // A route marked public must be on the list above, and the list must match the marks.
      if (route.public) expect(PUBLIC.has(key), key).toBe(true);
      if (publicByDesign) continue;
      const url = route.url.replace(/:[A-Za-z]+/g, 'x').replace(/\*/g, 'x');
      for (const accept of ['text/html', 'application/json']) {
        const response = await app.inject({
          method: route.method as 'GET',
          url,
          headers: { accept, 'content-type': 'application/x-www-form-urlencoded' },
          ...(route.method === 'GET' ? {} : { payload: '_csrf=x' }),
        });
        const status = response.statusCode;
        const ok = status === 401 || (status === 302 && response.headers.location === '/login');
        expect(ok, `${key} (${accept}) answered ${status}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2 * 12);
    await app.close();
    await store.close();
  });
});
