/**
 * `/admin/login` (a form that exchanges the admin token for a session cookie) and `/admin/logout`.
 * French, plain HTML, no script; the token travels in a POST body, never in a URL.
 */
import type { FastifyInstance } from 'fastify';
import { ADMIN_COOKIE_MAX_AGE_S, sameSecret, sessionCookie, sessionValue } from '../admin-token.js';

export interface AdminLoginOptions {
  token: string;
  /** Where a successful login goes. */
  next: string;
}

const page = (message: string) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verbatim — administration</title></head>
<body><main>
<h1>Administration de Verbatim</h1>
${message ? `<p role="alert">${message}</p>` : ''}
<form method="post" action="/admin/login">
<label for="token">Jeton d’administration</label>
<input id="token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">Se connecter</button>
</form>
</main></body></html>`;

export async function adminLoginRoutes(app: FastifyInstance, options: AdminLoginOptions): Promise<void> {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  app.get('/admin/login', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page('')));

  app.post('/admin/login', async (request, reply) => {
    const given = (request.body as { token?: unknown } | undefined)?.token;
    if (typeof given !== 'string' || !sameSecret(given, options.token)) {
      return reply.code(401).type('text/html; charset=utf-8').send(page('Jeton incorrect.'));
    }
    const cookie = sessionCookie(sessionValue(options.token), {
      secure: request.protocol === 'https',
      maxAgeS: ADMIN_COOKIE_MAX_AGE_S,
    });
    return reply.header('set-cookie', cookie).redirect(options.next, 303);
  });

  app.post('/admin/logout', async (request, reply) => {
    const cookie = sessionCookie('', { secure: request.protocol === 'https', maxAgeS: 0 });
    return reply.header('set-cookie', cookie).redirect('/admin/login', 303);
  });
}
