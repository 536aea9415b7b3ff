/** Excel serial dates that exceljs turns into `Date` are UTC midnight when there is no time. */
function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

/**
 * The text of an exceljs cell value, as a CSV export would show it: rich text concatenated,
 * hyperlinks by their text, formulas by their cached result, dates as ISO `YYYY-MM-DD` (with
 * `THH:MM:SS` when they carry a time), errors (`#N/A`) as empty.
 */
export function excelCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return formatDate(value);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text?: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((run) => run.text ?? '').join('');
    if ('result' in cell) return excelCellText(cell.result);
    if ('formula' in cell || 'sharedFormula' in cell || 'error' in cell) return '';
    if (cell.text !== undefined) return excelCellText(cell.text);
  }
  return '';
}
