/**
 * Access to the machine's real PostgreSQL for tests. Absent service → the suite is skipped with
 * a visible message, except under CI=true where it must fail.
 */
import pg from 'pg';

export const PG_URL = process.env.VERBATIM_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI=true but ${PG_URL} is unreachable`);
    process.stderr.write(`\n[skip] PostgreSQL at ${PG_URL} is unreachable: PostgreSQL tests skipped\n`);
    return false;
  }
}

/** A unique schema name for one test file, so parallel runs never collide. */
export function testSchema(prefix: string): string {
  return `vb_${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
