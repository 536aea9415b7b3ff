/**
 * `/modeles` (researchers and admins): the models Verbatim can use — shipped and those trained in
 * the model folder the app was given (`verbatim train`, `--from-validations`) — with their
 * cross-validated figures next to the current default's, and a form per model that makes it the
 * default through the same `promoteModel` as `verbatim models promote`, the signed-in person
 * recorded as the one who chose it.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Codebook } from '../../models/codebooks/codebook.js';
import { listModelFigures, type ModelFigures } from '../../models/model-figures.js';
import { promoteModel } from '../../models/promote-model.js';
import { readPromotedDefault } from '../../models/promoted-default.js';
import { VerbatimError } from '../../pipeline/errors.js';
import type { Store } from '../../pipeline/store/store.js';
import { escapeHtml } from '../../reports/escape-html.js';
import { csrfField, htmlPage } from '../html-page.js';
import { signedIn } from '../web-session.js';

export interface ModelsPageOptions {
  /** Store whose audit table records promotions. */
  store: Pick<Store, 'appendAudit'>;
  codebook: Codebook;
  /** The user model folder; absent: shipped models only, and no promotion. */
  modelsDir?: string;
}

/** The themes whose F1 the page shows for every model (issue 6's headline themes). */
export const HEADLINE_THEMES = ['communication', 'fear_of_reprisal', 'legitimacy'] as const;

const ROLES = ['researcher', 'admin'] as const;
const PromoteFormSchema = z.object({ model: z.string().min(1).max(200) });

const dec = (x: number) => x.toFixed(2).replace('.', ',');
const gap = (x: number, ref: number | undefined) => {
  if (ref === undefined) return '';
  const d = x - ref;
  const s = Math.abs(d) < 0.005 ? '±0,00' : `${d > 0 ? '+' : '−'}${dec(Math.abs(d))}`;
  return ` <span class="hint">(${s})</span>`;
};

