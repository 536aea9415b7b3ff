/**
 * `/invitation/:token`: the invited person chooses a password (twice, at least
 * `MIN_PASSWORD_LENGTH` characters) and is signed in. The token is checked by its hash and works
 * once; an unknown, used or expired link gets one plain sentence and no detail.
 */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../pipeline/store/store.js';
import type { ValidationStore } from '../../pipeline/store/validation-types.js';
import { escapeHtml } from '../../reports/escape-html.js';
import { csrfField, htmlPage } from '../html-page.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../password-hash.js';
import { tokenHash } from '../session-cookie.js';
import { startSession } from '../web-session.js';
import { preCsrf, preCsrfOk } from './auth-routes.js';

export interface InvitationRoutesOptions {
  store: ValidationStore;
  /** Read side: who a live link is for (name and email shown, so people know their login). */
  reader: Store;
  secureCookies: boolean;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

interface Invitee {
  display_name: string;
  email: string;
}

function form(token: string, csrf: string, who: Invitee, message = ''): string {
  return htmlPage({
    title: 'Choisir un mot de passe',
    body: `<h1>Bienvenue, ${escapeHtml(who.display_name)} !</h1>
<p>Pour vous connecter à Verbatim, vous utiliserez votre adresse <strong>${escapeHtml(who.email)}</strong> et le mot de passe que vous choisissez ici.</p>
<p>Il doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.</p>
${message ? `<p class="alert" role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/invitation/${escapeHtml(token)}">${csrfField(csrf)}
<label for="password">Mot de passe</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<label for="confirm">Le même mot de passe, une seconde fois</label>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<button type="submit">Enregistrer mon mot de passe</button>
</form>`,
  });
}

const GONE = htmlPage({
  title: 'Lien non valable',
  body: '<h1>Ce lien ne marche plus</h1><p>Il a déjà servi ou il a expiré. Demandez un nouveau lien à la personne qui vous a invité·e.</p><p><a href="/login">Aller à la page de connexion</a></p>',
});

export async function invitationRoutes(app: FastifyInstance, options: InvitationRoutesOptions): Promise<void> {
  const { store, secureCookies: secure } = options;
  const invitee = (token: string): Promise<Invitee | undefined> =>
    options.reader.db
      .selectFrom('invitations as i')
      .innerJoin('users as u', 'u.user_id', 'i.user_id')
      .select(['u.display_name', 'u.email'])
      .where('i.token_sha256', '=', tokenHash(token))
      .where('i.used_at', 'is', null)
      .where('i.expires_at', '>', new Date().toISOString())
      .executeTakeFirst();

  app.get('/invitation/:token', { config: { public: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const who = TOKEN.test(token) ? await invitee(token) : undefined;
    if (!who) return reply.code(410).type('text/html; charset=utf-8').send(GONE);
    return reply.type('text/html; charset=utf-8').send(form(token, preCsrf(request, reply, secure), who));
  });

  app.post('/invitation/:token', { config: { public: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const who = TOKEN.test(token) ? await invitee(token) : undefined;
    if (!who) return reply.code(410).type('text/html; charset=utf-8').send(GONE);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const password = typeof body.password === 'string' ? body.password : '';
    const confirm = typeof body.confirm === 'string' ? body.confirm : '';
    const csrf = preCsrf(request, reply, secure);
    const again = (message: string) =>
      reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(form(token, csrf, who, message));
    if (!preCsrfOk(request)) return again('La page a expiré : merci de recommencer.');
    if ([...password].length < MIN_PASSWORD_LENGTH || password.length > 1024) {
      return again(`Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.`);
    }
    if (password !== confirm) return again('Les deux mots de passe ne sont pas identiques.');
    const user = await store.acceptInvitation(tokenHash(token), await hashPassword(password));
    if (!user) return reply.code(410).type('text/html; charset=utf-8').send(GONE);
    request.log.info({ userId: user.userId }, 'invitation accepted');
    return startSession(reply, store, user, secure);
  });
}
