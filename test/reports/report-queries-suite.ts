/**
 * The report queries checked against the hand-counted HOSPITAL run, on any engine: SQLite in
 * `queries.test.ts`, PostgreSQL in `queries.pg.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThemeId } from '../../pipeline/record.js';
import type { Store } from '../../pipeline/store/store.js';
import {
  buildHtmlReport,
  commentsBy,
  overallScoreMean,
  representativeQuotes,
  rollUpBy,
  rollUpThemes,
  runOverview,
  themeCells,
  themeCounts,
  themeCountsBy,
  themeScoreMeans,
  writeSegmentsCsv,
} from '../../reports/index.js';
import { RUN_ID, saveRecords, startTestRun } from './fixture-store.js';
import { EXPECTED, HOSPITAL, SUMMARY, THEME_LABELS } from './hospital-fixture.js';

export interface SuiteTarget {
  open: () => Promise<Store>;
  close: (store: Store) => Promise<void>;
  /** Folder for CSV files written by the suite. */
  outDir: () => string;
}

function byKey<T extends { group: string | null }>(rows: readonly T[], value: (row: T) => number) {
  return Object.fromEntries(rows.map((r) => [String(r.group), value(r)]));
}

export function describeReportQueries(engine: string, target: SuiteTarget): void {
  describe(`report queries on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await target.open();
      await startTestRun(store);
      await saveRecords(store, HOSPITAL, RUN_ID, 5);
      await store.finishRun(RUN_ID, 'done', SUMMARY);
    });
    afterAll(async () => {
      if (store) await target.close(store);
    });

    it('counts comments, themed comments, segments, coded and context segments', async () => {
      expect(await runOverview(store, RUN_ID)).toEqual(EXPECTED.overview);
    });

    it('counts distinct comments per theme and those negative (negative or mixed) for it', async () => {
      const counts = await themeCounts(store, RUN_ID);
      const got = Object.fromEntries(counts.map((c) => [c.theme, { comments: c.comments, negative: c.negative }]));
      expect(got).toEqual(EXPECTED.themes);
      const communication = counts.find((c) => c.theme === 'communication');
      expect(communication?.negativeShare).toBeCloseTo(7 / 14, 10);
      // The interviewer's turn is context: its label does not count.
      expect(counts.some((c) => c.theme === 'legitimacy')).toBe(false);
    });

    it('cross-tabulates departments and survey types by theme, with group totals', async () => {
      const departments = await themeCountsBy(store, RUN_ID, 'department');
      const communication = departments.filter((c) => c.theme === 'communication');
      expect(byKey(communication, (c) => c.comments)).toEqual(EXPECTED.departmentCommunication);
      expect(byKey(await commentsBy(store, RUN_ID, 'department'), (r) => r.comments)).toEqual(
        EXPECTED.departmentTotals,
      );
      const surveys = (await themeCountsBy(store, RUN_ID, 'survey')).filter((c) => c.theme === 'communication');
      expect(byKey(surveys, (c) => c.comments)).toEqual(EXPECTED.surveyCommunication);
      const totals = await commentsBy(store, RUN_ID, 'department');
      expect(totals[0]).toEqual({ group: 'Cardiologie', comments: 7 });
    });

    it('gives the same counts from the one-pass department × survey × theme cells', async () => {
      const cells = await themeCells(store, RUN_ID);
      expect(rollUpThemes(cells)).toEqual(await themeCounts(store, RUN_ID));
      const sortCells = (rows: { group: string | null; theme: string; comments: number }[]) =>
        [...rows].sort((a, b) => `${a.group}|${a.theme}`.localeCompare(`${b.group}|${b.theme}`));
      for (const dimension of ['department', 'survey'] as const) {
        expect(sortCells(rollUpBy(cells, dimension))).toEqual(sortCells(await themeCountsBy(store, RUN_ID, dimension)));
      }
    });

    it('averages scores over distinct respondents, overall and per theme', async () => {
      expect(await overallScoreMean(store, RUN_ID)).toEqual(EXPECTED.scores.overall);
      const means = await themeScoreMeans(store, RUN_ID);
      expect(Object.fromEntries([...means].map(([theme, m]) => [theme, m]))).toEqual(EXPECTED.scores.themes);
    });

    it('picks best-scored quotes from distinct comments, skipping near-duplicates', async () => {
      const quotes = await representativeQuotes(store, RUN_ID, 'communication' as ThemeId);
      expect(quotes.map((q) => q.segmentId)).toEqual([
        'src1-12-commentaire#0',
        'src1-2-commentaire#0',
        'src1-5-commentaire#0',
      ]);
      expect(quotes[1]).toMatchObject({ department: 'Cardiologie', valence: 'negative', score: 0.95 });
    });

    it('falls back to short quotes when no moderate-length one exists, and finds none for context-only themes', async () => {
      const care = await representativeQuotes(store, RUN_ID, 'care_quality' as ThemeId);
      expect(care.map((q) => q.text)).toEqual(['Soins parfaits.']);
      expect(await representativeQuotes(store, RUN_ID, 'legitimacy' as ThemeId)).toEqual([]);
    });

    it('builds the HTML report', async () => {
      const html = await buildHtmlReport(store, RUN_ID, { themeLabels: THEME_LABELS });
      expect(html).toContain('<html lang="fr">');
      expect(html).toContain('Peur des représailles');
    });

    it('pages segments.csv through every segment exactly once', async () => {
      const path = join(target.outDir(), `segments-${engine}.csv`);
      const written = await writeSegmentsCsv(store, RUN_ID, path, { pageSize: 4 });
      const rows = parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
      expect(written).toBe(EXPECTED.overview.segments);
      const ids = rows.map((r) => `${r.record_id}/${r.field}#${r.segment_index}`);
      expect(new Set(ids).size).toBe(EXPECTED.overview.segments);
    });
  });
}
