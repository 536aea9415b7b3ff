import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../pipeline/index.js';
import { roleThemeMatrix, themeCooccurrence } from '../../reports/research-matrix.js';
import { writeResearchCsv } from '../../reports/research-matrix-csv.js';
import { NO_ROLE } from '../../reports/research-matrix-table.js';
import { writeResearchXlsx, XLSX_SHEETS } from '../../reports/xlsx-segments.js';
import { openTempStore, type RecordSpec, RUN_ID, recordKey, saveRecords, startTestRun } from './fixture-store.js';

const THEMES = [
  { id: 'communication', label: 'Communication' },
  { id: 'fear_of_reprisal', label: 'Peur des représailles' },
  { id: 'meals', label: '=Repas' },
  { id: 'trust', label: 'Confiance' },
];

// Known by construction (machine labels on non-context segments):
// r1: s0 RU {communication, fear}, s1 RU {communication}; r2: s0 Patient {communication, meals},
// s1 context {fear} (ignored); r3: s0 no role {meals}, s1 no role {fear, extra_theme}.
const SPECS: RecordSpec[] = [
  {
    row: 1,
    segments: [
      { text: 'a', role: 'RU', themes: { communication: 0.9, fear_of_reprisal: 0.8 } },
      { text: 'b', role: 'RU', themes: { communication: 0.7 } },
    ],
  },
  {
    row: 2,
    segments: [
      { text: 'c', role: 'Patient', themes: { communication: 0.6, meals: 0.6 } },
      { text: 'd', role: 'Interviewer', context: true, themes: { fear_of_reprisal: 0.9 } },
    ],
  },
  {
    row: 3,
    segments: [
      { text: '=SUM(A1)', themes: { meals: 0.6 } },
      { text: 'f', themes: { fear_of_reprisal: 0.6, extra_theme: 0.7 } },
    ],
  },
];

let store: Store;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ store, dir, cleanup } = await openTempStore());
  await startTestRun(store);
  await saveRecords(store, SPECS);
  const extra = (origin: 'rule' | 'human', theme: string) => ({
    run_id: RUN_ID,
    record_key: recordKey(1),
    segment_index: 0,
    theme,
    origin,
    score: 1,
    evidence_json: '[]',
    model_version: 'x',
    codebook_version: 'x',
    created_at: '2026-12-01T00:00:00Z',
  });
  // A rule label repeating a model label counts once; a human label does not count at all.
  await store.db
    .insertInto('labels')
    .values([extra('rule', 'communication'), extra('human', 'trust')])
    .execute();
});
afterAll(async () => cleanup());

describe('research matrices (SQL)', () => {
  it('counts distinct segments and records per role and theme', async () => {
    const cells = await roleThemeMatrix(store, RUN_ID);
    const get = (role: string | null, theme: string) => cells.find((c) => c.role === role && c.theme === theme);
    expect(get('RU', 'communication')).toEqual({ role: 'RU', theme: 'communication', segments: 2, records: 1 });
    expect(get('RU', 'fear_of_reprisal')?.segments).toBe(1);
    expect(get('Patient', 'communication')?.segments).toBe(1);
    expect(get(null, 'meals')?.segments).toBe(1);
    expect(get('Interviewer', 'fear_of_reprisal')).toBeUndefined();
    expect(get('RU', 'trust')).toBeUndefined();
    expect(cells.reduce((n, c) => n + c.segments, 0)).toBe(8);
  });

  it('counts co-occurrence at segment and at record level, symmetric with the diagonal', async () => {
    const seg = await themeCooccurrence(store, RUN_ID, 'segment');
    const rec = await themeCooccurrence(store, RUN_ID, 'record');
    const count = (cells: typeof seg, a: string, b: string) => cells.find((c) => c.a === a && c.b === b)?.count ?? 0;
    expect(count(seg, 'communication', 'communication')).toBe(3);
    expect(count(seg, 'communication', 'fear_of_reprisal')).toBe(1);
    expect(count(seg, 'fear_of_reprisal', 'communication')).toBe(1);
    expect(count(seg, 'meals', 'fear_of_reprisal')).toBe(0);
    expect(count(rec, 'meals', 'fear_of_reprisal')).toBe(1);
    expect(count(rec, 'communication', 'communication')).toBe(2);
    expect(count(rec, 'communication', 'meals')).toBe(1);
    expect(count(seg, 'fear_of_reprisal', 'fear_of_reprisal')).toBe(2);
    expect(count(rec, 'trust', 'trust')).toBe(0);
  });
});

