/**
 * The report queries on PostgreSQL (127.0.0.1:5432, user postgres, database `test`). Skipped
 * with a visible message when the server is unreachable, except on CI where it must be there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';
import { openStore } from '../../pipeline/store/open-store.js';
import { describeReportQueries } from './report-queries-suite.js';

const PG_URL = process.env.VERBATIM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `vb_test_reports_${Math.random().toString(36).slice(2, 10)}`;

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = await reachable();
if (unreachable !== null && process.env.CI === 'true') {
  throw new Error(`PostgreSQL required on CI but unreachable at ${PG_URL}: ${unreachable}`);
}

if (unreachable === null) {
  const dir = mkdtempSync(join(tmpdir(), 'vb-queries-pg-'));
  describeReportQueries('postgres', {
    open: () => openStore(PG_URL, { pgSchema: SCHEMA, pgPoolSize: 2 }),
    close: async (store) => {
      await store.close();
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      } finally {
        await client.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
    outDir: () => dir,
  });
} else {
  console.warn(`[queries.pg.test] PostgreSQL unreachable at ${PG_URL} (${unreachable}): skipping.`);
  describe('report queries on postgres', () => {
    it.skip(`skipped: PostgreSQL unreachable (${unreachable})`, () => {});
  });
}
