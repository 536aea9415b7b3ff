/**
 * The priority matrix of the HAS / Hospices Civils de Lyon method for e-Satis comments: each
 * theme placed by how often patients raise it (frequency) and how negatively (share negative),
 * which sorts themes into four quadrants a quality team acts on differently.
 *
 * Thresholds: frequency at the median over the themes present in the run (themes with no comment
 * are left out, since they would drag the median to zero); share negative at 50 % by default
 * ("majoritairement négatif"), because comments answering "what should be improved?" are mostly
 * negative and a median would then call a 60 %-negative theme a strength. `negativeThreshold:
 * 'median'` gives the purely relative reading. A theme exactly on a threshold counts as high.
 */

/** The four quadrants, in the order the report lists them. */
export const QUADRANTS = ['axes_prioritaires', 'signaux_faibles', 'points_forts', 'bonnes_pratiques'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** French name and what the team should do, per quadrant. */
export const QUADRANT_LABELS: Readonly<Record<Quadrant, { label: string; reading: string }>> = Object.freeze({
  axes_prioritaires: {
    label: 'Axes prioritaires',
    reading: 'fréquents et majoritairement négatifs : à traiter en priorité',
  },
  signaux_faibles: { label: 'Signaux faibles', reading: 'rares mais négatifs : à surveiller et à investiguer' },
  points_forts: { label: 'Points forts', reading: 'fréquents et plutôt positifs : à maintenir et à valoriser' },
  bonnes_pratiques: { label: 'Bonnes pratiques', reading: 'rares et plutôt positifs : à diffuser' },
});

/** What the matrix needs of a theme. */
export interface MatrixInput {
  id: string;
  /** Comments with the theme. */
  comments: number;
  /** Share of all comments analysed that mention the theme, in [0, 1]. */
  frequency: number;
  /** Share of the theme's comments that are negative or mixed, in [0, 1]. */
  negativeShare: number;
}

/** Thresholds and the quadrant of each theme with at least one comment. */
export interface PriorityMatrix {
  frequencyThreshold: number;
  negativeThreshold: number;
  /** How the share-negative threshold was set. */
  negativeRule: 'fixed' | 'median';
  quadrants: ReadonlyMap<string, Quadrant>;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Options of {@link priorityMatrix}. */
export interface PriorityMatrixOptions {
  /** Share negative from which a theme is "negative": a share in (0, 1) or `median`. @defaultValue 0.5 */
  negativeThreshold?: number | 'median';
}

/** Default share-negative threshold. @defaultValue 0.5 */
export const DEFAULT_NEGATIVE_THRESHOLD = 0.5;

/** Places each theme with comments in its quadrant. */
export function priorityMatrix(themes: readonly MatrixInput[], options: PriorityMatrixOptions = {}): PriorityMatrix {
  const present = themes.filter((t) => t.comments > 0);
  const frequencyThreshold = present.length === 0 ? 0 : median(present.map((t) => t.frequency));
  const wanted = options.negativeThreshold ?? DEFAULT_NEGATIVE_THRESHOLD;
  const negativeThreshold =
    wanted !== 'median' ? wanted : present.length === 0 ? 0 : median(present.map((t) => t.negativeShare));
  const quadrants = new Map<string, Quadrant>();
  for (const t of present) {
    const frequent = t.frequency >= frequencyThreshold;
    const negative = t.negativeShare >= negativeThreshold;
    quadrants.set(
      t.id,
      frequent ? (negative ? 'axes_prioritaires' : 'points_forts') : negative ? 'signaux_faibles' : 'bonnes_pratiques',
    );
  }
  return { frequencyThreshold, negativeThreshold, negativeRule: wanted === 'median' ? 'median' : 'fixed', quadrants };
}
