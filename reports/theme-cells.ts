/**
 * One SQL pass for every theme count of a report: distinct comments (and negative ones) per
 * department × survey type × theme. A comment belongs to exactly one department and one survey
 * type, so distinct counts add up exactly across these cells; the per-theme totals and the two
 * cross-tabs are then sums over a few hundred aggregated rows instead of three more scans of a
 * million labels (bench/report.ts measures the difference).
 */
import type { RunId, Store, ThemeId } from '../pipeline/index.js';
import { codedLabels, toNumber } from './coded-labels.js';
import { type GroupThemeCount, NEGATIVE_VALENCES, type ThemeCount } from './queries.js';

/** Distinct comments with `theme` in one department × survey type cell. */
export interface ThemeCell {
  department: string | null;
  survey: string | null;
  theme: ThemeId;
  comments: number;
  negative: number;
}

/** The cells of `runId`; empty cells are absent. */
export async function themeCells(store: Store, runId: RunId): Promise<ThemeCell[]> {
  const rows = await codedLabels(store, runId)
    .innerJoin('records as r', (join) =>
      join.onRef('r.run_id', '=', 'l.run_id').onRef('r.record_key', '=', 'l.record_key'),
    )
    .select((eb) => [
      'r.department',
      'r.survey',
      'l.theme',
      eb.fn.count<string | number>('l.record_key').distinct().as('comments'),
      eb.fn
        .count<string | number>(eb.case().when('s.valence', 'in', NEGATIVE_VALENCES).then(eb.ref('l.record_key')).end())
        .distinct()
        .as('negative'),
    ])
    .groupBy(['r.department', 'r.survey', 'l.theme'])
    .execute();
  return rows.map((r) => ({
    department: r.department,
    survey: r.survey,
    theme: r.theme as ThemeId,
    comments: toNumber(r.comments),
    negative: toNumber(r.negative),
  }));
}

/** Per-theme totals from the cells, sorted by theme id (same result as `themeCounts`). */
export function rollUpThemes(cells: readonly ThemeCell[]): ThemeCount[] {
  const totals = new Map<ThemeId, { comments: number; negative: number }>();
  for (const c of cells) {
    const t = totals.get(c.theme) ?? { comments: 0, negative: 0 };
    t.comments += c.comments;
    t.negative += c.negative;
    totals.set(c.theme, t);
  }
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([theme, t]) => ({
      theme,
      comments: t.comments,
      negative: t.negative,
      negativeShare: t.comments === 0 ? 0 : t.negative / t.comments,
    }));
}

/** Cross-tab cells by department or survey type from the cells (same result as `themeCountsBy`). */
export function rollUpBy(cells: readonly ThemeCell[], dimension: 'department' | 'survey'): GroupThemeCount[] {
  const totals = new Map<string, GroupThemeCount>();
  for (const c of cells) {
    const group = c[dimension];
    // `null` and the empty string are different groups.
    const key = `${group === null ? 'N' : `V${group}`}\u0000${c.theme}`;
    const t = totals.get(key) ?? { group, theme: c.theme, comments: 0 };
    t.comments += c.comments;
    totals.set(key, t);
  }
  return [...totals.values()];
}
