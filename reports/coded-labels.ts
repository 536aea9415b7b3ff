/**
 * The base of every theme count: machine labels joined to their non-context segments. Human
 * validations and interviewer turns are left out (see the definitions in `queries.ts`).
 */
import type { RunId, Store } from '../pipeline/index.js';

/** Labels of `runId` joined to their segments (`l`, `s`), without human labels or context turns. */
export function codedLabels(store: Store, runId: RunId) {
  return store.db
    .selectFrom('labels as l')
    .innerJoin('segments as s', (join) =>
      join
        .onRef('s.run_id', '=', 'l.run_id')
        .onRef('s.record_key', '=', 'l.record_key')
        .onRef('s.segment_index', '=', 'l.segment_index'),
    )
    .where('l.run_id', '=', runId)
    .where('l.origin', '!=', 'human')
    .where('s.context', '=', 0);
}

/** PostgreSQL returns `count()` and `avg()` as strings (numeric); SQLite as numbers. */
export function toNumber(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
