/**
 * Inter-coder agreement coefficients: percent agreement, Cohen's kappa (two coders), Fleiss'
 * kappa (fixed number of coders per unit) and Krippendorff's alpha (nominal; any number of
 * coders; missing values). One file because they share the data shape and are read together.
 *
 * Data shape: `units[u][c]` = category given by coder c to unit u, or null when missing.
 * A coefficient whose expected disagreement is zero (every value identical) is undefined and
 * returned as null, rather than a misleading 1 or NaN.
 */

/** A coded value; null = coder c did not code unit u (or answered « je ne sais pas »). */
export type Code = string | null;

/** Share of agreeing pairs among all pairs of values within units (units with ≥ 2 values). */
export function percentAgreement(units: readonly (readonly Code[])[]): number | null {
  let agree = 0;
  let pairs = 0;
  for (const unit of units) {
    const values = unit.filter((v): v is string => v !== null);
    for (let i = 0; i < values.length; i++)
      for (let j = i + 1; j < values.length; j++) {
        pairs++;
        if (values[i] === values[j]) agree++;
      }
  }
  return pairs === 0 ? null : agree / pairs;
}

/** Cohen's kappa from a square contingency table (rows: coder A, columns: coder B). */
export function cohenKappaFromTable(table: readonly (readonly number[])[]): number | null {
  const k = table.length;
  let n = 0;
  let diag = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    const row = table[i] ?? [];
    if (row.length !== k) throw new RangeError('Cohen kappa needs a square table');
    for (let j = 0; j < k; j++) {
      const x = row[j] ?? 0;
      n += x;
      rows[i] = (rows[i] ?? 0) + x;
      cols[j] = (cols[j] ?? 0) + x;
      if (i === j) diag += x;
    }
  }
  if (n === 0) return null;
  const po = diag / n;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += ((rows[i] ?? 0) * (cols[i] ?? 0)) / (n * n);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

/** Cohen's kappa of two coders over paired values (pairs with a missing side are dropped). */
export function cohenKappa(a: readonly Code[], b: readonly Code[]): number | null {
  if (a.length !== b.length) throw new RangeError('Cohen kappa needs two equally long vectors');
  const cats = [...new Set([...a, ...b].filter((v): v is string => v !== null))].sort();
  const index = new Map(cats.map((c, i) => [c, i]));
  const table = cats.map(() => new Array<number>(cats.length).fill(0));
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x == null || y == null) continue;
    const row = table[index.get(x) as number] as number[];
    row[index.get(y) as number] = (row[index.get(y) as number] ?? 0) + 1;
  }
  return cohenKappaFromTable(table);
}

/**
 * Fleiss' kappa from counts: `counts[u][k]` = how many coders put unit u in category k; every
 * unit must have the same number of coders (Fleiss 1971).
 */
export function fleissKappa(counts: readonly (readonly number[])[]): number | null {
  const N = counts.length;
  if (N === 0) return null;
  const n = (counts[0] ?? []).reduce((s, x) => s + x, 0);
  if (n < 2) return null;
  const k = (counts[0] ?? []).length;
  const pj = new Array<number>(k).fill(0);
  let pBar = 0;
  for (const row of counts) {
    if (row.reduce((s, x) => s + x, 0) !== n)
      throw new RangeError('Fleiss kappa needs the same number of coders per unit');
    let sq = 0;
    row.forEach((x, j) => {
      pj[j] = (pj[j] ?? 0) + x / (N * n);
      sq += x * x;
    });
    pBar += (sq - n) / (n * (n - 1)) / N;
  }
  const pe = pj.reduce((s, p) => s + p * p, 0);
  return pe === 1 ? null : (pBar - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha, nominal metric, from the coincidence matrix: units with fewer than two
 * values are not pairable and ignored; missing values are allowed anywhere (Krippendorff 2011,
 * "Computing Krippendorff's alpha-reliability").
 */
export function krippendorffAlphaNominal(units: readonly (readonly Code[])[]): number | null {
  const coincidence = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number) => {
    const row = coincidence.get(c) ?? new Map<string, number>();
    row.set(k, (row.get(k) ?? 0) + w);
    coincidence.set(c, row);
  };
  for (const unit of units) {
    const values = unit.filter((v): v is string => v !== null);
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) if (i !== j) add(values[i] as string, values[j] as string, 1 / (m - 1));
  }
  const nc = new Map<string, number>();
  let n = 0;
  let observed = 0;
  for (const [c, row] of coincidence)
    for (const [k, w] of row) {
      nc.set(c, (nc.get(c) ?? 0) + w);
      n += w;
      if (c !== k) observed += w;
    }
  if (n <= 1) return null;
  let expected = 0;
  for (const [c, a] of nc) for (const [k, b] of nc) if (c !== k) expected += a * b;
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}
