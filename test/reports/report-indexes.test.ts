/** Migration 0004 gives the report queries their indexes, and the query planner uses them. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../pipeline/store/store.js';
import { openTempStore } from './fixture-store.js';

describe('report indexes (migration 0004)', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await openTempStore());
  });
  afterAll(async () => cleanup());

  it('exist after migration', async () => {
    const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(store.db);
    const names = rows.rows.map((r) => r.name);
    for (const index of ['labels_theme_score_idx', 'records_department_idx', 'records_survey_idx']) {
      expect(names).toContain(index);
    }
  });

  it('serve the quote and cross-tab queries', async () => {
    const plan = async (query: ReturnType<typeof sql>) =>
      (await sql<{ detail: string }>`explain query plan ${query}`.execute(store.db)).rows
        .map((r) => r.detail)
        .join('\n');
    expect(
      await plan(
        sql`select record_key from labels where run_id = 'r' and theme = 'meals' order by score desc limit 30`,
      ),
    ).toContain('labels_theme_score_idx');
    expect(await plan(sql`select department, count(*) from records where run_id = 'r' group by department`)).toContain(
      'records_department_idx',
    );
  });
});
