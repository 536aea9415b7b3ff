/** Numbers as French exports write them: "4,5", " 8 ", "4.5". */
const NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;

/**
 * Parses a score cell: decimal comma accepted; an empty cell or anything that is not a plain
 * number ("8/10", "bien") gives `null` rather than a guess.
 */
export function parseScore(cell: string | number | null | undefined): number | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  const trimmed = cell.trim();
  if (!NUMBER.test(trimmed)) return null;
  return Number(trimmed.replace(',', '.'));
}
