/**
 * The French quality report of one run, as one self-contained HTML page (inline CSS, no script,
 * no external resource) that a quality team can open, print or hand to the Commission des
 * usagers. Everything is read from the store through `queries.ts`; every text that comes from
 * the store is escaped.
 */
import { basename } from 'node:path';
import type { RunId, Store, ThemeId } from '../pipeline/index.js';
import { VerbatimError } from '../pipeline/index.js';
import { escapeHtml } from './escape-html.js';
import { formatCount, formatDateTime, formatPercent } from './format-fr.js';
import { renderCrosstab, type ThemeColumn } from './html-crosstab.js';
import { renderQuotes } from './html-quotes.js';
import { renderThemeOverview, type ThemeRow } from './html-theme-overview.js';
import {
  commentsBy,
  type Quote,
  quarantineCount,
  type RunHeader,
  type RunOverview,
  representativeQuotes,
  runHeader,
  runOverview,
  sourcePaths,
  themeCounts,
  themeCountsBy,
} from './queries.js';
import { REPORT_CSS } from './report-css.js';
import { DEFAULT_MIN_CELL } from './small-cell.js';

/** Options of {@link buildHtmlReport}. */
export interface HtmlReportOptions {
  /** French label per theme id (from the codebook); an unknown id is shown as is. */
  themeLabels: Record<string, string>;
  /** Display order of themes; themes found in the run but not listed follow, largest first. @defaultValue by number of comments */
  themeOrder?: string[];
  /** Cross-tab counts from 1 to `minCell − 1` are shown as `< minCell`. @defaultValue 5 */
  minCell?: number;
  /** Date printed as the generation date. @defaultValue now */
  generatedAt?: Date;
  /** Page title and h1. @defaultValue `Rapport d’analyse des commentaires patients` */
  title?: string;
}

/** The three relational themes the report highlights (domain.md §1). */
export const RELATIONAL_THEMES: readonly string[] = Object.freeze(['communication', 'fear_of_reprisal', 'legitimacy']);

const RELATIONAL_FALLBACK_LABELS: Readonly<Record<string, string>> = Object.freeze({
  communication: 'Communication',
  fear_of_reprisal: 'Peur des représailles',
  legitimacy: 'Légitimité',
});

const DEFAULT_TITLE = 'Rapport d’analyse des commentaires patients';
const MAX_LISTED_SOURCES = 20;

