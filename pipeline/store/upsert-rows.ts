/**
 * Multi-row upserts. SQLite: multi-row VALUES in batches under its bound-parameter limit (32,766).
 * PostgreSQL: the whole set as one JSON parameter expanded by `json_populate_recordset` into the
 * table's own row type — a VALUES list of thousands of parameters costs the server more to parse
 * and plan than the insert itself, and the client more to build.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

const MAX_PARAMETERS = 30_000;

/**
 * The row with lone UTF-16 surrogates (a JSON `\ud800` escape in an input file makes one) turned
 * into U+FFFD, as a UTF-8 decoder would: SQLite would store their raw bytes and give back three
 * replacement characters, PostgreSQL refuses them. Rows without any are returned as they are.
 */
function wellFormed<R>(row: R): R {
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(row as object)) {
    if (typeof value === 'string' && !value.isWellFormed()) {
      copy ??= { ...(row as Record<string, unknown>) };
      copy[key] = value.toWellFormed();
    }
  }
  return (copy ?? row) as R;
}

/** Inserts rows into `table`, updating every non-key column when the key already exists. */
export async function upsertRows<T extends keyof Database & string>(
  trx: Kysely<Database> | Transaction<Database>,
  table: T,
  keyColumns: readonly (keyof Database[T] & string)[],
  given: readonly Database[T][],
  dialect: 'sqlite' | 'postgres' = 'sqlite',
): Promise<void> {
  const rows = given.map(wellFormed);
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first as object);
  const updateColumns = columns.filter((c) => !keyColumns.includes(c as keyof Database[T] & string));
  if (dialect === 'postgres') {
    const list = sql.join(columns.map((c) => sql.ref(c)));
    const conflict =
      updateColumns.length === 0
        ? sql`do nothing`
        : sql`do update set ${sql.join(updateColumns.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}`;
    await sql`insert into ${sql.table(table)} (${list})
      select ${list} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)
      on conflict (${sql.join(keyColumns.map((c) => sql.ref(c)))}) ${conflict}`.execute(trx);
    return;
  }
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
