/**
 * The page shell of the validation app: French, one stylesheet from /static, a header naming the
 * person and their pages, a skip link, and a logout form carrying the CSRF token. Every value
 * given to it is escaped here or by the caller with `escapeHtml`.
 */

import type { Role } from '../pipeline/store/validation-types.js';
import { escapeHtml } from '../reports/escape-html.js';

export interface PageUser {
  displayName: string;
  role: Role;
  csrf: string;
}

const LINKS: Readonly<Record<Role, ReadonlyArray<readonly [string, string]>>> = {
  coresearcher: [['/validation', 'Valider']],
  researcher: [
    ['/lots', 'Lots de validation'],
    ['/accord', 'Accord'],
    ['/modeles', 'Modèles'],
    ['/validation', 'Valider'],
  ],
  admin: [
    ['/personnes', 'Personnes'],
    ['/lots', 'Lots de validation'],
    ['/accord', 'Accord'],
    ['/modeles', 'Modèles'],
  ],
};

/** A hidden CSRF field for a form. */
export function csrfField(csrf: string): string {
  return `<input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">`;
}

/** A whole HTML page; `body` is already-escaped HTML. */
export function htmlPage(options: {
  title: string;
  body: string;
  user?: PageUser;
  scripts?: readonly string[];
}): string {
  const { title, body, user } = options;
  const nav = user
    ? `<nav aria-label="Menu principal"><ul>${LINKS[user.role]
        .map(([href, label]) => `<li><a href="${href}">${label}</a></li>`)
        .join('')}</ul></nav>
<div>Connecté·e : ${escapeHtml(user.displayName)}
<form method="post" action="/logout" style="display:inline">${csrfField(user.csrf)}<button type="submit" class="link">Se déconnecter</button></form></div>`
    : '';
  const scripts = (options.scripts ?? []).map((src) => `<script src="${src}" defer></script>`).join('');
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Verbatim</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/static/app.css">${scripts}</head>
<body><a class="visually-hidden" href="#contenu">Aller au contenu</a>
<header class="top"><strong>Verbatim</strong>${nav}</header>
<main id="contenu">${body}</main></body></html>`;
}
