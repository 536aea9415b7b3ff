/**
 * `/login` (email and password, French form), `/logout` and `/` (sends each person to their
 * page). Login is rate-limited per email and address, answers the same message whether the email
 * is unknown or the password wrong, and opens a new session id each time (no fixation). The login
 * form carries a double-submit CSRF token (cookie + hidden field) since there is no session yet.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ValidationStore } from '../../pipeline/store/validation-types.js';
import { escapeHtml } from '../../reports/escape-html.js';
import { readCookie } from '../admin-token.js';
import { csrfField, htmlPage } from '../html-page.js';
import type { LoginRateLimit } from '../login-rate-limit.js';
import { verifyPassword } from '../password-hash.js';
import { cookieHeader, PRE_CSRF_COOKIE, randomToken, SESSION_COOKIE, sameToken } from '../session-cookie.js';
import { homeOf, signedIn, startSession } from '../web-session.js';

export interface AuthRoutesOptions {
  store: ValidationStore;
  rateLimit: LoginRateLimit;
  secureCookies: boolean;
}

/** The pre-login CSRF token: the cookie's when present, else a new one set on the reply. */
export function preCsrf(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = readCookie(request.headers.cookie, PRE_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomToken();
  reply.header('set-cookie', cookieHeader(PRE_CSRF_COOKIE, token, { secure, maxAgeS: 3600 }));
  return token;
}

/** Whether a public form's hidden `_csrf` matches its cookie. */
export function preCsrfOk(request: FastifyRequest): boolean {
  const cookie = readCookie(request.headers.cookie, PRE_CSRF_COOKIE) ?? '';
  const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
  return typeof sent === 'string' && sameToken(sent, cookie);
}

function loginPage(csrf: string, message = '', email = '', notice = ''): string {
  return htmlPage({
    title: 'Connexion',
    body: `<h1>Connexion</h1>
${notice ? `<p class="ok" role="status">${escapeHtml(notice)}</p>` : ''}
${message ? `<p class="alert" role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/login">${csrfField(csrf)}
<label for="email">Adresse e-mail</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}">
<label for="password">Mot de passe</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Se connecter</button>
</form>
<p>Pas encore de mot de passe ? Utilisez le lien d’invitation reçu de l’équipe.</p>`,
  });
}

export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): Promise<void> {
  const { store, rateLimit, secureCookies: secure } = options;

  app.get('/login', { config: { public: true } }, async (request, reply) => {
    if (request.webSession) return reply.redirect(homeOf(request.webSession.user), 303);
    const csrf = preCsrf(request, reply, secure);
    const query = request.query as Record<string, unknown>;
    const notice = query['au-revoir'] !== undefined ? 'Vous êtes déconnecté·e. À bientôt !' : '';
    return reply.type('text/html; charset=utf-8').send(loginPage(csrf, '', '', notice));
  });

  app.post('/login', { config: { public: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase().slice(0, 254) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
    const csrf = preCsrf(request, reply, secure);
    const html = (code: number, message: string) =>
      reply
        .code(code)
        .type('text/html; charset=utf-8')
        .send(loginPage(csrf, message, email));
    if (!preCsrfOk(request)) return html(403, 'La page a expiré : merci de recommencer.');
    if (!rateLimit.allowed(email, request.ip)) {
      return html(429, 'Trop d’essais manqués. Attendez 15 minutes avant de réessayer.');
    }
    const user = email ? await store.getUserForLogin(email) : null;
    const ok = await verifyPassword(password, user?.passwordHash ?? null);
    if (!user || !ok || user.disabled) {
      rateLimit.fail(email, request.ip);
      return html(401, 'Adresse e-mail ou mot de passe incorrect.');
    }
    rateLimit.succeed(email, request.ip);
    request.log.info({ userId: user.userId }, 'login');
    return startSession(reply, store, user, secure);
  });

  app.post('/logout', async (request, reply) => {
    const session = signedIn(request);
    await store.deleteSession(session.sessionSha256);
    return reply
      .header('set-cookie', cookieHeader(SESSION_COOKIE, '', { secure, maxAgeS: 0 }))
      .redirect('/login?au-revoir=1', 303);
  });

  app.get('/', async (request, reply) => reply.redirect(homeOf(signedIn(request).user), 302));
}
