/**
 * Typed aggregate queries over one run, the only way reports read the store. Every aggregate is
 * computed by the database (runs of a million segments must never be loaded into memory), and
 * every query is written with Kysely's builder so that it runs unchanged on SQLite and PostgreSQL.
 *
 * Definitions shared by all reports:
 * - a *comment* is a stored text record (one free-text field of one row, or one transcript);
 * - a comment *has a theme* when at least one of its non-context segments carries it; interviewer
 *   turns (context segments) are never counted;
 * - a comment is *negative for a theme* when any of its segments carrying that theme has valence
 *   `negative` or `mixed`: a mixed remark still reports a problem the quality team must see;
 * - counts follow the machine coding stored with the run (rule and model labels, as in
 *   segments.csv); human validations are reported by the agreement report, not mixed in here.
 */
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Database, RunId, Store, ThemeId, Valence } from '../pipeline/index.js';
import { codedLabels, toNumber } from './coded-labels.js';
import { pickQuotes } from './pick-quotes.js';

/** Valences that make a comment count as negative for a theme. */
export const NEGATIVE_VALENCES: readonly Valence[] = Object.freeze(['negative', 'mixed'] as const);

/** What a run is, from the `runs` table; `summary` is `summary.json` once the run finished. */
export interface RunHeader {
  runId: RunId;
  createdAt: string;
  finishedAt: string | null;
  status: string;
  modelVersion: string;
  codebookVersion: string;
  summary: Record<string, unknown> | null;
}

/** Overall counts of a run. */
export interface RunOverview {
  /** Text records analysed (comments). */
  records: number;
  /** Comments with at least one theme. */
  recordsWithTheme: number;
  /** All segments, context (interviewer) turns included. */
  segments: number;
  /** Non-context segments carrying at least one theme. */
  codedSegments: number;
  /** Interviewer turns, kept as context and never coded. */
  contextSegments: number;
}

/** Per-theme counts of comments. */
export interface ThemeCount {
  theme: ThemeId;
  /** Distinct comments with the theme. */
  comments: number;
  /** Of those, comments negative for the theme (see the module comment). */
  negative: number;
  /** `negative / comments`, 0 when there is no comment. */
  negativeShare: number;
}

/** Dimensions a run can be broken down by; `null` group values mean "not given in the input". */
export type Dimension = 'department' | 'survey';

/** Comments with a theme within one group of a dimension (one cell of a cross-tab). */
export interface GroupThemeCount {
  group: string | null;
  theme: ThemeId;
  comments: number;
}

/** Comments analysed within one group of a dimension (a cross-tab row total). */
export interface GroupTotal {
  group: string | null;
  comments: number;
}

/** A quote chosen to illustrate a theme. Text is the pseudonymized segment text. */
export interface Quote {
  theme: ThemeId;
  /** `record_key#segment_index`, so that a reader can find the segment in segments.csv or the app. */
  segmentId: string;
  recordKey: string;
  segmentIndex: number;
  text: string;
  department: string | null;
  valence: Valence;
  score: number;
}

/** Options of {@link representativeQuotes}. */
export interface QuoteOptions {
  /** Quotes wanted per theme. @defaultValue 3 */
  count?: number;
  /** Best-scored candidates fetched per theme before picking in memory. @defaultValue 30 */
  candidates?: number;
  /** Preferred length bounds, in characters. @defaultValue 40 and 300 */
  minLength?: number;
  maxLength?: number;
  /** Only segments of these valences (e.g. the negative ones for the action plan). @defaultValue any */
  valences?: readonly Valence[];
}

/** The run's row, or `null` when no such run exists. */
export async function runHeader(store: Store, runId: RunId): Promise<RunHeader | null> {
  const row = await store.db.selectFrom('runs').selectAll().where('run_id', '=', runId).executeTakeFirst();
  if (row === undefined) return null;
  return {
    runId,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    status: row.status,
    modelVersion: row.model_version,
    codebookVersion: row.codebook_version,
    summary: row.summary_json === null ? null : (JSON.parse(row.summary_json) as Record<string, unknown>),
  };
}

/** Paths of the run's input files, sorted. A run has few sources, so they are listed whole. */
export async function sourcePaths(store: Store, runId: RunId): Promise<string[]> {
  const rows = await store.db
    .selectFrom('sources')
    .select('path')
    .where('run_id', '=', runId)
    .orderBy('path')
    .execute();
  return rows.map((r) => r.path);
}

/** Rows set aside in quarantine for the run. */
export async function quarantineCount(store: Store, runId: RunId): Promise<number> {
  const row = await store.db
    .selectFrom('quarantine')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('run_id', '=', runId)
    .executeTakeFirst();
  return toNumber(row?.n);
}

/** Overall counts: comments, comments with a theme, segments, coded and context segments. */
export async function runOverview(store: Store, runId: RunId): Promise<RunOverview> {
  const records = await store.db
    .selectFrom('records')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('records'),
      eb.fn.sum<string | number | null>('has_theme').as('with_theme'),
    ])
    .where('run_id', '=', runId)
    .executeTakeFirst();
  const segments = await store.db
    .selectFrom('segments')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('segments'),
      eb.fn
        .sum<string | number | null>(
          eb
            .case()
            .when(eb.and([eb('context', '=', 0), eb('themes', '!=', '')]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('coded'),
      eb.fn.sum<string | number | null>('context').as('context'),
    ])
    .where('run_id', '=', runId)
    .executeTakeFirst();
  return {
    records: toNumber(records?.records),
    recordsWithTheme: toNumber(records?.with_theme),
    segments: toNumber(segments?.segments),
    codedSegments: toNumber(segments?.coded),
    contextSegments: toNumber(segments?.context),
  };
}

