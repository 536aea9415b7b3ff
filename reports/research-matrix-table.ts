/**
 * The research aggregates laid out as tables (a header and rows) for CSV and XLSX: the theme ×
 * role matrix with every theme as a row, even at zero, and co-occurrence as a long list (CSV,
 * easy to pivot) or a square matrix (a spreadsheet sheet). Themes come in codebook order, then
 * any theme of the run the codebook does not know, so that no count is dropped.
 */
import type { CooccurrenceCell, RoleThemeCell } from './research-matrix.js';

/** A theme row: id and the label shown to people. */
export interface ThemeLabel {
  id: string;
  label: string;
}

/** A table ready to write; cells are text or counts. */
export interface Table {
  header: string[];
  rows: (string | number)[][];
}

/** Column name for segments without a speaker role (survey comments). */
export const NO_ROLE = '(sans rôle)';

/** `themes`, followed by the ids of `seen` it lacks (label = id), sorted. */
export function withUnknownThemes(themes: readonly ThemeLabel[], seen: Iterable<string>): ThemeLabel[] {
  const known = new Set(themes.map((t) => t.id));
  const extra = [...new Set(seen)].filter((id) => !known.has(id)).sort();
  return [...themes, ...extra.map((id) => ({ id, label: id }))];
}

/** Rows: themes; columns: roles (in first-seen order of the sorted cells, no role last), then the total. */
export function roleThemeTable(cells: readonly RoleThemeCell[], themes: readonly ThemeLabel[]): Table {
  const all = withUnknownThemes(
    themes,
    cells.map((c) => c.theme),
  );
  const roles = [...new Set(cells.map((c) => c.role))].sort(
    (a, b) => Number(a === null) - Number(b === null) || (a ?? '').localeCompare(b ?? '', 'fr'),
  );
  const count = new Map(cells.map((c) => [`${c.theme}\u001f${c.role ?? ''}`, c.segments]));
  return {
    header: ['theme', 'label', ...roles.map((r) => r ?? NO_ROLE), 'total'],
    rows: all.map((t) => {
      const values = roles.map((r) => count.get(`${t.id}\u001f${r ?? ''}`) ?? 0);
      return [t.id, t.label, ...values, values.reduce((a, b) => a + b, 0)];
    }),
  };
}

/** One line per ordered theme pair seen together: counts at segment and record level. */
export function cooccurrenceLongTable(
  segment: readonly CooccurrenceCell[],
  record: readonly CooccurrenceCell[],
  themes: readonly ThemeLabel[],
): Table {
  const all = withUnknownThemes(
    themes,
    record.map((c) => c.a),
  );
  const order = new Map(all.map((t, i) => [t.id, i]));
  const label = new Map(all.map((t) => [t.id, t.label]));
  const bySegment = new Map(segment.map((c) => [`${c.a}\u001f${c.b}`, c.count]));
  // Every pair on one segment is also on one record, so record-level pairs are the full list.
  const pairs = [...record].sort(
    (x, y) => (order.get(x.a) ?? 0) - (order.get(y.a) ?? 0) || (order.get(x.b) ?? 0) - (order.get(y.b) ?? 0),
  );
  return {
    header: ['theme_a', 'label_a', 'theme_b', 'label_b', 'segments', 'records'],
    rows: pairs.map((c) => [
      c.a,
      label.get(c.a) ?? c.a,
      c.b,
      label.get(c.b) ?? c.b,
      bySegment.get(`${c.a}\u001f${c.b}`) ?? 0,
      c.count,
    ]),
  };
}

/** A square theme × theme matrix (labels on both axes); the diagonal is each theme's own count. */
export function cooccurrenceSquareTable(cells: readonly CooccurrenceCell[], themes: readonly ThemeLabel[]): Table {
  const all = withUnknownThemes(
    themes,
    cells.map((c) => c.a),
  );
  const count = new Map(cells.map((c) => [`${c.a}\u001f${c.b}`, c.count]));
  return {
    header: ['theme', 'label', ...all.map((t) => t.label)],
    rows: all.map((a) => [a.id, a.label, ...all.map((b) => count.get(`${a.id}\u001f${b.id}`) ?? 0)]),
  };
}
