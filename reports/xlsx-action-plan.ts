/**
 * The draft action plan as an XLSX workbook the quality team edits: one row per priority theme
 * (constat, objectif, actions proposées, pilote, échéance, indicateur, statut with a drop-down),
 * and a second sheet with the per-theme figures it was drawn from. Every text cell is
 * neutralized against formula injection: quotes are patients' words.
 */
import ExcelJS from 'exceljs';
import { ACTION_STATUSES, type ActionPlanRow, PLAN_REASON_LABELS } from './action-plan.js';
import { neutralizeFormula } from './csv-safe-cell.js';
import { QUADRANT_LABELS } from './priority-matrix.js';
import type { ReportData } from './report-data.js';
import { TREND_WORDS } from './theme-trend.js';

/** Sheet names, in workbook order. */
export const PLAN_SHEETS = Object.freeze({ plan: 'Plan d’actions', themes: 'Thèmes' });

/** Columns of the plan sheet: header, width (characters). */
const PLAN_COLUMNS: ReadonlyArray<[string, number]> = [
  ['Thème', 22],
  ['Motif', 20],
  ['Commentaires', 13],
  ['% négatif', 10],
  ['Évolution', 20],
  ['Verbatims (pseudonymisés)', 60],
  ['Objectif', 36],
  ['Action proposée', 50],
  ['Pilote', 18],
  ['Échéance', 14],
  ['Indicateur de suivi', 36],
  ['Statut', 12],
];

/** Column (1-based) of the status drop-down. */
const STATUS_COLUMN = PLAN_COLUMNS.length;
/** Rows below the plan where the team can add actions of its own, with the same drop-down. */
const SPARE_ROWS = 20;

/** A text cell as a spreadsheet must store it: neutralized, never a formula. */
function text(value: string): string {
  return neutralizeFormula(value);
}

function planRow(r: ActionPlanRow): (string | number)[] {
  return [
    text(r.theme),
    text(PLAN_REASON_LABELS[r.reason]),
    r.comments,
    r.negativeShare,
    text(r.trend ?? ''),
    text(r.quotes.map((q) => `« ${q.text} » (${q.segmentId})`).join('\n')),
    text(r.objective),
    text(r.actions.map((a) => `• ${a}`).join('\n')),
    text(r.owner),
    text(r.deadline),
    text(r.indicator),
    text(r.status),
  ];
}

/** Builds the workbook in memory (a plan has tens of rows, never the run's segments). */
export function buildActionPlanWorkbook(data: ReportData): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Verbatim';
  workbook.created = data.generatedAt;
  const sheet = workbook.addWorksheet(PLAN_SHEETS.plan, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = PLAN_COLUMNS.map(([header, width]) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF3F8' } };
  for (const row of data.actionPlan) sheet.addRow(planRow(row));
  sheet.getColumn(4).numFmt = '0%';
  const lastRow = data.actionPlan.length + 1 + SPARE_ROWS;
  const statusList = `"${ACTION_STATUSES.join(',')}"`;
  for (let r = 2; r <= lastRow; r += 1) {
    sheet.getRow(r).alignment = { vertical: 'top', wrapText: true };
    sheet.getCell(r, STATUS_COLUMN).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [statusList],
      showErrorMessage: true,
      errorTitle: 'Statut',
      error: `Choisir : ${ACTION_STATUSES.join(', ')}`,
    };
  }

  const themes = workbook.addWorksheet(PLAN_SHEETS.themes, { views: [{ state: 'frozen', ySplit: 1 }] });
  themes.columns = [
    { header: 'Thème', width: 34 },
    { header: 'Commentaires', width: 13 },
    { header: '% des commentaires', width: 18 },
    { header: '% négatif', width: 10 },
    { header: 'Score moyen', width: 12 },
    { header: 'Quadrant', width: 20 },
    { header: 'Évolution', width: 34 },
  ];
  themes.getRow(1).font = { bold: true };
  for (const t of data.themes) {
    themes.addRow([
      text(t.label),
      t.comments,
      t.frequency,
      t.comments === 0 ? '' : t.negativeShare,
      t.score?.mean ?? '',
      t.quadrant === null ? '' : text(QUADRANT_LABELS[t.quadrant].label),
      t.trend === null ? '' : text(TREND_WORDS[t.trend.verdict]),
    ]);
  }
  themes.getColumn(3).numFmt = '0.0%';
  themes.getColumn(4).numFmt = '0%';
  themes.getColumn(5).numFmt = '0.0';
  return workbook;
}

/** Writes the workbook to `path`. */
export async function writeActionPlanXlsx(data: ReportData, path: string): Promise<void> {
  await buildActionPlanWorkbook(data).xlsx.writeFile(path);
}
