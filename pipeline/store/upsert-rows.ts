/**
 * Multi-row upserts in batches that stay under the bound-parameter limits of both engines
 * (SQLite 32,766; PostgreSQL 65,535).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

const MAX_PARAMETERS = 30_000;

/** Inserts rows into `table`, updating every non-key column when the key already exists. */
export async function upsertRows<T extends keyof Database & string>(
  trx: Kysely<Database> | Transaction<Database>,
  table: T,
  keyColumns: readonly (keyof Database[T] & string)[],
  rows: readonly Database[T][],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first as object);
  const updateColumns = columns.filter((c) => !keyColumns.includes(c as keyof Database[T] & string));
  const batchSize = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    // Kysely's generic insert types cannot follow a table name chosen at run time; the rows are
    // typed by the caller through Database[T], so the casts below lose nothing.
    // biome-ignore lint/suspicious/noExplicitAny: see above
    const db = trx as Kysely<any>;
    await db
      .insertInto(table)
      .values(batch as never)
      .onConflict((oc) => {
        const target = oc.columns(keyColumns as never);
        if (updateColumns.length === 0) return target.doNothing();
        return target.doUpdateSet(
          (eb) => Object.fromEntries(updateColumns.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never,
        );
      })
      .execute();
  }
}
