/**
 * The research workbook (`verbatim export --format xlsx`): a sheet of coded segments (the rows
 * and columns of segments.csv), the theme × role matrix and the co-occurrence matrices at segment
 * and record level, or only the one asked with `--what`. Written with exceljs's streaming writer,
 * row by row, so that a large run never sits in memory. Every text cell is neutralized against
 * formula injection, as in the CSV exports.
 *
 * The segment rows are those of segments.csv: the CSV writer (segments-csv.ts) runs into a
 * temporary file that is read back here, so the two exports cannot drift apart.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { RunId, Store } from '../pipeline/index.js';
import { neutralizeFormula } from './csv-safe-cell.js';
import { writingOutput } from './partial-outputs.js';
import { roleThemeMatrix, themeCooccurrence } from './research-matrix.js';
import type { ResearchTable } from './research-matrix-csv.js';
import { cooccurrenceSquareTable, roleThemeTable, type Table, type ThemeLabel } from './research-matrix-table.js';
import { writeSegmentsCsv } from './segments-csv.js';

/** Sheet names, in workbook order. */
export const XLSX_SHEETS = Object.freeze({
  segments: 'Segments',
  matrix: 'Thème × rôle',
  cooccurrenceSegments: 'Cooccurrences (segments)',
  cooccurrenceRecords: 'Cooccurrences (commentaires)',
});

/** Options of {@link writeResearchXlsx}. */
export interface ResearchXlsxOptions {
  themes: readonly ThemeLabel[];
  /** Only this table; both co-occurrence sheets for `cooccurrence`. @defaultValue all sheets */
  what?: ResearchTable;
}

/** Numeric columns of segments.csv, written as numbers. */
const NUMERIC_SEGMENT_COLUMNS = new Set(['segment_index']);

/** Writes the workbook; resolves to the number of rows written per sheet. */
export async function writeResearchXlsx(
  store: Store,
  runId: RunId,
  path: string,
  options: ResearchXlsxOptions,
): Promise<Record<string, number>> {
  return writingOutput(path, () => writeWorkbook(store, runId, path, options));
}

async function writeWorkbook(
  store: Store,
  runId: RunId,
  path: string,
  options: ResearchXlsxOptions,
): Promise<Record<string, number>> {
  const want = (what: ResearchTable) => options.what === undefined || options.what === what;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Verbatim';
  const counts: Record<string, number> = {};
  if (want('segments')) counts[XLSX_SHEETS.segments] = await addSegmentsSheet(workbook, store, runId);
  if (want('matrix')) {
    const table = roleThemeTable(await roleThemeMatrix(store, runId), options.themes);
    counts[XLSX_SHEETS.matrix] = addTableSheet(workbook, XLSX_SHEETS.matrix, table);
  }
  if (want('cooccurrence')) {
    const segment = await themeCooccurrence(store, runId, 'segment');
    const record = await themeCooccurrence(store, runId, 'record');
    counts[XLSX_SHEETS.cooccurrenceSegments] = addTableSheet(
      workbook,
      XLSX_SHEETS.cooccurrenceSegments,
      cooccurrenceSquareTable(segment, options.themes),
    );
    counts[XLSX_SHEETS.cooccurrenceRecords] = addTableSheet(
      workbook,
      XLSX_SHEETS.cooccurrenceRecords,
      cooccurrenceSquareTable(record, options.themes),
    );
  }
  await workbook.commit();
  return counts;
}

/** A sheet with a bold, frozen header row; resolves the sheet. */
function headedSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, header: readonly string[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const row = sheet.addRow(header.map(neutralizeFormula));
  row.font = { bold: true };
  row.commit();
  return sheet;
}

function addTableSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, table: Table): number {
  const sheet = headedSheet(workbook, name, table.header);
  for (const values of table.rows) {
    sheet.addRow(values.map((v) => (typeof v === 'string' ? neutralizeFormula(v) : v))).commit();
  }
  sheet.commit();
  return table.rows.length;
}

async function addSegmentsSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  store: Store,
  runId: RunId,
): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'verbatim-xlsx-'));
  try {
    const csvPath = join(dir, 'segments.csv');
    await writeSegmentsCsv(store, runId, csvPath);
    let sheet: ExcelJS.Worksheet | undefined;
    let numeric: boolean[] = [];
    let rows = 0;
    for await (const record of createReadStream(csvPath).pipe(parse({ bom: true, relax_column_count: false }))) {
      const cells = record as string[];
      if (sheet === undefined) {
        sheet = headedSheet(workbook, XLSX_SHEETS.segments, cells);
        numeric = cells.map((name) => NUMERIC_SEGMENT_COLUMNS.has(name));
        continue;
      }
      sheet.addRow(cells.map((v, i) => (numeric[i] && v !== '' ? Number(v) : neutralizeFormula(v)))).commit();
      rows += 1;
    }
    sheet?.commit();
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
