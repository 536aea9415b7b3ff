/**
 * `/static/app.css` and `/static/validation.js`: the only stylesheet and script of the pages,
 * read once at start from `web/static/` (no CDN; the CSP allows scripts from this origin only).
 * Public and cacheable: they hold no data.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const FILES = {
  'app.css': 'text/css; charset=utf-8',
  'validation.js': 'text/javascript; charset=utf-8',
} as const;

export async function staticRoutes(app: FastifyInstance): Promise<void> {
  for (const [name, type] of Object.entries(FILES)) {
    const content = readFileSync(new URL(`../static/${name}`, import.meta.url));
    app.get(`/static/${name}`, { config: { public: true } }, async (_request, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=3600').send(content),
    );
  }
}
