/**
 * `/personnes` (admins): the people with access, and a form that adds a person with a role and
 * shows their one-time invitation link once (only its hash is stored). `/personnes/lien` gives an
 * existing person a new link (lost link or forgotten password).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Role, RoleSchema, type ValidationStore } from '../../pipeline/store/validation-types.js';
import { escapeHtml } from '../../reports/escape-html.js';
import { csrfField, htmlPage } from '../html-page.js';
import { invitePerson, reinvite } from '../invitation-link.js';
import { signedIn } from '../web-session.js';

export interface PeopleRoutesOptions {
  store: ValidationStore;
  /** Public origin for links (e.g. `https://verbatim.example.org`); absent: from the request. */
  publicUrl?: string;
}

/** Role names in plain French. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Administrateur·rice',
  researcher: 'Chercheur·e',
  coresearcher: 'Patient·e co-chercheur·e',
};

export async function peopleRoutes(app: FastifyInstance, options: PeopleRoutesOptions): Promise<void> {
  const { store } = options;
  const origin = (request: FastifyRequest) => options.publicUrl ?? `${request.protocol}://${request.host}`;

  const page = async (request: FastifyRequest, notice = '', link = '') => {
    const session = signedIn(request);
    const users = await store.listUsers();
    const rows = users
      .map(
        (u) => `<tr><td>${escapeHtml(u.displayName)}</td><td>${escapeHtml(u.email)}</td><td>${ROLE_LABELS[u.role]}</td>
<td><form method="post" action="/personnes/lien">${csrfField(session.csrfToken)}<input type="hidden" name="userId" value="${escapeHtml(u.userId)}">
<button type="submit" class="secondary">Nouveau lien<span class="visually-hidden"> pour ${escapeHtml(u.displayName)}</span></button></form></td></tr>`,
      )
      .join('');
    const roleOptions = (Object.keys(ROLE_LABELS) as Role[])
      .map((r) => `<option value="${r}"${r === 'coresearcher' ? ' selected' : ''}>${ROLE_LABELS[r]}</option>`)
      .join('');
    return htmlPage({
      title: 'Personnes',
      user: { displayName: session.user.displayName, role: session.user.role, csrf: session.csrfToken },
      body: `<h1>Personnes</h1>
${
  notice
    ? `<div class="ok" role="status"><p>${escapeHtml(notice)}</p>${
        link
          ? `<p>Lien à transmettre (il ne sera plus affiché, valable 7 jours, une seule fois) :</p><p><input type="text" id="lien" class="wide" readonly aria-label="Lien d’invitation" value="${escapeHtml(link)}"></p>`
          : ''
      }</div>`
    : ''
}
<h2>Inviter une personne</h2>
<form method="post" action="/personnes">${csrfField(session.csrfToken)}
<label for="displayName">Nom affiché</label><input id="displayName" name="displayName" type="text" required maxlength="128">
<label for="email">Adresse e-mail</label><input id="email" name="email" type="email" required maxlength="254">
<label for="role">Rôle</label><select id="role" name="role">${roleOptions}</select>
<button type="submit">Créer le lien d’invitation</button></form>
<h2>Personnes ayant un accès</h2>
<table><thead><tr><th scope="col">Nom</th><th scope="col">E-mail</th><th scope="col">Rôle</th><th scope="col">Lien d’invitation</th></tr></thead><tbody>${rows}</tbody></table>`,
    });
  };

  const roles = ['admin'] as const;
  app.get('/personnes', { config: { roles } }, async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(await page(request)),
  );

  app.post('/personnes', { config: { roles } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const role = RoleSchema.safeParse(body.role);
    const email = typeof body.email === 'string' ? body.email : '';
    const displayName = typeof body.displayName === 'string' ? body.displayName : '';
    if (!role.success || !email || !displayName) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(await page(request, 'Formulaire incomplet.'));
    }
    try {
      const { user, path } = await invitePerson(store, { email, displayName, role: role.data });
      request.log.info({ userId: user.userId, role: user.role }, 'person invited');
      const html = await page(request, `${user.displayName} a été ajouté·e.`, `${origin(request)}${path}`);
      return reply.type('text/html; charset=utf-8').send(html);
    } catch {
      // Duplicate email or invalid address: one plain sentence, no detail.
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(await page(request, 'Adresse invalide ou déjà utilisée.'));
    }
  });

  app.post('/personnes/lien', { config: { roles } }, async (request, reply) => {
    const userId = (request.body as Record<string, unknown> | undefined)?.userId;
    const user = typeof userId === 'string' ? await store.getUser(userId) : null;
    if (!user)
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(await page(request, 'Personne inconnue.'));
    const path = await reinvite(store, user.userId);
    const html = await page(request, `Nouveau lien pour ${user.displayName}.`, `${origin(request)}${path}`);
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
