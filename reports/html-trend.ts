/**
 * The trend section: each theme's share of comments now and in the comparison run, the change
 * in points, the corrected p-value and the verdict in words.
 */
import { escapeHtml } from './escape-html.js';
import { formatCount, formatPercent, formatPoints, formatPValue } from './format-fr.js';
import { trendText } from './html-theme-overview.js';
import type { ReportData } from './report-data.js';

const CORRECTION_NAMES = { holm: 'Holm', bh: 'Benjamini–Hochberg' } as const;

/** The "Évolution" section body: a note without a comparison run, else the table. */
export function renderTrendSection(data: ReportData): string {
  if (data.previous === null) {
    return '<p class="note">Aucun traitement de comparaison n’a été indiqué : l’évolution n’est pas calculée. Relancez le rapport avec <code>--compare-to</code> et l’identifiant du traitement de la période précédente.</p>';
  }
  const previous = data.previous;
  const withTrend = data.themes.filter((t) => t.trend !== null);
  const significant = withTrend.filter((t) => t.trend?.verdict === 'hausse' || t.trend?.verdict === 'baisse');
  const summary =
    significant.length === 0
      ? 'Aucune variation n’est plus grande que ce que le hasard explique : les écarts observés ne doivent pas être sur-interprétés.'
      : `Variation${significant.length > 1 ? 's' : ''} au-delà du hasard : ${significant.map((t) => `${escapeHtml(t.label)} (${escapeHtml(trendText(t.trend))})`).join(' ; ')}.`;
  const rows = withTrend
    .map((t) => {
      const trend = t.trend;
      if (trend === null) return '';
      return `<tr><th scope="row">${escapeHtml(t.label)}</th><td class="num">${formatPercent(trend.previousShare)} <small>(${formatCount(trend.previousComments)})</small></td><td class="num">${formatPercent(trend.currentShare)} <small>(${formatCount(trend.currentComments)})</small></td><td class="num">${formatPoints(trend.difference)}</td><td class="num">${escapeHtml(formatPValue(trend.adjustedPValue))}</td><td class="trend trend-${trend.verdict}">${escapeHtml(trendText(trend))}</td></tr>`;
    })
    .join('\n');
  return `<p>Comparaison avec le traitement <code>${escapeHtml(previous.run.runId)}</code> (${formatCount(previous.overview.records)} commentaires analysés, contre ${formatCount(data.overview.records)} pour celui-ci). Pour chaque thème, la part des commentaires qui le citent est comparée par un test de comparaison de deux proportions ; la correction de ${CORRECTION_NAMES[data.correction]} tient compte du nombre de thèmes testés (seuil 5 %).</p>
<p class="note"><strong>À retenir :</strong> ${summary}</p>
<div class="table-wrap">
<table>
<caption>Évolution de la part des commentaires par thème</caption>
<thead><tr><th scope="col">Thème</th><th scope="col" class="num">Période précédente</th><th scope="col" class="num">Cette période</th><th scope="col" class="num">Écart</th><th scope="col" class="num">p corrigé</th><th scope="col">Lecture</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>`;
}
