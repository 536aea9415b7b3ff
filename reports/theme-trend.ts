/**
 * Trend of each theme against a previous run: the share of comments mentioning it, tested with a
 * two-proportion z-test and corrected across themes, then said in words a quality committee can
 * repeat without over-reading noise.
 */
import { adjustPValues, type Correction } from './multiple-testing.js';
import { twoProportionTest } from './two-proportion-test.js';

/** The verdict, from which the French wording follows. */
export type TrendVerdict = 'hausse' | 'baisse' | 'stable' | 'non_testable';

/** Trend of one theme. Shares are of all comments analysed in each run. */
export interface ThemeTrend {
  theme: string;
  currentComments: number;
  previousComments: number;
  currentShare: number;
  previousShare: number;
  /** `currentShare − previousShare`. */
  difference: number;
  z: number;
  pValue: number;
  /** p-value after the correction across themes; NaN when not testable. */
  adjustedPValue: number;
  verdict: TrendVerdict;
}

/** Options of {@link compareThemes}. */
export interface TrendOptions {
  /** Correction across themes. @defaultValue 'holm' */
  correction?: Correction;
  /** Significance level after correction. @defaultValue 0.05 */
  alpha?: number;
}

/** Comments per theme and the total analysed, for one run. */
export interface RunThemeCounts {
  records: number;
  comments: ReadonlyMap<string, number>;
}

/** French words for a verdict, e.g. « hausse significative ». */
export const TREND_WORDS: Readonly<Record<TrendVerdict, string>> = Object.freeze({
  hausse: 'hausse significative',
  baisse: 'baisse significative',
  stable: 'variation compatible avec le hasard',
  non_testable: 'effectifs trop faibles pour conclure',
});

/** Compares every theme present in either run. Both runs must have analysed at least one comment. */
export function compareThemes(
  current: RunThemeCounts,
  previous: RunThemeCounts,
  options: TrendOptions = {},
): ThemeTrend[] {
  const alpha = options.alpha ?? 0.05;
  const themes = [...new Set([...current.comments.keys(), ...previous.comments.keys()])].sort();
  if (current.records === 0 || previous.records === 0) return [];
  const tests = themes.map((theme) => {
    const x1 = current.comments.get(theme) ?? 0;
    const x2 = previous.comments.get(theme) ?? 0;
    return { theme, x1, x2, result: twoProportionTest(x1, current.records, x2, previous.records) };
  });
  // Only valid tests enter the family: an untestable theme must not loosen the others' correction.
  const adjusted = adjustPValues(
    tests.map((t) => (t.result.valid ? t.result.pValue : Number.NaN)),
    options.correction ?? 'holm',
  );
  return tests.map((t, i) => {
    const adjustedPValue = adjusted[i] ?? Number.NaN;
    const verdict: TrendVerdict = !t.result.valid
      ? 'non_testable'
      : adjustedPValue < alpha
        ? t.result.difference > 0
          ? 'hausse'
          : 'baisse'
        : 'stable';
    return {
      theme: t.theme,
      currentComments: t.x1,
      previousComments: t.x2,
      currentShare: t.result.p1,
      previousShare: t.result.p2,
      difference: t.result.difference,
      z: t.result.z,
      pValue: t.result.pValue,
      adjustedPValue,
      verdict,
    };
  });
}