/** Per theme: distinct comments with the theme and, of those, comments negative for it. */
export async function themeCounts(store: Store, runId: RunId): Promise<ThemeCount[]> {
  const rows = await codedLabels(store, runId)
    .select((eb) => [
      'l.theme',
      eb.fn.count<string | number>('l.record_key').distinct().as('comments'),
      eb.fn
        .count<string | number>(eb.case().when('s.valence', 'in', NEGATIVE_VALENCES).then(eb.ref('l.record_key')).end())
        .distinct()
        .as('negative'),
    ])
    .groupBy('l.theme')
    .orderBy('l.theme')
    .execute();
  return rows.map((r) => {
    const comments = toNumber(r.comments);
    const negative = toNumber(r.negative);
    return { theme: r.theme as ThemeId, comments, negative, negativeShare: comments === 0 ? 0 : negative / comments };
  });
}

/** Cross-tab cells: distinct comments per (group of `dimension`, theme); empty cells are absent. */
export async function themeCountsBy(store: Store, runId: RunId, dimension: Dimension): Promise<GroupThemeCount[]> {
  const rows = await codedLabels(store, runId)
    .innerJoin('records as r', (join) =>
      join.onRef('r.run_id', '=', 'l.run_id').onRef('r.record_key', '=', 'l.record_key'),
    )
    .select((eb) => [
      `r.${dimension} as group_value` as const,
      'l.theme',
      eb.fn.count<string | number>('l.record_key').distinct().as('comments'),
    ])
    .groupBy([`r.${dimension}`, 'l.theme'])
    .execute();
  return rows.map((r) => ({ group: r.group_value, theme: r.theme as ThemeId, comments: toNumber(r.comments) }));
}

/** Cross-tab row totals: comments analysed per group of `dimension`, largest first, "not given" last. */
export async function commentsBy(store: Store, runId: RunId, dimension: Dimension): Promise<GroupTotal[]> {
  const rows = await store.db
    .selectFrom('records')
    .select((eb) => [`${dimension} as group_value` as const, eb.fn.countAll<string | number>().as('comments')])
    .where('run_id', '=', runId)
    .groupBy(dimension)
    .execute();
  return rows
    .map((r) => ({ group: r.group_value, comments: toNumber(r.comments) }))
    .sort(
      (a, b) =>
        Number(a.group === null) - Number(b.group === null) ||
        b.comments - a.comments ||
        compareGroups(a.group, b.group),
    );
}

/** Groups in French alphabetical order, "not given" (`null`) last. */
export function compareGroups(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b, 'fr');
}

/**
 * Up to `count` quotes for `theme`: the best-scored segments of moderate length, from distinct
 * comments and not near-duplicates of each other. Only `candidates` rows per theme leave the
 * database; when too few have a moderate length, the best-scored of any length fill the gap.
 */
export async function representativeQuotes(
  store: Store,
  runId: RunId,
  theme: ThemeId,
  options: QuoteOptions = {},
): Promise<Quote[]> {
  const count = options.count ?? 3;
  const limit = options.candidates ?? 30;
  const valences = options.valences;
  const minLength = options.minLength ?? 40;
  const maxLength = options.maxLength ?? 300;
  const base = codedLabels(store, runId)
    .innerJoin('records as r', (join) =>
      join.onRef('r.run_id', '=', 'l.run_id').onRef('r.record_key', '=', 'l.record_key'),
    )
    .select(['l.record_key', 'l.segment_index', 's.text', 's.valence', 'r.department', 'l.score'])
    .where('l.theme', '=', theme)
    .$if(valences !== undefined && valences.length > 0, (q) => q.where('s.valence', 'in', valences ?? []));
  const preferred = await bestScored(
    base.where((eb) => eb.and([eb(textLength(eb), '>=', minLength), eb(textLength(eb), '<=', maxLength)])),
    limit,
  );
  let picked = pickQuotes(preferred, count);
  if (picked.length < count) {
    const any = await bestScored(base, limit);
    picked = pickQuotes([...preferred, ...any], count);
  }
  return picked.map((c) => ({
    theme,
    segmentId: `${c.record_key}#${c.segment_index}`,
    recordKey: c.record_key,
    segmentIndex: c.segment_index,
    text: c.text,
    department: c.department,
    valence: c.valence as Valence,
    score: c.score,
  }));
}

type QuoteDb = Database & { l: Database['labels']; s: Database['segments']; r: Database['records'] };

function textLength(eb: ExpressionBuilder<QuoteDb, 'l' | 's' | 'r'>) {
  return eb.fn<number>('length', ['s.text']);
}

/** Highest scores first; key order breaks ties so that a report is reproducible. */
function bestScored<O>(query: SelectQueryBuilder<QuoteDb, 'l' | 's' | 'r', O>, limit: number): Promise<O[]> {
  return query.orderBy('l.score', 'desc').orderBy('l.record_key').orderBy('l.segment_index').limit(limit).execute();
}
