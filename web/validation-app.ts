/**
 * The validation app (issue 6) as one fastify plugin: form parsing, the session guard, and the
 * route plugins (login, invitation, people, batches, validation, agreement, models, static files). Mounted by
 * `buildApp` when a validation store is given.
 */
import type { FastifyInstance } from 'fastify';
import type { Codebook } from '../models/codebooks/codebook.js';
import type { Store } from '../pipeline/store/store.js';
import type { ValidationStore } from '../pipeline/store/validation-types.js';
import { LoginRateLimit } from './login-rate-limit.js';
import { agreementRoutes } from './routes/agreement-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { batchRoutes } from './routes/batch-routes.js';
import { invitationRoutes } from './routes/invitation-routes.js';
import { modelsPageRoutes } from './routes/models-page.js';
import { peopleRoutes } from './routes/people-routes.js';
import { staticRoutes } from './routes/static-routes.js';
import { validationRoutes } from './routes/validation-routes.js';
import { installGuard } from './web-session.js';

export interface ValidationAppOptions {
  store: Store;
  validation: ValidationStore;
  codebook: Codebook;
  /** Cookies marked Secure (the server is reached over https, e.g. behind a proxy). */
  secureCookies: boolean;
  /** Public origin used in invitation links; absent: the request's. */
  publicUrl?: string;
  /** Login rate limit (one per app; tests pass their own clock). */
  rateLimit?: LoginRateLimit;
  /** User model folder listed (and promoted into) by `/modeles`; absent: shipped models only. */
  modelsDir?: string;
}

/** Largest form accepted (a note is at most 2,000 characters). */
const FORM_LIMIT = 64 * 1024;

/** `a=1&a=2` → `{ a: ['1', '2'] }`; single keys stay strings. */
export function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export async function validationApp(app: FastifyInstance, options: ValidationAppOptions): Promise<void> {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_LIMIT },
    (_request, body, done) => done(null, parseForm(String(body))),
  );
  installGuard(app, options.validation);
  const secureCookies = options.secureCookies;
  await app.register(staticRoutes);
  await app.register(authRoutes, {
    store: options.validation,
    rateLimit: options.rateLimit ?? new LoginRateLimit(),
    secureCookies,
  });
  await app.register(invitationRoutes, { store: options.validation, reader: options.store, secureCookies });
  await app.register(peopleRoutes, {
    store: options.validation,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  await app.register(batchRoutes, { store: options.validation, runs: options.store, agreement: true });
  await app.register(agreementRoutes, { store: options.store, codebook: options.codebook });
  await app.register(modelsPageRoutes, {
    store: options.store,
    codebook: options.codebook,
    ...(options.modelsDir ? { modelsDir: options.modelsDir } : {}),
  });
  await app.register(validationRoutes, { store: options.validation, codebook: options.codebook });
}
