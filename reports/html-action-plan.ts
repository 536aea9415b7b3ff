/**
 * The draft action plan as a table in the report; the same rows go to the XLSX file the quality
 * team edits (`xlsx-action-plan.ts`).
 */
import type { ActionPlanRow } from './action-plan.js';
import { PLAN_REASON_LABELS } from './action-plan.js';
import { escapeHtml } from './escape-html.js';
import { formatCount, formatPercent } from './format-fr.js';
import { elide } from './html-quotes.js';

/** Quotes in the plan are shorter than in the quotes section: the table must stay readable. */
const PLAN_QUOTE_LENGTH = 130;

/** The "Projet de plan d’actions" section body. */
export function renderActionPlan(rows: readonly ActionPlanRow[]): string {
  if (rows.length === 0) {
    return '<p>Aucun thème ne ressort comme prioritaire dans ce traitement : pas de projet de plan d’actions.</p>';
  }
  const body = rows
    .map((r) => {
      const quotes = r.quotes
        .map(
          // Segment ids are in the XLSX plan and the quotes section; here they would double the height.
          (q) => `<li>« ${escapeHtml(elide(q.text, PLAN_QUOTE_LENGTH))} »</li>`,
        )
        .join('');
      const actions =
        r.actions.length === 0
          ? '<em>à définir en équipe (aucune action pour ce thème dans la grille de codage fournie)</em>'
          : `<ul>${r.actions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>`;
      const trend = r.trend === null ? '' : `<br>Évolution : ${escapeHtml(r.trend)}.`;
      return `<tr>
<th scope="row">${escapeHtml(r.theme)}<br><span class="reading">${PLAN_REASON_LABELS[r.reason]}</span></th>
<td>${formatCount(r.comments)} commentaires, ${formatPercent(r.negativeShare)} négatifs.${trend}${quotes ? `<ul class="plan-quotes">${quotes}</ul>` : ''}</td>
<td>${escapeHtml(r.objective)}</td>
<td>${actions}</td>
<td>${escapeHtml(r.indicator)}</td>
<td class="follow-up"><span class="fill">Pilote : ${escapeHtml(r.owner) || 'à désigner'}</span><br><span class="fill">Échéance : ${escapeHtml(r.deadline) || 'à fixer'}</span><br>Statut : ${escapeHtml(r.status)}</td>
</tr>`;
    })
    .join('\n');
  return `<p>Projet à discuter en équipe : une ligne par thème prioritaire. Les actions proposées viennent de la bibliothèque d’actions de la grille de codage ; pilote, échéance et statut sont à compléter dans le fichier tableur joint (<code>plan-actions.xlsx</code>).</p>
<div class="table-wrap">
<table class="plan">
<caption>Projet de plan d’actions</caption>
<colgroup><col style="width: 12%"><col style="width: 31%"><col style="width: 11%"><col style="width: 25%"><col style="width: 10%"><col style="width: 11%"></colgroup>
<thead><tr><th scope="col">Thème</th><th scope="col">Constat</th><th scope="col">Objectif</th><th scope="col">Actions proposées</th><th scope="col">Indicateur de suivi</th><th scope="col">Pilote, échéance, statut</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>`;
}
