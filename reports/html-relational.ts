/**
 * The relational themes — communication, fear of reprisal, legitimacy — in their own section
 * with their figures and quotes: what satisfaction scores do not show and this product is for.
 */
import { escapeHtml } from './escape-html.js';
import { formatCount, formatDecimal, formatPercent } from './format-fr.js';
import { type QuoteContext, renderQuotes } from './html-quotes.js';
import { trendText } from './html-theme-overview.js';
import { RELATIONAL_FALLBACK_LABELS, RELATIONAL_THEMES, type ReportData } from './report-data.js';

/** The three relational blocks. */
export function renderRelationalSection(data: ReportData, context: QuoteContext): string {
  return RELATIONAL_THEMES.map((id) => {
    const t = data.themes.find((x) => x.id === id);
    const label = t?.label ?? RELATIONAL_FALLBACK_LABELS[id] ?? id;
    const comments = t?.comments ?? 0;
    if (t === undefined || comments === 0) {
      return `<div class="relational">\n<h3>${escapeHtml(label)}</h3>\n<p>Aucun commentaire ne relève de ce thème dans ce traitement.</p>\n</div>`;
    }
    const share = data.overview.records === 0 ? 0 : comments / data.overview.records;
    const score =
      t.score?.mean == null
        ? ''
        : ` Score moyen des répondants qui l’évoquent : <strong>${formatDecimal(t.score.mean)}</strong>${data.overallScore.mean === null ? '' : ` (ensemble des répondants : ${formatDecimal(data.overallScore.mean)})`}.`;
    const trend = t.trend ? ` Évolution : ${escapeHtml(trendText(t.trend))}.` : '';
    const facts = `<p><strong>${formatCount(comments)}</strong> commentaire${comments > 1 ? 's' : ''} (${formatPercent(share)} des commentaires analysés), dont <strong>${formatPercent(t.negativeShare)}</strong> négatifs ou mitigés.${score}${trend}</p>`;
    return `<div class="relational">\n<h3>${escapeHtml(label)}</h3>\n${facts}\n${renderQuotes(data.quotes.get(id) ?? [], context)}\n</div>`;
  }).join('\n');
}