/** Builds the HTML report of `runId`. Throws `USAGE` when the run does not exist. */
export async function buildHtmlReport(store: Store, runId: RunId, options: HtmlReportOptions): Promise<string> {
  const minCell = options.minCell ?? DEFAULT_MIN_CELL;
  if (!Number.isInteger(minCell) || minCell < 1) {
    throw new VerbatimError('USAGE', `minCell must be a positive integer, got ${minCell}`);
  }
  const run = await runHeader(store, runId);
  if (run === null) throw new VerbatimError('USAGE', `run ${runId} not found in the store`);
  const overview = await runOverview(store, runId);
  const themes = orderThemes(await themeCounts(store, runId), options);
  const labelOf = (id: string) => themes.find((t) => t.id === id)?.label ?? options.themeLabels[id] ?? id;
  const columns: ThemeColumn[] = themes.map((t) => ({ id: t.id, label: t.label }));
  const departmentTotals = await commentsBy(store, runId, 'department');
  const surveyTotals = await commentsBy(store, runId, 'survey');
  const departmentCells = await themeCountsBy(store, runId, 'department');
  const surveyCells = await themeCountsBy(store, runId, 'survey');
  const quotes = new Map<string, Quote[]>();
  for (const t of themes) {
    if (t.comments > 0) quotes.set(t.id, await representativeQuotes(store, runId, t.id as ThemeId));
  }
  const maskedDepartments = new Set(
    departmentTotals.filter((d) => d.group !== null && d.comments < minCell).map((d) => d.group as string),
  );
  const quoteContext = { maskedDepartments, minCell };
  const suppressionNote = renderSuppressionNote(minCell);

  const header = await renderRunSection(store, run, overview);
  const relational = RELATIONAL_THEMES.map((id) => {
    const t = themes.find((x) => x.id === id);
    const label = t?.label ?? options.themeLabels[id] ?? RELATIONAL_FALLBACK_LABELS[id] ?? id;
    const comments = t?.comments ?? 0;
    const facts =
      comments === 0
        ? '<p>Aucun commentaire ne relève de ce thème dans ce traitement.</p>'
        : `<p><strong>${formatCount(comments)}</strong> commentaire${comments > 1 ? 's' : ''} (${formatPercent(share(comments, overview.records))} des commentaires analysés), dont ${formatPercent(t?.negativeShare ?? 0)} négatifs ou mitigés.</p>`;
    const quote = (quotes.get(id) ?? []).slice(0, 1);
    return `<div class="relational">\n<h3>${escapeHtml(label)}</h3>\n${facts}\n${quote.length > 0 ? renderQuotes(quote, quoteContext) : ''}\n</div>`;
  }).join('\n');
  const quoteSections = themes
    .filter((t) => t.comments > 0)
    .map((t) => `<h3>${escapeHtml(t.label)}</h3>\n${renderQuotes(quotes.get(t.id) ?? [], quoteContext)}`)
    .join('\n');
  const title = options.title ?? DEFAULT_TITLE;

  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<a class="skip-link" href="#contenu">Aller au contenu principal</a>
<header class="page">
<h1>${escapeHtml(title)}</h1>
<p class="meta">Traitement <code>${escapeHtml(run.runId)}</code> · rapport généré le ${escapeHtml(formatDateTime(options.generatedAt ?? new Date()))}</p>
</header>
<main id="contenu" tabindex="-1">
<nav class="toc" aria-label="Sommaire">
<h2>Sommaire</h2>
<ol>
<li><a href="#traitement">Synthèse du traitement</a></li>
<li><a href="#themes">Vue d’ensemble par thème</a></li>
<li><a href="#relationnels">Thèmes relationnels</a></li>
<li><a href="#services">Par service</a></li>
<li><a href="#enquetes">Par type d’enquête</a></li>
<li><a href="#verbatims">Verbatims représentatifs</a></li>
<li><a href="#methode">Méthodologie</a></li>
</ol>
</nav>
${header}
<section aria-labelledby="themes">
<h2 id="themes">Vue d’ensemble par thème</h2>
<p>Part calculée sur les ${formatCount(overview.records)} commentaires analysés ; un commentaire peut relever de plusieurs thèmes.</p>
${renderThemeOverview(themes, overview.records)}
</section>
<section aria-labelledby="relationnels">
<h2 id="relationnels">Thèmes relationnels : communication, peur des représailles, légitimité</h2>
<p>Ces trois thèmes, souvent peu visibles dans les scores de satisfaction, sont suivis en priorité dans les démarches de partenariat patient.</p>
${relational}
</section>
<section aria-labelledby="services">
<h2 id="services">Par service</h2>
${suppressionNote}
${renderCrosstab({ id: 'tab-services', caption: 'Nombre de commentaires par service et par thème', groupHeader: 'Service', totals: departmentTotals, cells: departmentCells, themes: columns, minCell, missingLabel: 'Service non renseigné' })}
</section>
<section aria-labelledby="enquetes">
<h2 id="enquetes">Par type d’enquête</h2>
${suppressionNote}
${renderCrosstab({ id: 'tab-enquetes', caption: 'Nombre de commentaires par type d’enquête et par thème', groupHeader: 'Type d’enquête', totals: surveyTotals, cells: surveyCells, themes: columns, minCell, missingLabel: 'Type non renseigné' })}
</section>
<section aria-labelledby="verbatims">
<h2 id="verbatims">Verbatims représentatifs</h2>
<p>Jusqu’à trois extraits par thème, choisis parmi les segments les plus nettement rattachés au thème, de longueur moyenne, issus de commentaires distincts. Les textes sont pseudonymisés.</p>
${quoteSections || '<p>Aucun verbatim : aucun thème n’a été codé.</p>'}
</section>
${renderMethodSection(run, labelOf, minCell)}
</main>
<footer class="page"><p>Rapport produit par Verbatim à partir du traitement <code>${escapeHtml(run.runId)}</code>. Document de travail à usage interne.</p></footer>
</body>
</html>
`;
}

/** Why some cells read `< 5`; with a threshold of 1 nothing is masked, and the note says so. */
function renderSuppressionNote(minCell: number): string {
  const masked =
    minCell > 1
      ? `Pour protéger l’anonymat des patients, un effectif compris entre 1 et ${formatCount(minCell - 1)} n’est pas affiché : il apparaît sous la forme « &lt; ${formatCount(minCell)} ».`
      : 'Aucun effectif n’est masqué (seuil de petits effectifs désactivé).';
  return `<p class="note">${masked} Un commentaire pouvant relever de plusieurs thèmes, les colonnes ne s’additionnent pas.</p>`;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** Themes in display order with their French labels: `themeOrder` first, then the rest by size. */
function orderThemes(counts: Awaited<ReturnType<typeof themeCounts>>, options: HtmlReportOptions): ThemeRow[] {
  const byId = new Map(counts.map((c) => [c.theme as string, c]));
  const ids = new Set<string>([...(options.themeOrder ?? []), ...Object.keys(options.themeLabels), ...byId.keys()]);
  const rows = [...ids].map((id) => {
    const c = byId.get(id);
    return {
      id,
      label: options.themeLabels[id] ?? RELATIONAL_FALLBACK_LABELS[id] ?? id,
      comments: c?.comments ?? 0,
      negative: c?.negative ?? 0,
      negativeShare: c?.negativeShare ?? 0,
      relational: RELATIONAL_THEMES.includes(id),
    };
  });
  const order = options.themeOrder ?? [];
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i === -1 ? order.length : i;
  };
  return rows.sort(
    (a, b) => rank(a.id) - rank(b.id) || b.comments - a.comments || a.label.localeCompare(b.label, 'fr'),
  );
}

/** A count from summary.json, or `null` when the run has no summary (still running, failed). */
function summaryCount(run: RunHeader, key: string): number | null {
  const value = run.summary?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

async function renderRunSection(store: Store, run: RunHeader, overview: RunOverview): Promise<string> {
  const sources = (await sourcePaths(store, run.runId)).map((p) => basename(p));
  const quarantined = summaryCount(run, 'records_quarantined') ?? (await quarantineCount(store, run.runId));
  const notAvailable = 'n. d.';
  const fmt = (n: number | null) => (n === null ? notAvailable : formatCount(n));
  const items: [string, string][] = [
    ['Lignes lues', fmt(summaryCount(run, 'rows_read'))],
    ['Commentaires analysés', fmt(overview.records)],
    ['Commentaires avec au moins un thème', fmt(overview.recordsWithTheme)],
    ['Lignes vides', fmt(summaryCount(run, 'records_empty'))],
    ['Lignes en quarantaine', fmt(quarantined)],
    ['Doublons écartés', fmt(summaryCount(run, 'duplicates'))],
    ['Segments', fmt(overview.segments)],
    ['Segments codés', fmt(overview.codedSegments)],
  ];
  const listed = sources.slice(0, MAX_LISTED_SOURCES).map((s) => `<li>${escapeHtml(s)}</li>`);
  if (sources.length > MAX_LISTED_SOURCES)
    listed.push(`<li>et ${formatCount(sources.length - MAX_LISTED_SOURCES)} autres fichiers</li>`);
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
<h3>Fichiers sources (${formatCount(sources.length)})</h3>
${listed.length > 0 ? `<ul>\n${listed.join('\n')}\n</ul>` : '<p>Aucun fichier enregistré.</p>'}
</section>`;
}

