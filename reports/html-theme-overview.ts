/**
 * The per-theme overview table: comments, share of all comments (with a bar), share negative.
 * The bar is decoration for sighted readers: the number beside it says the same.
 */
import { escapeHtml } from './escape-html.js';
import { formatCount, formatPercent } from './format-fr.js';

/** One row of the overview, in display order. */
export interface ThemeRow {
  id: string;
  label: string;
  comments: number;
  negative: number;
  negativeShare: number;
  relational: boolean;
}

const BAR_WIDTH = 120;
const BAR_HEIGHT = 12;

/** An inline SVG bar: drawn, not a CSS background, so that it survives printing. */
export function renderBar(share: number): string {
  const width = Math.max(0, Math.min(1, share)) * BAR_WIDTH;
  return `<svg class="bar" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" viewBox="0 0 ${BAR_WIDTH} ${BAR_HEIGHT}" aria-hidden="true" focusable="false"><rect width="${BAR_WIDTH}" height="${BAR_HEIGHT}" fill="#eef3f8" stroke="#6b7b8c" stroke-width="1"/><rect width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="#0b4f8a"/></svg>`;
}

/** The overview table; `totalComments` is the denominator of "% des commentaires". */
export function renderThemeOverview(rows: readonly ThemeRow[], totalComments: number): string {
  if (rows.length === 0) return '<p>Aucun thème n’a été codé dans ce traitement.</p>';
  const body = rows
    .map((r) => {
      const share = totalComments === 0 ? 0 : r.comments / totalComments;
      const tag = r.relational ? '<span class="tag">relationnel</span>' : '';
      const negative = r.comments === 0 ? '–' : formatPercent(r.negativeShare);
      return `<tr><th scope="row">${escapeHtml(r.label)}${tag}</th><td class="num">${formatCount(r.comments)}</td><td class="num">${formatPercent(share)} ${renderBar(share)}</td><td class="num">${negative}</td></tr>`;
    })
    .join('\n');
  return `<div class="table-wrap">
<table>
<caption>Nombre et part des commentaires par thème, et part de commentaires négatifs</caption>
<thead><tr><th scope="col">Thème</th><th scope="col" class="num">Commentaires</th><th scope="col" class="num">% des commentaires</th><th scope="col" class="num">% négatif</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>`;
}