/** « train-all.jsonl + validations du run R (N exemples, sha256 …) » in plain words. */
export function plainSource(source: string): string {
  const m = /^(.*?) \+ validations du run (\S+) \((\d+) exemples/.exec(source);
  return m ? `${m[1]} + validations : ${m[3]} décisions (run ${m[2]})` : source;
}

export async function modelsPageRoutes(app: FastifyInstance, options: ModelsPageOptions): Promise<void> {
  const { modelsDir, codebook } = options;
  const themeLabel = new Map<string, string>(codebook.themes.map((t) => [t.id, t.label]));

  const row = (m: ModelFigures, ref: ModelFigures | undefined, csrf: string) => {
    const f = m.figures;
    const r = m.isDefault ? undefined : ref?.figures;
    const cells = f
      ? [
          `${dec(f.microF1)}${gap(f.microF1, r?.microF1)}`,
          `${dec(f.macroF1)}${gap(f.macroF1, r?.macroF1)}`,
          ...HEADLINE_THEMES.map((t) => {
            const v = f.perLabel[t];
            return v === undefined ? '—' : `${dec(v)}${gap(v, r?.perLabel[t])}`;
          }),
          String(f.examples),
        ]
      : [
          `<span class="hint">${m.missing === 'rules' ? 'Règles sans entraînement : pas de chiffres' : 'Fichier du modèle illisible'}</span>`,
        ];
    const about = f
      ? `Version ${escapeHtml(f.version)} du ${escapeHtml(f.createdAt.slice(0, 10))}, entraînée sur ${escapeHtml(plainSource(f.source))}.`
      : '';
    const action = m.isDefault
      ? '<strong>Modèle par défaut actuel.</strong>'
      : modelsDir === undefined
        ? ''
        : `<form method="post" action="/modeles/choisir" class="inline">${csrfField(csrf)}<input type="hidden" name="model" value="${escapeHtml(m.name)}"><button type="submit" class="secondary">Choisir comme modèle par défaut</button></form>`;
    const width = HEADLINE_THEMES.length + 3;
    const span = f ? '' : ` colspan="${width}"`;
    // One group per model: its figures, then a line saying what it was trained on, and the choice.
    return `<tbody${m.isDefault ? ' class="current-model"' : ''}><tr><th scope="row" rowspan="2" class="model-name">${escapeHtml(m.name)}${
      m.shipped ? '<br><span class="hint">(livré)</span>' : ''
    }</th>${cells.map((c, i) => `<td${i === 0 ? span : ''}>${c}</td>`).join('')}</tr>
<tr><td colspan="${width}">${about} ${action}</td></tr></tbody>`;
  };

  const page = (request: Parameters<typeof signedIn>[0], notice = '', alert = '') => {
    const session = signedIn(request);
    const models = listModelFigures({ modelsDir });
    const current = models.find((m) => m.isDefault);
    const promoted = readPromotedDefault(modelsDir);
    const heads = HEADLINE_THEMES.map((t) => `<th scope="col">${escapeHtml(themeLabel.get(t) ?? t)}</th>`).join('');
    const rows = [...models].sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
    const body = `<h1>Modèles</h1>
${notice ? `<p class="ok" role="status">${escapeHtml(notice)}</p>` : ''}${alert ? `<p class="alert" role="alert">${escapeHtml(alert)}</p>` : ''}
<p>Chaque modèle propose les thèmes des commentaires. Les chiffres disent à quel point il retrouve les thèmes donnés par des personnes.
F1 : 1 = parfait ; calculé par validation croisée sur les données d’entraînement du modèle (le modèle est entraîné sur une partie des exemples et noté sur le reste, plusieurs fois).
Le micro-F1 compte chaque thème trouvé ; le macro-F1 fait la moyenne des thèmes, rares compris.
Deux modèles entraînés sur des données différentes ne sont pas notés sur les mêmes exemples : comparez-les avec prudence.</p>
<p>Modèle par défaut actuel : <strong>${escapeHtml(current?.name ?? '—')}</strong>${
      promoted
        ? ` (choisi par ${escapeHtml(promoted.by)} le ${escapeHtml(promoted.promotedAt.slice(0, 10))})`
        : ' (celui livré avec Verbatim)'
    }. Entre parenthèses : l’écart avec lui.</p>
${modelsDir === undefined ? '<p class="hint">Aucun dossier de modèles n’a été donné au serveur : seuls les modèles livrés sont listés, et le choix du modèle par défaut se fait avec <code>verbatim models promote</code>.</p>' : ''}
<div class="table-scroll"><table><caption class="visually-hidden">Modèles et leurs chiffres</caption>
<thead><tr><th scope="col">Modèle</th><th scope="col">Micro-F1</th><th scope="col">Macro-F1</th>${heads}<th scope="col">Exemples</th></tr></thead>
${rows.map((m) => row(m, current, session.csrfToken)).join('')}</table></div>
<p>Pour entraîner un nouveau modèle avec les passages validés : <code>verbatim train --from-validations RUN --base NOM</code>. Il apparaîtra ici.</p>`;
    return htmlPage({
      title: 'Modèles',
      user: { displayName: session.user.displayName, role: session.user.role, csrf: session.csrfToken },
      body,
    });
  };

  app.get('/modeles', { config: { roles: ROLES } }, async (request, reply) => {
    const done = (request.query as Record<string, unknown>).fait === '1';
    const chosen = done ? readPromotedDefault(modelsDir)?.model : undefined;
    return reply
      .type('text/html; charset=utf-8')
      .send(page(request, chosen ? `${chosen} est maintenant le modèle par défaut.` : ''));
  });

  app.post('/modeles/choisir', { config: { roles: ROLES } }, async (request, reply) => {
    const session = signedIn(request);
    const form = PromoteFormSchema.safeParse(request.body ?? {});
    const refuse = (alert: string) =>
      reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(page(request, '', alert));
    if (!form.success) return refuse('Choisissez un modèle dans la liste.');
    if (modelsDir === undefined) return refuse('Aucun dossier de modèles n’a été donné au serveur.');
    try {
      const promotion = await promoteModel({
        modelsDir,
        name: form.data.model,
        by: session.user.email,
        actor: session.user.userId,
        store: options.store,
      });
      request.log.info({ model: promotion.model, previous: promotion.previous }, 'model promoted');
    } catch (error) {
      if (error instanceof VerbatimError && error.code === 'USAGE') return refuse('Ce modèle n’existe pas.');
      throw error;
    }
    return reply.redirect('/modeles?fait=1', 303);
  });
}
