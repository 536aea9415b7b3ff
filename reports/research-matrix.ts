/**
 * Research aggregates over a run, computed by the database (a run of a million segments never
 * leaves it): the theme × speaker-role matrix, and theme co-occurrence at segment level (two
 * themes coded on the same segment) and at record level (on the same comment or transcript).
 * Counts follow the machine coding, as every report does (see `queries.ts`): rule and model
 * labels on non-context segments; a theme labelled by both a rule and a model counts once.
 */

import { sql } from 'kysely';
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
 * the number of segments or records where they are; pairs never seen together are absent. The
 * labels table is joined to itself through its primary-key index (a join of two derived tables
 * would have no index, and SQLite would compare every pair of rows).
 */
export async function themeCooccurrence(
  store: Store,
  runId: RunId,
  level: CooccurrenceLevel,
): Promise<CooccurrenceCell[]> {
  const pairs = codedLabels(store, runId).innerJoin('labels as b', (join) =>
    join.onRef('b.run_id', '=', 'l.run_id').onRef('b.record_key', '=', 'l.record_key').on('b.origin', '!=', 'human'),
  );
  const rows =
    level === 'segment'
      ? await pairs
          .whereRef('b.segment_index', '=', 'l.segment_index')
          // A theme labelled by both a rule and a model is two rows: count distinct segments.
          .select((eb) => [
            'l.theme as a',
            'b.theme as b',
            eb.fn
              .count<string | number>(sql`${eb.ref('l.record_key')} || '#' || ${eb.ref('l.segment_index')}`)
              .distinct()
              .as('n'),
          ])
          .groupBy(['l.theme', 'b.theme'])
          .orderBy('l.theme')
          .orderBy('b.theme')
          .execute()
      : await pairs
          .innerJoin('segments as t', (join) =>
            join
              .onRef('t.run_id', '=', 'b.run_id')
              .onRef('t.record_key', '=', 'b.record_key')
              .onRef('t.segment_index', '=', 'b.segment_index')
              .on('t.context', '=', 0),
          )
          .select((eb) => [
            'l.theme as a',
            'b.theme as b',
            eb.fn.count<string | number>('l.record_key').distinct().as('n'),
          ])
          .groupBy(['l.theme', 'b.theme'])
          .orderBy('l.theme')
          .orderBy('b.theme')
          .execute();
  return rows.map((r) => ({ a: r.a, b: r.b, count: toNumber(r.n) }));
}
