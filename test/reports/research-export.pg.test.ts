/**
 * The research exports on PostgreSQL give what they give on SQLite: same matrices, same
 * co-occurrences, same REFI-QDA sources and codings. Skipped with a visible message when the
 * server is unreachable, except under CI=true where it must be there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../../models/codebooks/codebook.js';
import type { Store } from '../../pipeline/index.js';
import { openStore } from '../../pipeline/store/open-store.js';
import { writeQdpx } from '../../reports/qdpx-export.js';
import { roleThemeMatrix, themeCooccurrence } from '../../reports/research-matrix.js';
import { writeResearchCsv } from '../../reports/research-matrix-csv.js';
import { dropSchema, PG_URL, postgresAvailable, testSchema } from '../helpers/services.js';
import { openTempStore, type RecordSpec, RUN_ID, saveRecords, startTestRun } from './fixture-store.js';
import { refiSchemaErrors } from './qdc-schema.js';

const SPECS: RecordSpec[] = Array.from({ length: 23 }, (_, i): RecordSpec => {
  const first: Record<string, number> = { communication: 0.6 };
  if (i % 3 === 0) first.trust = 0.7;
  const second: Record<string, number> = i % 5 === 0 ? { meals: 0.8, fear_of_reprisal: 0.9 } : {};
  return {
    row: i + 1,
    department: i % 3 === 0 ? null : `Service ${i % 4}`,
    segments: [
      { text: `Segment ${i} 😀 é`, role: i % 2 === 0 ? 'RU' : null, themes: first },
      { text: `Suite ${i}`, role: 'Patient', themes: second },
      { text: 'Question ?', role: 'Interviewer', context: true, themes: { meals: 0.9 } },
    ],
  };
});

const available = await postgresAvailable();
const schema = testSchema('research');
let pgStore: Store;
let sqlite: Awaited<ReturnType<typeof openTempStore>>;

/**
 * TextSource elements of a project, sorted (engines may order keys differently: collations),
 * without timestamps (each store started its run at its own time).
 */
async function sortedSources(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const qde = (await zip.file('project.qde')?.async('string')) ?? '';
  expect(await refiSchemaErrors(qde, 'project')).toEqual([]);
  return qde
    .split('<TextSource ')
    .slice(1)
    .map((s) => s.slice(0, s.indexOf('</TextSource>')).replace(/creationDateTime="[^"]*"/g, ''))
    .sort();
}

describe.skipIf(!available)('research exports on PostgreSQL', () => {
  beforeAll(async () => {
    sqlite = await openTempStore();
    pgStore = await openStore(PG_URL, { pgSchema: schema, pgPoolSize: 2 });
    for (const store of [sqlite.store, pgStore]) {
      await startTestRun(store);
      await saveRecords(store, SPECS, RUN_ID, 7);
    }
  });
  afterAll(async () => {
    await pgStore?.close();
    await sqlite?.cleanup();
    if (available) await dropSchema(schema);
  });

  it('computes the same matrices as SQLite', async () => {
    const byKey = <T extends object>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(byKey(await roleThemeMatrix(pgStore, RUN_ID))).toEqual(byKey(await roleThemeMatrix(sqlite.store, RUN_ID)));
    for (const level of ['segment', 'record'] as const) {
      expect(byKey(await themeCooccurrence(pgStore, RUN_ID, level))).toEqual(
        byKey(await themeCooccurrence(sqlite.store, RUN_ID, level)),
      );
    }
    const themes = [{ id: 'communication', label: 'Communication' }];
    const pgCsv = join(sqlite.dir, 'pg.csv');
    const liteCsv = join(sqlite.dir, 'lite.csv');
    await writeResearchCsv(pgStore, RUN_ID, pgCsv, 'cooccurrence', themes);
    await writeResearchCsv(sqlite.store, RUN_ID, liteCsv, 'cooccurrence', themes);
    expect(readFileSync(pgCsv, 'utf8')).toBe(readFileSync(liteCsv, 'utf8'));
  });

  it('writes the same REFI-QDA sources, selections and codings, paging across chunks', async () => {
    const pgPath = join(sqlite.dir, 'pg.qdpx');
    const litePath = join(sqlite.dir, 'lite.qdpx');
    const pgStats = await writeQdpx(pgStore, RUN_ID, pgPath, { codebook: loadDefaultCodebook(), pageSize: 4 });
    const liteStats = await writeQdpx(sqlite.store, RUN_ID, litePath, { codebook: loadDefaultCodebook() });
    expect({ ...pgStats, bytes: 0 }).toEqual({ ...liteStats, bytes: 0 });
    expect(pgStats.sources).toBe(23);
    expect(await sortedSources(pgPath)).toEqual(await sortedSources(litePath));
  });
});
