/**
 * Indexes for the report queries (reports/queries.ts), so that a report on a run of a million
 * segments stays within seconds:
 * - quotes: the best-scored labels of one theme, read in score order and stopped early;
 * - cross-tabs: comments per department and per survey type, counted from the index alone.
 * Written with Kysely's schema builder only, so that it runs on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('labels_theme_score_idx')
    .ifNotExists()
    .on('labels')
    .columns(['run_id', 'theme', 'score'])
    .execute();
  await db.schema
    .createIndex('records_department_idx')
    .ifNotExists()
    .on('records')
    .columns(['run_id', 'department'])
    .execute();
  await db.schema.createIndex('records_survey_idx').ifNotExists().on('records').columns(['run_id', 'survey']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['records_survey_idx', 'records_department_idx', 'labels_theme_score_idx']) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
