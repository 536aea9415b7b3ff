/**
 * Validation by people (issue 6): accounts, one-time invitations, sessions, validation batches,
 * assignments and the append-only `validations` table. Also rebuilds `labels` with a `validator`
 * column in its primary key, so that two validators' human labels on the same theme are two rows
 * instead of one overwriting the other (machine labels keep validator '').
 * Written with Kysely's schema builder (plus one portable INSERT … SELECT) so that it runs
 * unchanged on SQLite and PostgreSQL; booleans are 0/1 integers.
 */
import { type Kysely, sql } from 'kysely';

const LABEL_COLUMNS = [
  'run_id',
  'record_key',
  'segment_index',
  'theme',
  'origin',
  'score',
  'evidence_json',
  'model_version',
  'codebook_version',
  'created_at',
] as const;

// Migrations must not depend on the current Database type: it changes, migrations don't.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('user_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    // Null until the invitation is accepted: an invited person cannot log in before that.
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('invitations')
    // Only the sha256 of the one-time token is stored: a copy of the database opens no account.
    .addColumn('token_sha256', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('session_sha256', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('csrf_token', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('validation_batches')
    .addColumn('batch_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('strategy', 'varchar(16)', (c) => c.notNull())
    .addColumn('double_share', 'double precision', (c) => c.notNull())
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('assignments')
    .addColumn('batch_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('record_key', 'varchar(160)', (c) => c.notNull())
    .addColumn('segment_index', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('double', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('assignments_pk', ['batch_id', 'record_key', 'segment_index', 'user_id'])
    .execute();
  await db.schema
    .createIndex('assignments_user_idx')
    .on('assignments')
    .columns(['user_id', 'status', 'position'])
    .execute();

  await db.schema
    .createTable('validations')
    // Time-ordered ids made by the application (see 0001 on why no identity column).
    .addColumn('validation_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('batch_id', 'varchar(40)')
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('record_key', 'varchar(160)', (c) => c.notNull())
    .addColumn('segment_index', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    // 'decision' (a person's answer), 'restore' (an undo bringing back the answer before),
    // 'retract' (an undo leaving no answer).
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('valence', 'varchar(16)')
    .addColumn('unsure', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('before_json', 'text', (c) => c.notNull())
    .addColumn('model_version', 'varchar(128)', (c) => c.notNull())
    .addColumn('codebook_version', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('superseded_by', 'varchar(64)')
    .execute();
  await db.schema
    .createIndex('validations_segment_idx')
    .on('validations')
    .columns(['run_id', 'record_key', 'segment_index', 'user_id'])
    .execute();
  await db.schema.createIndex('validations_user_idx').on('validations').columns(['user_id', 'created_at']).execute();

  await rebuildLabels(db, true);
}

/** Copies `labels` into a table with (`withValidator`) or without the validator key, then swaps. */
async function rebuildLabels(db: Kysely<unknown>, withValidator: boolean): Promise<void> {
  const key = ['run_id', 'record_key', 'segment_index', 'theme', 'origin'];
  let table = db.schema
    .createTable('labels_next')
    .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('record_key', 'varchar(160)', (c) => c.notNull())
    .addColumn('segment_index', 'integer', (c) => c.notNull())
    .addColumn('theme', 'varchar(64)', (c) => c.notNull())
    .addColumn('origin', 'varchar(8)', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('model_version', 'varchar(128)', (c) => c.notNull())
    .addColumn('codebook_version', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull());
  if (withValidator) {
    table = table
      // '' for machine labels; the user id of the validator for human ones.
      .addColumn('validator', 'varchar(40)', (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('labels_validator_pk', [...key, 'validator'] as never);
  } else {
    table = table.addPrimaryKeyConstraint('labels_pk', key as never);
  }
  await table.execute();
  const cols = sql.join(LABEL_COLUMNS.map((c) => sql.ref(c)));
  // Going back, one human label per theme survives (the first validator's); history stays in
  // `validations`.
  const filter = withValidator
    ? sql``
    : sql` where validator = '' or validator = (select min(l2.validator) from labels l2 where l2.run_id = labels.run_id and l2.record_key = labels.record_key and l2.segment_index = labels.segment_index and l2.theme = labels.theme and l2.origin = labels.origin)`;
  await sql`insert into labels_next (${cols}) select ${cols} from labels${filter}`.execute(db);
  await db.schema.dropTable('labels').execute();
  await db.schema.alterTable('labels_next').renameTo('labels').execute();
  await db.schema.createIndex('labels_theme_idx').on('labels').columns(['run_id', 'theme']).execute();
  await db.schema.createIndex('labels_theme_score_idx').on('labels').columns(['run_id', 'theme', 'score']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rebuildLabels(db, false);
  for (const table of ['validations', 'assignments', 'validation_batches', 'sessions', 'invitations', 'users']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
