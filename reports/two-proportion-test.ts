/**
 * The two-proportion z-test (pooled variance), used to say whether the share of comments on a
 * theme changed between two runs more than chance would explain.
 */
import { twoSidedPValue } from './normal-cdf.js';

/** Result of {@link twoProportionTest}. */
export interface TwoProportionResult {
  /** Current share `x1 / n1`. */
  p1: number;
  /** Previous share `x2 / n2`. */
  p2: number;
  /** `p1 − p2`, in share points (0.05 = 5 points). */
  difference: number;
  /** z statistic; 0 when both shares are 0 or 1 (no variance). */
  z: number;
  /** Two-sided p-value, before any correction across themes. */
  pValue: number;
  /**
   * False when an expected count under the pooled share is below 5: the normal approximation is
   * then unreliable and the change is reported as not testable rather than tested.
   */
  valid: boolean;
}

/** Smallest expected count for the normal approximation to be trusted (the usual rule of thumb). */
export const MIN_EXPECTED_COUNT = 5;

/** Tests H0: same proportion in both samples. `x` successes out of `n`, for the current (1) and previous (2) sample. */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): TwoProportionResult {
  if (n1 <= 0 || n2 <= 0) throw new RangeError('sample sizes must be positive');
  if (x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) throw new RangeError('counts must lie between 0 and the sample size');
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  const z = variance === 0 ? 0 : (p1 - p2) / Math.sqrt(variance);
  const expected = Math.min(n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled));
  return {
    p1,
    p2,
    difference: p1 - p2,
    z,
    pValue: variance === 0 ? 1 : twoSidedPValue(z),
    valid: expected >= MIN_EXPECTED_COUNT,
  };
}
