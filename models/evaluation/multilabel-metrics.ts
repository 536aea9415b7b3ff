/**
 * Precision, recall and F1 for multi-label theme coding, per theme and overall. Pure functions
 * over label sets, so the same numbers come out of `verbatim eval`, the benches and the tests.
 */

/** Counts and scores for one theme. Ratios with an empty denominator are 0. */
export interface ThemeScores {
  readonly theme: string;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  /** Gold items carrying the theme (tp + fn). */
  readonly support: number;
  /** Items the classifier gave the theme (tp + fp). */
  readonly predicted: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface MultilabelReport {
  /** In the order of `themes` when given, else sorted by id. */
  readonly perTheme: readonly ThemeScores[];
  /** Pooled over every (item, theme) decision. */
  readonly micro: {
    readonly tp: number;
    readonly fp: number;
    readonly fn: number;
    readonly precision: number;
    readonly recall: number;
    readonly f1: number;
  };
  /**
   * Mean F1 over the themes that occur in the gold OR in the predictions: a theme nobody used
   * says nothing about the classifier and would otherwise count as 0 (or 1). A theme predicted
   * but absent from the gold counts, with F1 = 0.
   */
  readonly macroF1: number;
  /** How many themes the macro average is over. */
  readonly macroThemes: number;
  /** Share of items whose predicted set equals the gold set exactly (both empty counts). */
  readonly exactMatch: number;
  readonly items: number;
}

/**
 * Scores predictions against gold, item by item (`gold[i]` and `predicted[i]` are the theme sets
 * of item i). `themes` lists themes to report even when unused (e.g. the whole codebook).
 */
export function multilabelMetrics(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  themes: readonly string[] = [],
): MultilabelReport {
  if (gold.length !== predicted.length) {
    throw new RangeError(`gold has ${gold.length} items but predictions have ${predicted.length}`);
  }
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const get = (theme: string) => {
    let c = counts.get(theme);
    if (!c) {
      c = { tp: 0, fp: 0, fn: 0 };
      counts.set(theme, c);
    }
    return c;
  };
  for (const t of themes) get(t);
  let exact = 0;
  gold.forEach((goldItem, i) => {
    const g = new Set(goldItem);
    const p = new Set(predicted[i]);
    let same = g.size === p.size;
    for (const t of p) {
      if (g.has(t)) get(t).tp++;
      else {
        get(t).fp++;
        same = false;
      }
    }
    for (const t of g) if (!p.has(t)) get(t).fn++;
    if (same) exact++;
  });

  const order =
    themes.length > 0
      ? [...themes, ...[...counts.keys()].filter((t) => !themes.includes(t)).sort()]
      : [...counts.keys()].sort();
  const perTheme = order.map((theme): ThemeScores => {
    const { tp, fp, fn } = counts.get(theme) ?? { tp: 0, fp: 0, fn: 0 };
    return { theme, tp, fp, fn, support: tp + fn, predicted: tp + fp, ...prf(tp, fp, fn) };
  });
  const sum = perTheme.reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  const used = perTheme.filter((s) => s.support > 0 || s.predicted > 0);
  return {
    perTheme,
    micro: { ...sum, ...prf(sum.tp, sum.fp, sum.fn) },
    macroF1: used.length === 0 ? 0 : used.reduce((a, s) => a + s.f1, 0) / used.length,
    macroThemes: used.length,
    exactMatch: gold.length === 0 ? 0 : exact / gold.length,
    items: gold.length,
  };
}

/** Precision, recall and F1 from counts; 0 where a denominator is 0. */
export function prf(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
