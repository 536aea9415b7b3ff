/**
 * A group × theme cross-tab (services, survey types) with small-cell suppression: each cell is
 * the number of distinct comments of the group with the theme, masked as `< minCell` when small.
 */
import { escapeHtml } from './escape-html.js';
import type { GroupThemeCount, GroupTotal } from './queries.js';
import { displayCount, isSuppressed } from './small-cell.js';

/** A theme column: id and French label. */
export interface ThemeColumn {
  id: string;
  label: string;
}

/** What {@link renderCrosstab} needs. */
export interface CrosstabInput {
  /** Element id prefix, unique within the page. */
  id: string;
  caption: string;
  /** Header of the group column, e.g. `Service`. */
  groupHeader: string;
  /** Rows, in display order, with their comment totals. */
  totals: readonly GroupTotal[];
  cells: readonly GroupThemeCount[];
  /** Columns in display order; themes without any comment in `cells` are left out. */
  themes: readonly ThemeColumn[];
  minCell: number;
  /** Label of the `null` group (value not given in the input). */
  missingLabel: string;
}

const SEPARATOR = '\u0000';

function cellKey(group: string | null, theme: string): string {
  // `null` and the empty string are different groups; the prefix keeps them apart.
  return `${group === null ? 'N' : `V${group}`}${SEPARATOR}${theme}`;
}

function countCell(count: number, minCell: number): string {
  const masked = isSuppressed(count, minCell);
  return `<td class="num${masked ? ' masked' : ''}">${escapeHtml(displayCount(count, minCell))}</td>`;
}

/** The cross-tab as an accessible, horizontally scrollable HTML table (all text escaped). */
export function renderCrosstab(input: CrosstabInput): string {
  const counts = new Map<string, number>();
  const usedThemes = new Set<string>();
  for (const c of input.cells) {
    counts.set(cellKey(c.group, c.theme), c.comments);
    if (c.comments > 0) usedThemes.add(c.theme);
  }
  const columns = input.themes.filter((t) => usedThemes.has(t.id));
  const captionId = `${input.id}-caption`;
  const head = [
    `<th scope="col">${escapeHtml(input.groupHeader)}</th>`,
    '<th scope="col" class="num rot"><span>Commentaires analysés</span></th>',
    // Twenty theme columns only fit a screen or an A4 page with their names written upwards.
    ...columns.map((t) => `<th scope="col" class="num rot"><span>${escapeHtml(t.label)}</span></th>`),
  ].join('');
  const body = input.totals
    .map((row) => {
      const name = row.group === null || row.group.trim() === '' ? input.missingLabel : row.group;
      const cells = columns.map((t) => countCell(counts.get(cellKey(row.group, t.id)) ?? 0, input.minCell));
      return `<tr><th scope="row">${escapeHtml(name)}</th>${countCell(row.comments, input.minCell)}${cells.join('')}</tr>`;
    })
    .join('\n');
  if (input.totals.length === 0) return '<p>Aucun commentaire analysé.</p>';
  // A scrollable region must be reachable by keyboard, hence tabindex and a name.
  return `<div class="table-wrap" role="region" aria-labelledby="${captionId}" tabindex="0">
<table class="crosstab">
<caption id="${captionId}">${escapeHtml(input.caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>`;
}
