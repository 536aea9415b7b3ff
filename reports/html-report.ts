/**
 * The French quality report of one run, as one self-contained HTML page (inline CSS and SVG, no
 * script, no external resource) that a quality team can open, print to PDF or hand to the
 * Commission des usagers. Data comes from `collectReportData` (SQL aggregates); every text that
 * comes from the store is escaped by the section renderers.
 */
import type { RunId, Store } from '../pipeline/index.js';
import { renderThemeVolumesChart } from './chart-theme-volumes.js';
import { escapeHtml } from './escape-html.js';
import { formatCount, formatDateTime } from './format-fr.js';
import { renderActionPlan } from './html-action-plan.js';
import { renderCrosstab, type ThemeColumn } from './html-crosstab.js';
import { renderMethodSection } from './html-method-section.js';
import { renderPriorityMatrixSection } from './html-priority-matrix.js';
import { renderQuotes } from './html-quotes.js';
import { renderRelationalSection } from './html-relational.js';
import { renderRunSection } from './html-run-section.js';
import { renderThemeOverview } from './html-theme-overview.js';
import { renderTrendSection } from './html-trend.js';
import { REPORT_CSS } from './report-css.js';
import { collectReportData, type ReportData, type ReportOptions } from './report-data.js';

/** Options of {@link buildHtmlReport}: those of every report output. */
export type HtmlReportOptions = ReportOptions;

/** Builds the HTML report of `runId`. Throws `USAGE` when the run does not exist. */
export async function buildHtmlReport(store: Store, runId: RunId, options: HtmlReportOptions): Promise<string> {
  return renderHtmlReport(await collectReportData(store, runId, options));
}

