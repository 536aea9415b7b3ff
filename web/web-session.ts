/**
 * The guard of the validation app: a hook that resolves the session cookie to a user before any
 * handler runs, refuses routes that are not marked public (302 to /login for a page, 401 for
 * anything else), checks the route's roles (403), and checks the CSRF token of every
 * state-changing request against the one stored with the session.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role, Session, User, ValidationStore } from '../pipeline/store/validation-types.js';
import { readCookie } from './admin-token.js';
import {
  cookieHeader,
  randomToken,
  SESSION_COOKIE,
  SESSION_MAX_AGE_S,
  sameToken,
  tokenHash,
} from './session-cookie.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (login, invitation, health check, static files). */
    public?: boolean;
    /** Roles allowed; absent = any signed-in person. */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    /** The signed-in session, set by the guard; null on public routes without one. */
    webSession: Session | null;
  }
}

/** Where each role lands after login. */
export function homeOf(user: User): string {
  if (user.role === 'admin') return '/personnes';
  if (user.role === 'researcher') return '/lots';
  return '/validation';
}

/**
 * Opens a session for `user` (only its hash is stored) and sends them to their home page with the
 * session cookie: what a login and an accepted invitation both end with.
 */
export async function startSession(
  reply: FastifyReply,
  store: ValidationStore,
  user: User,
  secure: boolean,
): Promise<FastifyReply> {
  const sessionId = randomToken();
  await store.createSession({
    sessionSha256: tokenHash(sessionId),
    userId: user.userId,
    csrfToken: randomToken(),
    expiresAt: new Date(Date.now() + SESSION_MAX_AGE_S * 1000).toISOString(),
  });
  return reply
    .header('set-cookie', cookieHeader(SESSION_COOKIE, sessionId, { secure, maxAgeS: SESSION_MAX_AGE_S }))
    .redirect(homeOf(user), 303);
}

function wantsPage(request: FastifyRequest): boolean {
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}

/** The session of a request (from its cookie), or null. */
export async function sessionOf(request: FastifyRequest, store: ValidationStore): Promise<Session | null> {
  const id = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!id) return null;
  return store.getSession(tokenHash(id));
}

/** The CSRF token sent with a request: form field `_csrf` or header `x-csrf-token`. */
export function sentCsrf(request: FastifyRequest): string {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  return typeof body?._csrf === 'string' ? body._csrf : '';
}

async function refuse(reply: FastifyReply, code: number, text: string): Promise<void> {
  await reply
    .code(code)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="fr"><meta charset="utf-8"><title>${code}</title><main><p>${text} <a href="/login">Se connecter</a></p></main></html>`,
    );
}

/** Installs the guard on `app` (call inside the validation plugin, before its routes). */
export function installGuard(app: FastifyInstance, store: ValidationStore): void {
  app.decorateRequest('webSession', null);
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    const session = await sessionOf(request, store);
    request.webSession = session;
    if (config.public) return;
    if (!session) {
      if (wantsPage(request)) return reply.redirect('/login', 302);
      return refuse(reply, 401, 'Vous devez vous connecter.');
    }
    if (config.roles && !config.roles.includes(session.user.role)) {
      return refuse(reply, 403, 'Cette page n’est pas ouverte à votre rôle.');
    }
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.routeOptions.config.public) return;
    const session = request.webSession;
    if (!session || !sameToken(sentCsrf(request), session.csrfToken)) {
      return refuse(reply, 403, 'La page a expiré : rechargez-la et recommencez.');
    }
  });
}

/** The session of a guarded route (the guard guarantees it). */
export function signedIn(request: FastifyRequest): Session {
  if (!request.webSession) throw new Error('guarded route reached without a session');
  return request.webSession;
}