function renderMethodSection(run: RunHeader, labelOf: (id: string) => string, minCell: number): string {
  const relational = RELATIONAL_THEMES.map((id) => escapeHtml(labelOf(id))).join(', ');
  return `<section aria-labelledby="methode">
<h2 id="methode">Méthodologie</h2>
<ul>
<li><strong>Codage</strong> : chaque commentaire est découpé en segments (remarques distinctes ou tours de parole), puis chaque segment reçoit zéro, un ou plusieurs thèmes et une tonalité (positif, négatif, mitigé, neutre) par un classifieur lexical et statistique. Version du modèle : <code>${escapeHtml(run.modelVersion)}</code> ; version de la grille de codage : <code>${escapeHtml(run.codebookVersion)}</code>.</li>
<li><strong>Comptage</strong> : un commentaire compte une fois par thème, quel que soit le nombre de ses segments qui en relèvent. Les interventions de l’enquêteur dans les entretiens sont conservées comme contexte mais ne sont pas codées ni comptées.</li>
<li><strong>« % négatif »</strong> : part des commentaires d’un thème dont au moins un segment relevant de ce thème est de tonalité négative ou mitigée.</li>
<li><strong>Thèmes relationnels</strong> : ${relational}.</li>
<li><strong>Pseudonymisation</strong> : avant tout stockage, les noms, numéros de téléphone, adresses électroniques, numéros de sécurité sociale, dates précises, numéros de chambre et identifiants sont remplacés par des marqueurs ([NOM], [TEL], [EMAIL], [NIR], [DATE], [LIEU], [ID]). Aucun texte brut ne figure dans ce rapport.</li>
<li><strong>Petits effectifs</strong> : ${minCell > 1 ? `dans les tableaux par service et par type d’enquête, les effectifs de 1 à ${formatCount(minCell - 1)} sont masqués (« &lt; ${formatCount(minCell)} ») ; un service de moins de ${formatCount(minCell)} commentaires n’est pas nommé à côté d’un verbatim.` : 'aucun masquage (seuil désactivé).'}</li>
<li><strong>Limites</strong> : le codage automatique peut se tromper ; les chiffres sont des indicateurs à discuter, et les verbatims permettent de vérifier le sens des thèmes.</li>
</ul>
</section>`;
}