/** Renders already-collected report data (the PDF and the XLSX share the same data). */
export function renderHtmlReport(data: ReportData): string {
  const { minCell, overview } = data;
  const columns: ThemeColumn[] = data.themes.map((t) => ({ id: t.id, label: t.label }));
  const maskedDepartments = new Set(
    data.departments.totals.filter((d) => d.group !== null && d.comments < minCell).map((d) => d.group as string),
  );
  const quoteContext = { maskedDepartments, minCell };
  const suppressionNote = renderSuppressionNote(minCell);
  const withScore = data.overallScore.respondents > 0;
  const quoteSections = data.themes
    .filter((t) => t.comments > 0)
    .map(
      (t) =>
        `<div class="theme-quotes">\n<h3>${escapeHtml(t.label)}</h3>\n${renderQuotes(data.quotes.get(t.id) ?? [], quoteContext)}\n</div>`,
    )
    .join('\n');
  const volumes = data.themes.some((t) => t.comments > 0)
    ? `<figure class="chart" role="img" aria-label="Nombre de commentaires par thème, dont négatifs ou mitigés. Le tableau suivant donne les mêmes chiffres.">\n${renderThemeVolumesChart(data.themes.map((t) => ({ label: t.label, comments: t.comments, negative: t.negative })))}\n<figcaption>Nombre de commentaires par thème ; en orange, ceux de tonalité négative ou mitigée.</figcaption>\n</figure>`
    : '';
  const runId = escapeHtml(data.run.runId);

  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<a class="skip-link" href="#contenu">Aller au contenu principal</a>
<header class="page">
<h1>${escapeHtml(data.title)}</h1>
<p class="meta">Traitement <code>${runId}</code>${data.previous ? ` comparé à <code>${escapeHtml(data.previous.run.runId)}</code>` : ''} · rapport généré le ${escapeHtml(formatDateTime(data.generatedAt))}</p>
</header>
<main id="contenu" tabindex="-1">
<nav class="toc" aria-label="Sommaire">
<h2>Sommaire</h2>
<ol>
<li><a href="#traitement">Synthèse du traitement</a></li>
<li><a href="#themes">Vue d’ensemble par thème</a></li>
<li><a href="#matrice">Matrice de priorisation</a></li>
<li><a href="#relationnels">Thèmes relationnels</a></li>
<li><a href="#evolution">Évolution</a></li>
<li><a href="#plan">Projet de plan d’actions</a></li>
<li><a href="#services">Par service</a></li>
<li><a href="#enquetes">Par type d’enquête</a></li>
<li><a href="#verbatims">Verbatims représentatifs</a></li>
<li><a href="#methode">Méthodologie</a></li>
</ol>
</nav>
${renderRunSection(data)}
<section aria-labelledby="themes">
<h2 id="themes">Vue d’ensemble par thème</h2>
<p>Part calculée sur les ${formatCount(overview.records)} commentaires analysés ; un commentaire peut relever de plusieurs thèmes.</p>
${volumes}
${renderThemeOverview(data.themes, overview.records, { withScore, withTrend: data.previous !== null })}
</section>
<section aria-labelledby="matrice" class="new-page">
<h2 id="matrice">Matrice de priorisation</h2>
${renderPriorityMatrixSection(data)}
</section>
<section aria-labelledby="relationnels" class="new-page">
<h2 id="relationnels">Thèmes relationnels : communication, peur des représailles, légitimité</h2>
<p>Ces trois thèmes, souvent peu visibles dans les scores de satisfaction, sont suivis en priorité dans les démarches de partenariat patient.</p>
${renderRelationalSection(data, quoteContext)}
</section>
<section aria-labelledby="evolution">
<h2 id="evolution">Évolution</h2>
${renderTrendSection(data)}
</section>
<section aria-labelledby="plan" class="new-page">
<h2 id="plan">Projet de plan d’actions</h2>
${renderActionPlan(data.actionPlan)}
</section>
<section aria-labelledby="services" class="new-page">
<h2 id="services">Par service</h2>
${suppressionNote}
${renderCrosstab({ id: 'tab-services', caption: 'Nombre de commentaires par service et par thème', groupHeader: 'Service', totals: data.departments.totals, cells: data.departments.cells, themes: columns, minCell, missingLabel: 'Service non renseigné' })}
</section>
<section aria-labelledby="enquetes">
<h2 id="enquetes">Par type d’enquête</h2>
${suppressionNote}
${renderCrosstab({ id: 'tab-enquetes', caption: 'Nombre de commentaires par type d’enquête et par thème', groupHeader: 'Type d’enquête', totals: data.surveys.totals, cells: data.surveys.cells, themes: columns, minCell, missingLabel: 'Type non renseigné' })}
</section>
<section aria-labelledby="verbatims" class="new-page">
<h2 id="verbatims">Verbatims représentatifs</h2>
<p>Jusqu’à ${formatCount(maxQuotes(data))} extraits par thème, choisis parmi les segments les plus nettement rattachés au thème, de longueur moyenne, issus de commentaires distincts et sans quasi-doublons. Les textes sont pseudonymisés ; l’identifiant de segment permet de les retrouver dans <code>segments.csv</code>.</p>
${quoteSections || '<p>Aucun verbatim : aucun thème n’a été codé.</p>'}
</section>
${renderMethodSection(data)}
</main>
<footer class="page"><p>Rapport produit par Verbatim à partir du traitement <code>${runId}</code>. Document de travail à usage interne.</p></footer>
</body>
</html>
`;
}

function maxQuotes(data: ReportData): number {
  return Math.max(3, ...[...data.quotes.values()].map((q) => q.length));
}

/** Why some cells read `< 5`; with a threshold of 1 nothing is masked, and the note says so. */
function renderSuppressionNote(minCell: number): string {
  const masked =
    minCell > 1
      ? `Pour protéger l’anonymat des patients, un effectif compris entre 1 et ${formatCount(minCell - 1)} n’est pas affiché : il apparaît sous la forme « &lt; ${formatCount(minCell)} ».`
      : 'Aucun effectif n’est masqué (seuil de petits effectifs désactivé).';
  return `<p class="note">${masked} Un commentaire pouvant relever de plusieurs thèmes, les colonnes ne s’additionnent pas.</p>`;
}
