/**
 * The per-theme overview table: comments, share of all comments (with a bar), share negative,
 * the mean survey score of respondents citing the theme and, with a comparison run, the trend.
 * The bar is decoration for sighted readers: the number beside it says the same.
 */
import { escapeHtml } from './escape-html.js';
import { formatCount, formatDecimal, formatPercent } from './format-fr.js';
import type { ScoreMean } from './score-queries.js';
import { type ThemeTrend, TREND_WORDS } from './theme-trend.js';

/** One row of the overview, in display order. */
export interface ThemeRow {
  id: string;
  label: string;
  comments: number;
  negative: number;
  negativeShare: number;
  relational: boolean;
  /** Mean score of respondents citing the theme; omitted or `null` when no score was given. */
  score?: ScoreMean | null;
  /** Trend against the comparison run; omitted without one. */
  trend?: ThemeTrend | null;
}

/** Options of {@link renderThemeOverview}. */
export interface ThemeOverviewOptions {
  /** Show the score column (the input had a score column). @defaultValue false */
  withScore?: boolean;
  /** Show the trend column (a comparison run was given). @defaultValue false */
  withTrend?: boolean;
}

const BAR_WIDTH = 120;
const BAR_HEIGHT = 12;

/** An inline SVG bar: drawn, not a CSS background, so that it survives printing. */
export function renderBar(share: number): string {
  const width = Math.max(0, Math.min(1, share)) * BAR_WIDTH;
  return `<svg class="bar" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" viewBox="0 0 ${BAR_WIDTH} ${BAR_HEIGHT}" aria-hidden="true" focusable="false"><rect width="${BAR_WIDTH}" height="${BAR_HEIGHT}" fill="#eef3f8" stroke="#6b7b8c" stroke-width="1"/><rect width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="#0b4f8a"/></svg>`;
}

/** A trend cell: arrow for the eye, words for the meaning. */
export function trendText(trend: ThemeTrend | null | undefined): string {
  if (!trend) return '–';
  const arrow = trend.verdict === 'hausse' ? '▲ ' : trend.verdict === 'baisse' ? '▼ ' : '';
  return `${arrow}${TREND_WORDS[trend.verdict]}`;
}

/** The overview table; `totalComments` is the denominator of "% des commentaires". */
export function renderThemeOverview(
  rows: readonly ThemeRow[],
  totalComments: number,
  options: ThemeOverviewOptions = {},
): string {
  if (rows.length === 0) return '<p>Aucun thème n’a été codé dans ce traitement.</p>';
  const body = rows
    .map((r) => {
      const share = totalComments === 0 ? 0 : r.comments / totalComments;
      const tag = r.relational ? '<span class="tag">relationnel</span>' : '';
      const negative = r.comments === 0 ? '–' : formatPercent(r.negativeShare);
      const score = options.withScore
        ? `<td class="num">${r.score?.mean == null ? '–' : formatDecimal(r.score.mean)}</td>`
        : '';
      const trend = options.withTrend
        ? `<td class="trend trend-${r.trend?.verdict ?? 'none'}">${escapeHtml(trendText(r.trend))}</td>`
        : '';
      return `<tr><th scope="row">${escapeHtml(r.label)}${tag}</th><td class="num">${formatCount(r.comments)}</td><td class="num">${formatPercent(share)} ${renderBar(share)}</td><td class="num">${negative}</td>${score}${trend}</tr>`;
    })
    .join('\n');
  const scoreHead = options.withScore
    ? '<th scope="col" class="num">Score moyen<br><small>des répondants qui le citent</small></th>'
    : '';
  const trendHead = options.withTrend ? '<th scope="col">Évolution</th>' : '';
  return `<div class="table-wrap">
<table class="overview">
<caption>Nombre et part des commentaires par thème, et part de commentaires négatifs</caption>
<thead><tr><th scope="col">Thème</th><th scope="col" class="num">Commentaires</th><th scope="col" class="num">% des commentaires</th><th scope="col" class="num">% négatif</th>${scoreHead}${trendHead}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>`;
}