describe('research CSV and XLSX', () => {
  it('writes the matrix with every theme, roles as columns and totals', async () => {
    const path = join(dir, 'matrix.csv');
    expect(await writeResearchCsv(store, RUN_ID, path, 'matrix', THEMES)).toBe(5);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toEqual([
      `theme,label,Patient,RU,${NO_ROLE},total`,
      'communication,Communication,1,2,0,3',
      'fear_of_reprisal,Peur des représailles,0,1,1,2',
      "meals,'=Repas,1,0,1,2",
      'trust,Confiance,0,0,0,0',
      'extra_theme,extra_theme,0,0,1,1',
    ]);
  });

  it('writes co-occurrence pairs with both levels', async () => {
    const path = join(dir, 'cooc.csv');
    await writeResearchCsv(store, RUN_ID, path, 'cooccurrence', THEMES);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('theme_a,label_a,theme_b,label_b,segments,records');
    expect(lines).toContain("meals,'=Repas,fear_of_reprisal,Peur des représailles,0,1");
    expect(lines).toContain('communication,Communication,communication,Communication,3,2');
  });

  it('writes a workbook whose sheets match the CSVs, every text cell neutralized', async () => {
    const path = join(dir, 'research.xlsx');
    const counts = await writeResearchXlsx(store, RUN_ID, path, { themes: THEMES });
    expect(counts).toEqual({
      [XLSX_SHEETS.segments]: 6,
      [XLSX_SHEETS.matrix]: 5,
      [XLSX_SHEETS.cooccurrenceSegments]: 5,
      [XLSX_SHEETS.cooccurrenceRecords]: 5,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const segments = workbook.getWorksheet(XLSX_SHEETS.segments);
    expect(segments?.getRow(1).values).toEqual([
      undefined,
      'run_id',
      'source',
      'record_id',
      'field',
      'segment_index',
      'speaker',
      'role',
      'text',
      'themes',
      'valence',
      'scores',
    ]);
    const texts: unknown[] = [];
    segments?.eachRow((row, n) => {
      if (n > 1) texts.push(row.getCell(8).value);
    });
    expect(texts).toContain("'=SUM(A1)");
    expect(segments?.getRow(2).getCell(5).value).toBe(0);
    const matrix = workbook.getWorksheet(XLSX_SHEETS.matrix);
    expect(matrix?.getRow(4).values).toEqual([undefined, 'meals', "'=Repas", 1, 0, 1, 2]);
    const square = workbook.getWorksheet(XLSX_SHEETS.cooccurrenceRecords);
    expect(square?.getRow(1).values).toEqual([
      undefined,
      'theme',
      'label',
      'Communication',
      'Peur des représailles',
      "'=Repas",
      'Confiance',
      'extra_theme',
    ]);
    expect(square?.getRow(2).values).toEqual([undefined, 'communication', 'Communication', 2, 1, 1, 0, 0]);
    // Every string cell of every sheet is safe.
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
        }),
      ),
    );
  });

  it('writes only the sheet asked for', async () => {
    const path = join(dir, 'only.xlsx');
    expect(Object.keys(await writeResearchXlsx(store, RUN_ID, path, { themes: THEMES, what: 'matrix' }))).toEqual([
      XLSX_SHEETS.matrix,
    ]);
  });
});
