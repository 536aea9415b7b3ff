/**
 * The embedding cache: one row per (embedding model, text hash) holding the vector, so that a
 * text embedded once by a model is never recomputed. Only the sha256 of the text is stored,
 * never the text. Vectors are base64 of little-endian float32 in a text column, which both
 * SQLite and PostgreSQL accept with the same schema-builder code.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('embeddings')
    .addColumn('model_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('text_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('dim', 'integer', (c) => c.notNull())
    .addColumn('vector', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('embeddings_pk', ['model_id', 'text_sha256'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('embeddings').execute();
}
