/**
 * `/lots` (researchers and admins): the validation batches with their progress, and a form that
 * builds a batch from a run — random, stratified by theme, or active (the segments the model is
 * least sure of) — with a share given to two validators for agreement (default 20 %).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Store } from '../../pipeline/store/store.js';
import { StrategySchema, type ValidationStore } from '../../pipeline/store/validation-types.js';
import { escapeHtml } from '../../reports/escape-html.js';
import { csrfField, htmlPage } from '../html-page.js';
import { signedIn } from '../web-session.js';

export interface BatchRoutesOptions {
  store: ValidationStore;
  /** Read side of the store (the list of runs). */
  runs: Store;
  /** Whether the agreement page is mounted (a link is shown). */
  agreement: boolean;
}

const STRATEGY_LABELS = {
  random: 'Au hasard',
  stratified: 'Équilibré par thème',
  active: 'Les passages où le modèle hésite le plus',
} as const;

const BatchFormSchema = z.object({
  runId: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  strategy: StrategySchema,
  size: z.coerce.number().int().positive().max(100_000),
  doublePercent: z.coerce.number().min(0).max(100).default(20),
  validators: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])),
});

const ROLES = ['researcher', 'admin'] as const;

export async function batchRoutes(app: FastifyInstance, options: BatchRoutesOptions): Promise<void> {
  const { store } = options;

  const page = async (request: Parameters<typeof signedIn>[0], notice = '', alert = '') => {
    const session = signedIn(request);
    const [batches, users, runs] = await Promise.all([
      store.listBatches(),
      store.listUsers(),
      options.runs.db
        .selectFrom('runs')
        .select(['run_id', 'created_at', 'status'])
        .orderBy('created_at', 'desc')
        .limit(50)
        .execute(),
    ]);
    const rows = batches
      .map(
        (b) => `<tr><td>${escapeHtml(b.name)}</td><td>${escapeHtml(b.runId)}</td><td>${STRATEGY_LABELS[b.strategy]}</td>
<td>${b.segments} (dont ${b.doubled} en double)</td><td>${b.done} / ${b.total}</td></tr>`,
      )
      .join('');
    const validators = users
      .filter((u) => u.role === 'coresearcher' && !u.disabled)
      .map(
        (u, i) =>
          `<label><input type="checkbox" name="validators" value="${escapeHtml(u.userId)}" id="v-${i}" checked> ${escapeHtml(u.displayName)}</label>`,
      )
      .join('');
    const runOptions = runs
      .map(
        (r) =>
          `<option value="${escapeHtml(r.run_id)}">${escapeHtml(r.run_id)} (${escapeHtml(r.created_at.slice(0, 10))})</option>`,
      )
      .join('');
    const strategies = Object.entries(STRATEGY_LABELS)
      .map(
        ([v, l]) =>
          `<label><input type="radio" name="strategy" value="${v}"${v === 'random' ? ' checked' : ''}> ${l}</label>`,
      )
      .join('');
    return htmlPage({
      title: 'Lots de validation',
      user: { displayName: session.user.displayName, role: session.user.role, csrf: session.csrfToken },
      body: `<h1>Lots de validation</h1>
${notice ? `<p class="ok" role="status">${escapeHtml(notice)}</p>` : ''}${alert ? `<p class="alert" role="alert">${escapeHtml(alert)}</p>` : ''}
${options.agreement ? '<p><a href="/accord">Voir l’accord entre validateurs et avec la machine</a></p>' : ''}
<table><thead><tr><th scope="col">Nom</th><th scope="col">Run</th><th scope="col">Choix des passages</th><th scope="col">Passages</th><th scope="col">Décisions</th></tr></thead>
<tbody>${rows || '<tr><td colspan="5">Aucun lot pour l’instant.</td></tr>'}</tbody></table>
<h2>Créer un lot</h2>
<form method="post" action="/lots">${csrfField(session.csrfToken)}
<label for="name">Nom du lot</label><input id="name" name="name" type="text" required maxlength="200">
<label for="runId">Run</label><select id="runId" name="runId" required>${runOptions}</select>
<fieldset><legend>Choix des passages</legend><div class="radios">${strategies}</div></fieldset>
<label for="size">Nombre de passages</label><input id="size" name="size" type="number" min="1" max="100000" value="20" required>
<label for="doublePercent">Part vérifiée par deux personnes (%)</label><input id="doublePercent" name="doublePercent" type="number" min="0" max="100" value="20" required>
<fieldset><legend>Validateurs</legend><div class="radios">${validators || 'Invitez d’abord des patient·es co-chercheur·es.'}</div></fieldset>
<button type="submit">Créer le lot</button></form>`,
    });
  };

  app.get('/lots', { config: { roles: ROLES } }, async (request, reply) => {
    const done = (request.query as Record<string, unknown>).fait === '1';
    return reply.type('text/html; charset=utf-8').send(await page(request, done ? 'Le lot est créé.' : ''));
  });

  app.post('/lots', { config: { roles: ROLES } }, async (request, reply) => {
    const session = signedIn(request);
    const form = BatchFormSchema.safeParse(request.body ?? {});
    if (!form.success) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(
          await page(request, '', 'Formulaire incomplet : vérifiez chaque champ et choisissez au moins un validateur.'),
        );
    }
    const { doublePercent, ...batch } = form.data;
    try {
      const created = await store.createBatch({
        ...batch,
        doubleShare: doublePercent / 100,
        createdBy: session.user.userId,
      });
      request.log.info({ batchId: created.batchId, segments: created.segments }, 'batch created');
    } catch {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(await page(request, '', 'Le lot n’a pas pu être créé (run inconnu ou sans passage à valider).'));
    }
    return reply.redirect('/lots?fait=1', 303);
  });
}
