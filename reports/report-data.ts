/**
 * Everything a report shows, read once from the store (aggregates in SQL, a bounded number of
 * quotes) and shaped for the HTML, PDF and XLSX builders, which then only format. Reading it
 * once keeps the three outputs consistent and the database work measurable (bench/report.ts).
 */
import { basename } from 'node:path';
import type { RunId, Store, ThemeId } from '../pipeline/index.js';
import { VerbatimError } from '../pipeline/index.js';
import { type ActionPlanRow, buildActionPlan } from './action-plan.js';
import type { Correction } from './multiple-testing.js';
import { DEFAULT_NEGATIVE_THRESHOLD, type PriorityMatrix, priorityMatrix, type Quadrant } from './priority-matrix.js';
import {
  commentsBy,
  type GroupThemeCount,
  type GroupTotal,
  NEGATIVE_VALENCES,
  type Quote,
  quarantineCount,
  type RunHeader,
  type RunOverview,
  representativeQuotes,
  runHeader,
  runOverview,
  sourcePaths,
} from './queries.js';
import { overallScoreMean, type ScoreMean, themeScoreMeans } from './score-queries.js';
import { DEFAULT_MIN_CELL } from './small-cell.js';
import { rollUpBy, rollUpThemes, themeCells } from './theme-cells.js';
import { compareThemes, type ThemeTrend } from './theme-trend.js';

/** The three relational themes the report highlights (domain.md §1). */
export const RELATIONAL_THEMES: readonly string[] = Object.freeze(['communication', 'fear_of_reprisal', 'legitimacy']);

/** Labels used when the codebook does not name a relational theme. */
export const RELATIONAL_FALLBACK_LABELS: Readonly<Record<string, string>> = Object.freeze({
  communication: 'Communication',
  fear_of_reprisal: 'Peur des représailles',
  legitimacy: 'Légitimité',
});

/** Options shared by every report output. */
export interface ReportOptions {
  /** French label per theme id (from the codebook); an unknown id is shown as is. */
  themeLabels: Record<string, string>;
  /** Display order of themes; themes not listed follow, largest first. @defaultValue by number of comments */
  themeOrder?: string[];
  /** The codebook's library of actions per theme id, for the action plan. @defaultValue none */
  actions?: Readonly<Record<string, readonly string[]>>;
  /** Cross-tab counts from 1 to `minCell − 1` are shown as `< minCell`. @defaultValue 5 */
  minCell?: number;
  /** A previous run to test trends against. @defaultValue none */
  compareTo?: RunId;
  /** Correction across themes for the trend tests. @defaultValue 'holm' */
  correction?: Correction;
  /** Share-negative threshold of the priority matrix: a share or `median`. @defaultValue 0.5 */
  negativeThreshold?: number | 'median';
  /** Quotes per theme (3 to 5 recommended). @defaultValue 4 */
  quotesPerTheme?: number;
  /** Date printed as the generation date. @defaultValue now */
  generatedAt?: Date;
  /** Page title and h1. @defaultValue `Rapport d’analyse des commentaires patients` */
  title?: string;
  /** Called with each section's name and duration in ms (for bench/report.ts). @defaultValue none */
  onSection?: (section: string, ms: number) => void;
}

/** One theme with everything the report says about it. */
export interface ThemeStat {
  id: string;
  label: string;
  relational: boolean;
  comments: number;
  negative: number;
  negativeShare: number;
  /** Share of all comments analysed mentioning the theme. */
  frequency: number;
  score: ScoreMean | null;
  quadrant: Quadrant | null;
  trend: ThemeTrend | null;
}

/** The data of one report. */
export interface ReportData {
  title: string;
  generatedAt: Date;
  minCell: number;
  run: RunHeader;
  previous: { run: RunHeader; overview: RunOverview } | null;
  correction: Correction;
  overview: RunOverview;
  quarantined: number;
  sources: string[];
  themes: ThemeStat[];
  overallScore: ScoreMean;
  matrix: PriorityMatrix;
  departments: { totals: GroupTotal[]; cells: GroupThemeCount[] };
  surveys: { totals: GroupTotal[]; cells: GroupThemeCount[] };
  quotes: Map<string, Quote[]>;
  actionPlan: ActionPlanRow[];
}

const DEFAULT_TITLE = 'Rapport d’analyse des commentaires patients';

