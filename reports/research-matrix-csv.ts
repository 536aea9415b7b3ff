/**
 * Research CSV exports (`verbatim export --format csv --what …`): `segments` is segments.csv
 * itself (segments-csv.ts), `matrix` the theme × role matrix, `cooccurrence` the theme pairs at
 * segment and record level. UTF-8, comma, header line; every text cell is neutralized against
 * formula injection, as in every Verbatim CSV.
 */
import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import type { RunId, Store } from '../pipeline/index.js';
import { neutralizeFormula } from './csv-safe-cell.js';
import { roleThemeMatrix, themeCooccurrence } from './research-matrix.js';
import { cooccurrenceLongTable, roleThemeTable, type Table, type ThemeLabel } from './research-matrix-table.js';
import { writeSegmentsCsv } from './segments-csv.js';

/** What a research CSV holds. */
export type ResearchTable = 'segments' | 'matrix' | 'cooccurrence';

/** Writes the table `what` of `runId` to `path`; resolves to the number of data rows. */
export async function writeResearchCsv(
  store: Store,
  runId: RunId,
  path: string,
  what: ResearchTable,
  themes: readonly ThemeLabel[],
): Promise<number> {
  if (what === 'segments') return writeSegmentsCsv(store, runId, path);
  const table = await researchTable(store, runId, what, themes);
  await writeFile(path, tableCsv(table), 'utf8');
  return table.rows.length;
}

/** The `matrix` or `cooccurrence` table of a run. */
export async function researchTable(
  store: Store,
  runId: RunId,
  what: Exclude<ResearchTable, 'segments'>,
  themes: readonly ThemeLabel[],
): Promise<Table> {
  if (what === 'matrix') return roleThemeTable(await roleThemeMatrix(store, runId), themes);
  const [segment, record] = await Promise.all([
    themeCooccurrence(store, runId, 'segment'),
    themeCooccurrence(store, runId, 'record'),
  ]);
  return cooccurrenceLongTable(segment, record, themes);
}

/** CSV text of a table, text cells neutralized. */
export function tableCsv(table: Table): string {
  return stringify([table.header.map(neutralizeFormula), ...table.rows.map((row) => row.map(safeCell))], {
    delimiter: ',',
  });
}

/** A text cell neutralized against formula injection; counts as they are. */
export function safeCell(value: string | number): string | number {
  return typeof value === 'string' ? neutralizeFormula(value) : value;
}
