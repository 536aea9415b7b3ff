/**
 * French presentation of numbers and valences in reports: `1 234`, `12,5 %`, `négatif`.
 * The formatters are immutable, so sharing them at module level holds no state.
 */
import type { Valence } from '../pipeline/index.js';

const COUNT_FORMAT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const PERCENT_FORMAT = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});
const DATE_FORMAT = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

/** Valence as a French reader says it (domain.md §4). */
export const VALENCE_LABELS: Readonly<Record<Valence, string>> = Object.freeze({
  positive: 'positif',
  negative: 'négatif',
  mixed: 'mitigé',
  neutral: 'neutre',
});

/** An integer count the French way, e.g. `1 234` (narrow no-break space as thousands separator). */
export function formatCount(value: number): string {
  return COUNT_FORMAT.format(value);
}

/** A share in [0, 1] as a French percentage with at most one decimal, e.g. `12,5 %`. */
export function formatPercent(share: number): string {
  return PERCENT_FORMAT.format(share);
}

/** A date and time the French way, e.g. `3 mars 2025 à 14:05`. */
export function formatDateTime(date: Date): string {
  return DATE_FORMAT.format(date);
}

/** French label of a stored valence; an unknown value is shown as stored rather than hidden. */
export function valenceLabel(valence: string): string {
  return (VALENCE_LABELS as Record<string, string>)[valence] ?? valence;
}

const DECIMAL_FORMAT = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const P_FORMAT = new Intl.NumberFormat('fr-FR', { maximumSignificantDigits: 2 });

/** A mean score with one decimal, e.g. `72,4`. */
export function formatDecimal(value: number): string {
  return DECIMAL_FORMAT.format(value);
}

/** A change of share in percentage points with its sign, e.g. `+3,2 pts`, `−1 pt`. */
export function formatPoints(difference: number): string {
  const points = Math.round(difference * 1000) / 10;
  const sign = points > 0 ? '+' : points < 0 ? '−' : '';
  const abs = Math.abs(points);
  return `${sign}${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(abs)}\u00a0pt${abs >= 2 ? 's' : ''}`;
}

/** A p-value the way a report states it: `p < 0,001` or `p = 0,012`. */
export function formatPValue(p: number): string {
  if (Number.isNaN(p)) return '–';
  return p < 0.001 ? 'p < 0,001' : `p = ${P_FORMAT.format(p)}`;
}