/** Reads the report data of `runId`. Throws `USAGE` for an unknown run or a bad threshold. */
export async function collectReportData(store: Store, runId: RunId, options: ReportOptions): Promise<ReportData> {
  const minCell = options.minCell ?? DEFAULT_MIN_CELL;
  if (!Number.isInteger(minCell) || minCell < 1) {
    throw new VerbatimError('USAGE', `minCell must be a positive integer, got ${minCell}`);
  }
  const run = await runHeader(store, runId);
  if (run === null) throw new VerbatimError('USAGE', `run ${runId} not found in the store`);
  const previousRun = options.compareTo === undefined ? null : await runHeader(store, options.compareTo);
  if (options.compareTo !== undefined && previousRun === null) {
    throw new VerbatimError('USAGE', `--compare-to: run ${options.compareTo} not found in the store`);
  }
  const correction = options.correction ?? 'holm';
  const timed = async <T>(section: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await work();
    options.onSection?.(section, performance.now() - start);
    return result;
  };
  const overview = await timed('overview', () => runOverview(store, runId));
  const cells = await timed('theme cells (one pass)', () => themeCells(store, runId));
  const counts = rollUpThemes(cells);
  const scores = await timed('score means', () => themeScoreMeans(store, runId));
  let previous: ReportData['previous'] = null;
  let trends = new Map<string, ThemeTrend>();
  if (previousRun !== null) {
    const [previousOverview, previousCounts] = await timed(
      'previous run',
      async () =>
        [
          await runOverview(store, previousRun.runId),
          rollUpThemes(await themeCells(store, previousRun.runId)),
        ] as const,
    );
    previous = { run: previousRun, overview: previousOverview };
    const list = compareThemes(
      { records: overview.records, comments: new Map(counts.map((c) => [c.theme as string, c.comments])) },
      {
        records: previousOverview.records,
        comments: new Map(previousCounts.map((c) => [c.theme as string, c.comments])),
      },
      { correction },
    );
    trends = new Map(list.map((t) => [t.theme, t]));
  }
  const byId = new Map(counts.map((c) => [c.theme as string, c]));
  const ids = new Set<string>([...(options.themeOrder ?? []), ...Object.keys(options.themeLabels), ...byId.keys()]);
  const base = [...ids].map((id) => {
    const c = byId.get(id);
    const comments = c?.comments ?? 0;
    return {
      id,
      label: options.themeLabels[id] ?? RELATIONAL_FALLBACK_LABELS[id] ?? id,
      relational: RELATIONAL_THEMES.includes(id),
      comments,
      negative: c?.negative ?? 0,
      negativeShare: c?.negativeShare ?? 0,
      frequency: overview.records === 0 ? 0 : comments / overview.records,
      score: scores.get(id as ThemeId) ?? null,
      trend: trends.get(id) ?? null,
    };
  });
  const matrix = priorityMatrix(base, { negativeThreshold: options.negativeThreshold ?? DEFAULT_NEGATIVE_THRESHOLD });
  const themes: ThemeStat[] = sortThemes(
    base.map((t) => ({ ...t, quadrant: matrix.quadrants.get(t.id) ?? null })),
    options.themeOrder ?? [],
  );

  const quotes = await timed('quotes', async () => {
    const found = new Map<string, Quote[]>();
    for (const t of themes) {
      if (t.comments === 0) continue;
      const quoteOptions = { count: options.quotesPerTheme ?? 4, candidates: 40 };
      found.set(t.id, await representativeQuotes(store, runId, t.id as ThemeId, quoteOptions));
    }
    return found;
  });
  const actionPlan = await timed('action plan', async () => {
    const planQuotes = new Map<string, Quote[]>();
    const draft = buildActionPlan({ themes, quotes: new Map(), actions: options.actions ?? {} });
    for (const row of draft) {
      const negative = await representativeQuotes(store, runId, row.themeId as ThemeId, {
        count: 3,
        valences: NEGATIVE_VALENCES,
      });
      planQuotes.set(row.themeId, negative.length > 0 ? negative : (quotes.get(row.themeId) ?? []));
    }
    return buildActionPlan({ themes, quotes: planQuotes, actions: options.actions ?? {} });
  });
  const departments = await timed('by department', async () => ({
    totals: await commentsBy(store, runId, 'department'),
    cells: rollUpBy(cells, 'department'),
  }));
  const surveys = await timed('by survey type', async () => ({
    totals: await commentsBy(store, runId, 'survey'),
    cells: rollUpBy(cells, 'survey'),
  }));
  const overallScore = await timed('score means', () => overallScoreMean(store, runId));

  const summaryQuarantined = run.summary?.records_quarantined;
  return {
    title: options.title ?? DEFAULT_TITLE,
    generatedAt: options.generatedAt ?? new Date(),
    minCell,
    run,
    previous,
    correction,
    overview,
    quarantined: typeof summaryQuarantined === 'number' ? summaryQuarantined : await quarantineCount(store, runId),
    sources: (await sourcePaths(store, runId)).map((p) => basename(p)),
    themes,
    overallScore,
    matrix,
    departments,
    surveys,
    quotes,
    actionPlan,
  };
}

/** `themeOrder` first, then the rest by number of comments, then by label. */
function sortThemes(rows: ThemeStat[], order: readonly string[]): ThemeStat[] {
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i === -1 ? order.length : i;
  };
  return rows.sort(
    (a, b) => rank(a.id) - rank(b.id) || b.comments - a.comments || a.label.localeCompare(b.label, 'fr'),
  );
}
