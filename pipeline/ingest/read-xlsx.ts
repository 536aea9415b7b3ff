import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { inputUnreadable, VerbatimError } from '../errors.js';
import type { IngestItem } from '../record.js';
import { planColumns } from './detect-columns.js';
import { excelCellText } from './excel-cell-text.js';
import type { FileSource } from './file-source.js';
import type { IngestContext } from './ingest-context.js';
import { inspectZip } from './inspect-zip.js';
import { RowMapper } from './row-mapper.js';

/** Cells of an exceljs row (1-based sparse `values`) as text, without trailing empty cells. */
function rowCells(values: unknown): string[] {
  const list = Array.isArray(values) ? values.slice(1) : [];
  const cells = Array.from(list, excelCellText);
  let end = cells.length;
  while (end > 0 && (cells[end - 1] ?? '').trim() === '') end--;
  return cells.slice(0, end);
}

/**
 * Reads an XLSX workbook with exceljs's streaming reader (inputs reach 10^5 rows). Only the
 * first worksheet that has a non-empty row is read: exports put their data on the first sheet,
 * and later sheets are usually pivot tables or notes that would not share its header. The
 * header is the first non-empty row; rows then go through the same `RowMapper` as CSV, with
 * `line` = the sheet's row number and columns labelled `sheet!header`. A row with content beyond
 * the header's last column is quarantined (`COLUMN_COUNT`); shorter rows are padded (Excel omits
 * trailing empty cells). The zip is inspected first (`inspectZip`), so a bomb or a non-zip never
 * reaches exceljs. Known gap: exceljs never closes its XML parser, so a sheet truncated at the
 * very end of its XML is read up to the cut without an error.
 */
export async function* readXlsx(source: FileSource, context: IngestContext): AsyncGenerator<IngestItem> {
  const file = source.path;
  await inspectZip(file, 'XLSX', ['xl/workbook.xml'], context.zipLimits);
  context.announce(source, { encoding: null, delimiter: null });
  const input = createReadStream(file);
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const sheet of workbook) {
      const name = (sheet as unknown as { name?: string }).name ?? 'Sheet1';
      let mapper: RowMapper | null = null;
      let width = 0;
      for await (const row of sheet) {
        const cells = rowCells(row.values);
        if (mapper === null) {
          if (cells.length === 0) continue;
          const headers = cells.map((cell) => cell.trim());
          width = headers.length;
          const labels = headers.map((header, index) => `${name}!${header || `column ${index + 1}`}`);
          mapper = new RowMapper({ source, plan: planColumns(headers, context.map, file), labels, context });
          continue;
        }
        if (cells.length > width) {
          yield mapper.quarantine(row.number, 'COLUMN_COUNT', `expected ${width} columns, found ${cells.length}`);
          continue;
        }
        while (cells.length < width) cells.push('');
        const item = mapper.map(cells, row.number);
        if (item !== null) yield item;
      }
      if (mapper !== null) return;
    }
    throw inputUnreadable(file, 'the workbook has no non-empty sheet (no header row)');
  } catch (error) {
    if (error instanceof VerbatimError) throw error;
    throw inputUnreadable(file, 'not a valid XLSX workbook (cannot parse its content)', error);
  } finally {
    input.destroy();
  }
}
