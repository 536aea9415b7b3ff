/**
 * Research aggregates over a run, computed by the database (a run of a million segments never
 * leaves it): the theme × speaker-role matrix, and theme co-occurrence at segment level (two
 * themes coded on the same segment) and at record level (on the same comment or transcript).
 * Counts follow the machine coding, as every report does (see `queries.ts`): rule and model
 * labels on non-context segments; a theme labelled by both a rule and a model counts once.
 */

import type { RunId, Store } from '../pipeline/index.js';
import { codedLabels, toNumber } from './coded-labels.js';

/** One cell of the theme × role matrix; `role` is `null` when the segment has no speaker role (survey comments). */
export interface RoleThemeCell {
  role: string | null;
  theme: string;
  /** Distinct segments with the theme spoken or written by that role. */
  segments: number;
  /** Distinct records (comments, transcripts) holding such a segment. */
  records: number;
}

/** How often two themes are coded together; `a === b` gives the theme's own count. */
export interface CooccurrenceCell {
  a: string;
  b: string;
  count: number;
}

/** Unit of co-occurrence: the same segment, or the same record. */
export type CooccurrenceLevel = 'segment' | 'record';

/** Distinct (segment, theme) pairs of the machine coding, with the segment's role. */
function codedSegmentThemes(store: Store, runId: RunId) {
  return codedLabels(store, runId).select(['l.record_key', 'l.segment_index', 'l.theme', 's.role']).distinct();
}

/** Theme × role cells with at least one segment, ordered by role then theme. */
export async function roleThemeMatrix(store: Store, runId: RunId): Promise<RoleThemeCell[]> {
  const rows = await store.db
    .selectFrom(codedSegmentThemes(store, runId).as('c'))
    .select((eb) => [
      'c.role',
      'c.theme',
      eb.fn.countAll<string | number>().as('segments'),
      eb.fn.count<string | number>('c.record_key').distinct().as('records'),
    ])
    .groupBy(['c.role', 'c.theme'])
    .orderBy('c.role')
    .orderBy('c.theme')
    .execute();
  return rows.map((r) => ({
    role: r.role,
    theme: r.theme,
    segments: toNumber(r.segments),
    records: toNumber(r.records),
  }));
}

/**
 * Ordered theme pairs (both `a, b` and `b, a`, and the diagonal) coded together at `level`, with
 * the number of segments or records where they are; pairs never seen together are absent.
 */
export async function themeCooccurrence(
  store: Store,
  runId: RunId,
  level: CooccurrenceLevel,
): Promise<CooccurrenceCell[]> {
  if (level === 'segment') {
    const units = codedLabels(store, runId).select(['l.record_key', 'l.segment_index', 'l.theme']).distinct();
    const rows = await store.db
      .selectFrom(units.as('a'))
      .innerJoin(units.as('b'), (join) =>
        join.onRef('a.record_key', '=', 'b.record_key').onRef('a.segment_index', '=', 'b.segment_index'),
      )
      .select((eb) => ['a.theme as a', 'b.theme as b', eb.fn.countAll<string | number>().as('n')])
      .groupBy(['a.theme', 'b.theme'])
      .orderBy('a.theme')
      .orderBy('b.theme')
      .execute();
    return rows.map((r) => ({ a: r.a, b: r.b, count: toNumber(r.n) }));
  }
  const units = codedLabels(store, runId).select(['l.record_key', 'l.theme']).distinct();
  const rows = await store.db
    .selectFrom(units.as('a'))
    .innerJoin(units.as('b'), (join) => join.onRef('a.record_key', '=', 'b.record_key'))
    .select((eb) => ['a.theme as a', 'b.theme as b', eb.fn.countAll<string | number>().as('n')])
    .groupBy(['a.theme', 'b.theme'])
    .orderBy('a.theme')
    .orderBy('b.theme')
    .execute();
  return rows.map((r) => ({ a: r.a, b: r.b, count: toNumber(r.n) }));
}
