/**
 * Opens the store named by `--db`: a SQLite file path (the embedded default) or a
 * `postgres://` URL. The only place that knows the two engines apart.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { VerbatimError } from '../errors.js';
import { KyselyStore } from './kysely-store.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/** Options for opening a store. */
export interface OpenStoreOptions {
  /** PostgreSQL schema to use (tests use their own). @defaultValue `public` */
  pgSchema?: string;
  /** Connection pool size for PostgreSQL. @defaultValue 10 */
  pgPoolSize?: number;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Opens and migrates the store. Unreachable PostgreSQL → SERVICE_UNREACHABLE (exit code 4). */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const store = isPostgresUrl(url) ? await openPostgres(url, options) : openSqlite(url);
  await store.migrate();
  return store;
}

function openSqlite(url: string): Store {
  const path = url.replace(/^sqlite:(\/\/)?/i, '');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let database: SqliteDatabase.Database;
  try {
    database = new SqliteDatabase(path);
  } catch (cause) {
    throw new VerbatimError('INPUT_UNREADABLE', `${path}: cannot open the SQLite database`, { file: path }, { cause });
  }
  // WAL lets report queries read while a run writes; NORMAL sync is safe with WAL and much faster.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  return new KyselyStore(new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), 'sqlite');
}

async function openPostgres(url: string, options: OpenStoreOptions): Promise<Store> {
  const schema = options.pgSchema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new VerbatimError('USAGE', `invalid PostgreSQL schema name "${schema}"`);
  // search_path is set at connection start-up, so the same unqualified SQL serves both engines
  // and no query can run before it applies.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.pgPoolSize ?? 10,
    connectionTimeoutMillis: 5000,
    options: `-c search_path=${schema}`,
  });
  const safeUrl = url.replace(/\/\/[^@/]*@/, '//***@');
  try {
    const client = await pool.connect();
    try {
      // Workers started together race on IF NOT EXISTS; the loser's duplicate error is harmless.
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).catch((error: { code?: string }) => {
        if (error.code !== '23505' && error.code !== '42P06') throw error;
      });
    } finally {
      client.release();
    }
  } catch (cause) {
    await pool.end().catch(() => undefined);
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new VerbatimError(
      'SERVICE_UNREACHABLE',
      `PostgreSQL at ${safeUrl} is unreachable: ${reason}`,
      { reason },
      { cause },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStore(db, 'postgres', undefined, schema);
}
