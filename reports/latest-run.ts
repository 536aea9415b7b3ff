/**
 * Which run a report is about when none is named: the most recent finished one, so that
 * `verbatim run … && verbatim report --format pdf` needs no id copied by hand.
 */
import type { RunId, Store } from '../pipeline/index.js';

/** Id of the most recently started run with status `done`, or `null` when the store has none. */
export async function latestFinishedRun(store: Store): Promise<RunId | null> {
  const row = await store.db
    .selectFrom('runs')
    .select('run_id')
    .where('status', '=', 'done')
    .orderBy('created_at', 'desc')
    .orderBy('run_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : (row.run_id as RunId);
}
