/**
 * `/accord` (researchers and admins): the agreement report of a run's validations — per theme and
 * for the tone, humans among themselves and machine against humans — with percent agreement,
 * Cohen's kappa, Krippendorff's alpha, counts and the plain-French reading of the agreement
 * module. The run is chosen among those that have a batch (the id is not comment text).
 */
import type { FastifyInstance } from 'fastify';
import type { Codebook } from '../../models/codebooks/codebook.js';
import {
  type AgreementRow,
  buildAgreementReport,
  loadAgreementInput,
} from '../../models/evaluation/agreement/index.js';
import type { Store } from '../../pipeline/store/store.js';
import { escapeHtml } from '../../reports/escape-html.js';
import { htmlPage } from '../html-page.js';
import { signedIn } from '../web-session.js';

export interface AgreementRoutesOptions {
  store: Store;
  codebook: Codebook;
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
const num = (x: number | null) => (x === null ? '—' : x.toFixed(2).replace('.', ','));

export async function agreementRoutes(app: FastifyInstance, options: AgreementRoutesOptions): Promise<void> {
  const { store, codebook } = options;
  const labels = new Map<string, string>(codebook.themes.map((t) => [t.id, t.label]));
  const targetLabel = (r: AgreementRow) =>
    r.target === 'valence'
      ? 'Le ton'
      : (labels.get(r.target.replace(/^theme:/, '')) ?? r.target.replace(/^theme:/, ''));

  app.get('/accord', { config: { roles: ['researcher', 'admin'] } }, async (request, reply) => {
    const session = signedIn(request);
    const batches = await store.validation.listBatches();
    const runs = [...new Set(batches.map((b) => b.runId))];
    const asked = (request.query as Record<string, unknown>).run;
    const runId = typeof asked === 'string' && runs.includes(asked) ? asked : runs[0];
    const user = { displayName: session.user.displayName, role: session.user.role, csrf: session.csrfToken };
    const chooser =
      runs.length > 1
        ? `<form method="get" action="/accord"><label for="run">Run</label><select id="run" name="run">${runs
            .map((r) => `<option value="${escapeHtml(r)}"${r === runId ? ' selected' : ''}>${escapeHtml(r)}</option>`)
            .join('')}</select><button type="submit">Afficher</button></form>`
        : '';
    let body: string;
    if (runId === undefined) {
      body =
        '<h1>Accord entre validateurs</h1><p>Aucun lot de validation pour l’instant : créez-en un dans « Lots de validation ».</p>';
    } else {
      const { answers, machine } = await loadAgreementInput(store, runId);
      const report = buildAgreementReport(answers, machine);
      const section = (comparison: AgreementRow['comparison'], title: string, unit: string) => {
        const rows = report.rows.filter((r) => r.comparison === comparison);
        const lines = rows
          .map(
            (
              r,
            ) => `<tr><th scope="row">${escapeHtml(targetLabel(r))}</th><td>${r.units}</td><td>${pct(r.percentAgreement)}</td>
<td>${num(r.kappa)}</td><td>${num(r.alpha)}</td><td>${escapeHtml(r.reading)}</td></tr>`,
          )
          .join('');
        return `<h2>${title}</h2><table><thead><tr><th scope="col">Thème</th><th scope="col">${unit}</th><th scope="col">Accord</th>
<th scope="col">Kappa de Cohen</th><th scope="col">Alpha de Krippendorff</th><th scope="col">Lecture</th></tr></thead>
<tbody>${lines || '<tr><td colspan="6">Rien à comparer pour l’instant.</td></tr>'}</tbody></table>`;
      };
      body = `<h1>Accord entre validateurs</h1>${chooser}
<p>Run ${escapeHtml(runId)} : ${report.validatedSegments} passages validés par ${report.validators} personne(s), dont ${report.doubleCoded} vus par au moins deux personnes.</p>
<p>« Je ne sais pas » compte comme une réponse manquante. Kappa et alpha valent 1 quand l’accord est parfait et 0 quand il n’est pas meilleur que le hasard.</p>
${
  report.doubleCoded === 0
    ? '<h2>Les personnes entre elles</h2><p>Aucun passage n’a encore été vu par deux personnes : cet accord apparaîtra quand un lot en aura (part « vérifiée par deux personnes »).</p>'
    : section('humans', 'Les personnes entre elles', 'Passages')
}
${section('machine-humans', 'L’ordinateur face aux personnes', 'Paires')}`;
    }
    return reply.type('text/html; charset=utf-8').send(htmlPage({ title: 'Accord', body, user }));
  });
}
