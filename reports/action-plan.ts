/**
 * The draft action plan (plan d'actions, PAQSS): one row per priority theme with the finding, a
 * goal, actions picked from the codebook's editable library, and empty owner, deadline and
 * status for the quality team to fill in. A draft, not a decision: the wording says so.
 */
import { formatPercent } from './format-fr.js';
import type { Quadrant } from './priority-matrix.js';
import type { Quote } from './queries.js';
import { type ThemeTrend, TREND_WORDS } from './theme-trend.js';

/** The statuses offered in the XLSX drop-down, in order. */
export const ACTION_STATUSES = ['à lancer', 'en cours', 'fait'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** What the plan needs of a theme. */
export interface PlanTheme {
  id: string;
  label: string;
  relational: boolean;
  comments: number;
  negativeShare: number;
  quadrant: Quadrant | null;
  trend: ThemeTrend | null;
}

/** Why a theme is in the plan. */
export type PlanReason = 'axe_prioritaire' | 'signal_relationnel' | 'hausse_significative';

/** French wording of {@link PlanReason}. */
export const PLAN_REASON_LABELS: Readonly<Record<PlanReason, string>> = Object.freeze({
  axe_prioritaire: 'Axe prioritaire (fréquent et négatif)',
  signal_relationnel: 'Signal faible relationnel',
  hausse_significative: 'Hausse significative',
});

/** One row of the plan. */
export interface ActionPlanRow {
  themeId: string;
  theme: string;
  reason: PlanReason;
  comments: number;
  negativeShare: number;
  /** The trend in words, or `null` without a comparison run. */
  trend: string | null;
  /** 1–3 quotes, negative ones first. */
  quotes: Quote[];
  objective: string;
  /** Actions from the codebook library; empty when the theme has none. */
  actions: string[];
  owner: string;
  deadline: string;
  indicator: string;
  status: ActionStatus;
}

/** Options of {@link buildActionPlan}. */
export interface ActionPlanInput {
  themes: readonly PlanTheme[];
  /** Negative quotes per theme id (any quotes when a theme has no negative one). */
  quotes: ReadonlyMap<string, readonly Quote[]>;
  /** The codebook's `actions` per theme id. */
  actions: Readonly<Record<string, readonly string[]>>;
  /** Themes with fewer comments are not put in the plan (too thin to act on). @defaultValue 1 */
  minComments?: number;
}

/** Quotes shown per row. @defaultValue 3 */
export const PLAN_QUOTES = 3;

/**
 * Rows: the "axes prioritaires", then relational themes among the "signaux faibles" (the point
 * of this product: rare words about fear or legitimacy still call for action), then themes with
 * a significant rise; within each group, most negative comments first.
 */
export function buildActionPlan(input: ActionPlanInput): ActionPlanRow[] {
  const minComments = input.minComments ?? 1;
  const reasonOf = (t: PlanTheme): PlanReason | null => {
    if (t.comments < minComments) return null;
    if (t.quadrant === 'axes_prioritaires') return 'axe_prioritaire';
    if (t.quadrant === 'signaux_faibles' && t.relational) return 'signal_relationnel';
    if (t.trend?.verdict === 'hausse') return 'hausse_significative';
    return null;
  };
  const order: PlanReason[] = ['axe_prioritaire', 'signal_relationnel', 'hausse_significative'];
  return input.themes
    .flatMap((t) => {
      const reason = reasonOf(t);
      return reason === null ? [] : [{ t, reason }];
    })
    .sort(
      (a, b) =>
        order.indexOf(a.reason) - order.indexOf(b.reason) ||
        b.t.comments * b.t.negativeShare - a.t.comments * a.t.negativeShare ||
        a.t.label.localeCompare(b.t.label, 'fr'),
    )
    .map(({ t, reason }) => ({
      themeId: t.id,
      theme: t.label,
      reason,
      comments: t.comments,
      negativeShare: t.negativeShare,
      trend: t.trend === null ? null : TREND_WORDS[t.trend.verdict],
      quotes: [...(input.quotes.get(t.id) ?? [])].slice(0, PLAN_QUOTES),
      objective: `Réduire la part négative (${formatPercent(t.negativeShare)} aujourd’hui).`,
      actions: [...(input.actions[t.id] ?? [])],
      owner: '',
      deadline: '',
      indicator: '% négatif du thème au prochain rapport Verbatim.',
      status: 'à lancer',
    }));
}
