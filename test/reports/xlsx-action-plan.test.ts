import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../pipeline/store/store.js';
import { collectReportData, PLAN_SHEETS, writeActionPlanXlsx } from '../../reports/index.js';
import { openTempStore, type RecordSpec, RUN_ID, saveRecords, startTestRun } from './fixture-store.js';

const FORMULA_QUOTE = '=HYPERLINK("http://exemple.invalid","cliquez") personne ne m’a rien expliqué';

/** 40 comments: communication in 30 (20 negative, one quote a formula), meals in 5 (positive). */
const SPECS: RecordSpec[] = Array.from(
  { length: 40 },
  (_, i): RecordSpec => ({
    row: i + 1,
    department: 'Médecine',
    segments: [
      i < 30
        ? {
            text:
              i === 0 ? FORMULA_QUOTE : `Aucune explication sur le traitement, comment numéro ${i} ${'x'.repeat(i)}.`,
            themes: { communication: i === 0 ? 0.99 : 0.6 },
            valence: i < 20 ? ('negative' as const) : ('positive' as const),
          }
        : i < 35
          ? { text: `Repas très bons ${i}.`, themes: { meals: 0.7 }, valence: 'positive' as const }
          : { text: 'RAS' },
    ],
  }),
);

describe('writeActionPlanXlsx', () => {
  let store: Store;
  let dir: string;
  let cleanup: () => Promise<void>;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    ({ store, dir, cleanup } = await openTempStore());
    await startTestRun(store);
    await saveRecords(store, SPECS);
    await store.finishRun(RUN_ID, 'done', {});
    const data = await collectReportData(store, RUN_ID, {
      // A user codebook may hold anything: a label that a spreadsheet would run.
      themeLabels: { communication: '=1+1 Communication', meals: 'Repas' },
      actions: { communication: ['Remettre un livret d’accueil.', 'Former les équipes.'] },
    });
    const path = join(dir, 'plan.xlsx');
    await writeActionPlanXlsx(data, path);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
  });
  afterAll(async () => cleanup());

  it('writes one plan row per priority theme with the editable columns', () => {
    const sheet = workbook.getWorksheet(PLAN_SHEETS.plan);
    if (!sheet) throw new Error('no plan sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Thème',
      'Motif',
      'Commentaires',
      '% négatif',
      'Évolution',
      'Verbatims (pseudonymisés)',
      'Objectif',
      'Action proposée',
      'Pilote',
      'Échéance',
      'Indicateur de suivi',
      'Statut',
    ]);
    expect(sheet.getCell('A2').value).toBe("'=1+1 Communication");
    expect(sheet.getCell('C2').value).toBe(30);
    expect(sheet.getCell('D2').value).toBeCloseTo(20 / 30, 12);
    expect(String(sheet.getCell('H2').value)).toBe('• Remettre un livret d’accueil.\n• Former les équipes.');
    expect(sheet.getCell('L2').value).toBe('à lancer');
    expect(sheet.getCell('A3').value ?? null).toBeNull();
  });

  it('quotes negative segments with their ids and never stores a formula', () => {
    const sheet = workbook.getWorksheet(PLAN_SHEETS.plan);
    const quotes = String(sheet?.getCell('F2').value);
    expect(quotes).toContain('« =HYPERLINK(');
    expect(quotes).toMatch(/\(src1-1-commentaire#0\)/);
    workbook.eachSheet((ws) => {
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
        });
      });
    });
  });

  it('offers the status as a drop-down list on the plan rows and spare rows', () => {
    const sheet = workbook.getWorksheet(PLAN_SHEETS.plan);
    for (const address of ['L2', 'L10']) {
      expect(sheet?.getCell(address).dataValidation).toMatchObject({
        type: 'list',
        formulae: ['"à lancer,en cours,fait"'],
      });
    }
  });

  it('adds the per-theme figures the plan was drawn from', () => {
    const sheet = workbook.getWorksheet(PLAN_SHEETS.themes);
    const rows = (sheet?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual([
      'Thème',
      'Commentaires',
      '% des commentaires',
      '% négatif',
      'Score moyen',
      'Quadrant',
      'Évolution',
    ]);
    const meals = rows.find((r) => r[0] === 'Repas');
    expect(meals?.slice(0, 4)).toEqual(['Repas', 5, 5 / 40, 0]);
    expect(meals?.[5]).toBe('Bonnes pratiques');
  });
});
