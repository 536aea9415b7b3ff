/** The report's first section: what was processed, with counts from summary.json and the store. */
import { escapeHtml } from './escape-html.js';
import { formatCount, formatDateTime, formatDecimal, formatPercent } from './format-fr.js';
import type { ReportData } from './report-data.js';

const MAX_LISTED_SOURCES = 20;

/** A count from summary.json, or `null` when the run has no summary (still running, failed). */
function summaryCount(data: ReportData, key: string): number | null {
  const value = data.run.summary?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The "Synthèse du traitement" section. */
export function renderRunSection(data: ReportData): string {
  const { run, overview } = data;
  const fmt = (n: number | null) => (n === null ? 'n. d.' : formatCount(n));
  const themed =
    overview.records === 0 ? '' : ` <small>(${formatPercent(overview.recordsWithTheme / overview.records)})</small>`;
  const items: [string, string][] = [
    ['Commentaires analysés', fmt(overview.records)],
    ['Avec au moins un thème', `${fmt(overview.recordsWithTheme)}${themed}`],
    [
      'Score moyen des répondants',
      data.overallScore.mean === null
        ? 'n. d.'
        : `${formatDecimal(data.overallScore.mean)} <small>(${formatCount(data.overallScore.respondents)} rép.)</small>`,
    ],
    ['Lignes lues', fmt(summaryCount(data, 'rows_read'))],
    ['Lignes vides', fmt(summaryCount(data, 'records_empty'))],
    ['Lignes en quarantaine', fmt(data.quarantined)],
    ['Doublons écartés', fmt(summaryCount(data, 'duplicates'))],
    ['Segments codés', `${fmt(overview.codedSegments)} <small>sur ${fmt(overview.segments)}</small>`],
  ];
  const listed = data.sources.slice(0, MAX_LISTED_SOURCES).map((s) => `<li>${escapeHtml(s)}</li>`);
  if (data.sources.length > MAX_LISTED_SOURCES)
    listed.push(`<li>et ${formatCount(data.sources.length - MAX_LISTED_SOURCES)} autres fichiers</li>`);
  const status =
    run.status === 'done'
      ? ''
      : `<p class="note">Le traitement n’est pas terminé (statut : ${escapeHtml(run.status)}) : les chiffres sont provisoires.</p>`;
  return `<section aria-labelledby="traitement">
<h2 id="traitement">Synthèse du traitement</h2>
<p class="meta">Traitement lancé le ${escapeHtml(formatDateTime(new Date(run.createdAt)))}${run.finishedAt ? `, terminé le ${escapeHtml(formatDateTime(new Date(run.finishedAt)))}` : ''}.</p>
${status}
<dl class="counts">
${items.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('\n')}
</dl>
<h3>Fichiers sources (${formatCount(data.sources.length)})</h3>
${listed.length > 0 ? `<ul class="inline">\n${listed.join('\n')}\n</ul>` : '<p>Aucun fichier enregistré.</p>'}
</section>`;
}
