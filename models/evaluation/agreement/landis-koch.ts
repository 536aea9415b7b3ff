/**
 * Plain-French reading of an agreement coefficient with the Landis & Koch (1977) bands, for
 * patient partners and researchers who do not read kappas.
 */

/** « accord … » band of a kappa or alpha; null when the coefficient is undefined. */
export function landisKochBand(value: number | null): string {
  if (value === null || Number.isNaN(value)) return 'non calculable (pas assez de variété dans les réponses)';
  if (value < 0) return 'désaccord (moins que le hasard)';
  if (value <= 0.2) return 'accord très faible';
  if (value <= 0.4) return 'accord faible';
  if (value <= 0.6) return 'accord modéré';
  if (value <= 0.8) return 'accord substantiel';
  return 'accord presque parfait';
}

/** Below this many units a reading says the figure is fragile. */
export const MIN_UNITS_FOR_READING = 10;

const pct = (x: number) => `${Math.round(x * 100)} %`;
const num = (x: number) => x.toFixed(2).replace('.', ',');

/** One sentence: how many units, how often people agree, and the band. */
export function plainReading(
  units: number,
  agreement: number | null,
  coefficient: number | null,
  symbol: string,
  noun: readonly [string, string] = ['segment', 'segments'],
) {
  if (units === 0) return 'Rien à comparer pour l’instant.';
  const base = `Sur ${units} ${units > 1 ? noun[1] : noun[0]}, les réponses concordent ${agreement === null ? '—' : pct(agreement)} du temps : ${landisKochBand(coefficient)}${coefficient === null ? '' : ` (${symbol} = ${num(coefficient)})`}.`;
  return units < MIN_UNITS_FOR_READING ? `${base} Trop peu de segments pour conclure.` : base;
}
