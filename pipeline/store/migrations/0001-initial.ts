/**
 * First schema. Written with Kysely's schema builder only (no dialect-specific SQL) so that the
 * one migration set runs unchanged on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';

// Migrations must not depend on the current Database type: it changes, migrations don't.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('runs')
    .addColumn('run_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('model_version', 'varchar(128)', (c) => c.notNull())
    .addColumn('codebook_version', 'varchar(128)', (c) => c.notNull())
    .addColumn('options_json', 'text', (c) => c.notNull())
    .addColumn('summary_json', 'text')
    .execute();

  await db.schema
    .createTable('sources')
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('source_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('format', 'varchar(8)', (c) => c.notNull())
    .addColumn('encoding', 'varchar(32)')
    .addColumn('delimiter', 'varchar(4)')
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('sources_pk', ['run_id', 'source_id'])
    .execute();

  await db.schema
    .createTable('records')
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('record_key', 'varchar(160)', (c) => c.notNull())
    .addColumn('source_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('field', 'varchar(128)', (c) => c.notNull())
    .addColumn('prompt', 'varchar(16)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('date', 'varchar(32)')
    .addColumn('department', 'text')
    .addColumn('survey', 'text')
    .addColumn('score', 'double precision')
    .addColumn('speaker', 'text')
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('row_num', 'integer')
    .addColumn('column_name', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('pii_json', 'text', (c) => c.notNull())
    .addColumn('valence', 'varchar(16)', (c) => c.notNull())
    .addColumn('has_theme', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('records_pk', ['run_id', 'record_key'])
    .execute();

  await db.schema
    .createTable('segments')
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('record_key', 'varchar(160)', (c) => c.notNull())
    .addColumn('segment_index', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('start_cp', 'integer', (c) => c.notNull())
    .addColumn('end_cp', 'integer', (c) => c.notNull())
    .addColumn('speaker', 'text')
    .addColumn('role', 'varchar(32)')
    .addColumn('context', 'integer', (c) => c.notNull())
    .addColumn('timestamp', 'varchar(16)')
    .addColumn('valence', 'varchar(16)', (c) => c.notNull())
    .addColumn('valence_score', 'double precision', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('scores_json', 'text', (c) => c.notNull())
    .addColumn('model_version', 'varchar(128)', (c) => c.notNull())
    .addColumn('codebook_version', 'varchar(128)', (c) => c.notNull())
    .addPrimaryKeyConstraint('segments_pk', ['run_id', 'record_key', 'segment_index'])
    .execute();

  await db.schema
    .createTable('labels')
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('record_key', 'varchar(160)', (c) => c.notNull())
    .addColumn('segment_index', 'integer', (c) => c.notNull())
    .addColumn('theme', 'varchar(64)', (c) => c.notNull())
    .addColumn('origin', 'varchar(8)', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('model_version', 'varchar(128)', (c) => c.notNull())
    .addColumn('codebook_version', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('labels_pk', ['run_id', 'record_key', 'segment_index', 'theme', 'origin'])
    .execute();
  await db.schema.createIndex('labels_theme_idx').on('labels').columns(['run_id', 'theme']).execute();

  await db.schema
    .createTable('quarantine')
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('row_num', 'integer')
    .addColumn('column_name', 'text')
    .addColumn('code', 'varchar(32)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('quarantine_pk', ['run_id', 'file', 'line'])
    .execute();

  await db.schema
    .createTable('audit')
    // Ids are made by the application (time-ordered), not by an identity column: SQLite and
    // PostgreSQL spell auto-increment differently and one migration set must run on both.
    .addColumn('audit_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor', 'varchar(128)', (c) => c.notNull())
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('run_id', 'varchar(64)')
    .addColumn('details_json', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit', 'quarantine', 'labels', 'segments', 'records', 'sources', 'runs']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
