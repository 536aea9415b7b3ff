/**
 * The standard normal cumulative distribution function, for the trend tests. No statistics
 * library is installed, so it is written here once: Hart's double-precision rational
 * approximation (algorithm 5666, as given by G. West, "Better approximations to cumulative normal
 * functions", 2005): absolute error below 1e-15, relative error below 1e-8 even in the far tails,
 * tested against reference values.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Φ(x) = P(Z ≤ x) for a standard normal Z; exact 0 or 1 beyond ±37. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const abs = Math.abs(x);
  let tail: number;
  if (abs > 37) {
    tail = 0;
  } else {
    const gauss = Math.exp((-abs * abs) / 2);
    if (abs < 7.07106781186547) {
      let num = 3.52624965998911e-2 * abs + 0.700383064443688;
      num = num * abs + 6.37396220353165;
      num = num * abs + 33.912866078383;
      num = num * abs + 112.079291497871;
      num = num * abs + 221.213596169931;
      num = num * abs + 220.206867912376;
      let den = 8.83883476483184e-2 * abs + 1.75566716318264;
      den = den * abs + 16.064177579207;
      den = den * abs + 86.7807322029461;
      den = den * abs + 296.564248779674;
      den = den * abs + 637.333633378831;
      den = den * abs + 793.826512519948;
      den = den * abs + 440.413735824752;
      tail = (gauss * num) / den;
    } else {
      // Continued fraction for the far tail.
      let b = abs + 0.65;
      b = abs + 4 / b;
      b = abs + 3 / b;
      b = abs + 2 / b;
      b = abs + 1 / b;
      tail = gauss / b / SQRT_2PI;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/** Two-sided p-value of a z statistic: P(|Z| ≥ |z|), computed from the lower tail to keep precision. */
export function twoSidedPValue(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}
