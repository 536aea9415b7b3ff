import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../pipeline/errors.js';
import { SourceRecordSchema } from '../../../pipeline/record.js';
import { collect, tally, tempFolder } from './ingest-helpers.js';

async function failure(files: string[], options = {}): Promise<VerbatimError> {
  const error = await collect(files, options).catch((caught: unknown) => caught);
  if (!(error instanceof VerbatimError)) throw new Error(`expected a VerbatimError, got ${String(error)}`);
  return error;
}

describe('readXlsx', () => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  let workbookPath: string;
  beforeAll(async () => {
    folder = await tempFolder();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Vide');
    const sheet = workbook.addWorksheet('Export e-Satis');
    sheet.addRow([]);
    sheet.addRow([
      'N° réponse',
      'Date de sortie',
      'Service',
      'Score global',
      "Qu'avez-vous apprécié ?",
      'Que faudrait-il améliorer ?',
    ]);
    sheet.addRow([101, new Date(Date.UTC(2026, 2, 2)), 'Cardiologie', 4.5, 'Équipe très à l’écoute', 'Les repas']);
    sheet.addRow([
      102,
      new Date(Date.UTC(2026, 2, 3)),
      { richText: [{ text: 'Chir' }, { font: { bold: true }, text: 'urgie' }] },
      { formula: '2+1', result: 3 },
      'RAS',
      { richText: [{ text: 'Attente ' }, { font: { italic: true }, text: 'trop longue' }] },
    ]);
    sheet.addRow([]);
    sheet.addRow([103, '2026-03-04', 'SMR', '', 'Bien', 'Mieux', 'déborde']);
    sheet.addRow([101, new Date(Date.UTC(2026, 2, 2)), 'Cardiologie', 4.5, 'Équipe très à l’écoute', 'Les repas']);
    workbook.addWorksheet('Notes').addRow(['Commentaire', 'ignored: not the first non-empty sheet']);
    workbookPath = await folder.write('esatis-export.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
  });
  afterAll(() => folder.cleanup());

  it('reads the first non-empty sheet like a CSV, with rich text, dates and formula results', async () => {
    const { items, records, sources } = await collect([workbookPath]);
    expect(sources[0]).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null });
    expect(records.map((record) => [record.recordId, record.field, record.text])).toEqual([
      ['101', 'appreciation', 'Équipe très à l’écoute'],
      ['101', 'amelioration', 'Les repas'],
      ['102', 'amelioration', 'Attente trop longue'],
    ]);
    expect(records[0]?.meta).toEqual({
      date: '2026-03-02',
      department: 'Cardiologie',
      survey: null,
      score: 4.5,
      speaker: null,
    });
    expect(records[2]?.meta).toMatchObject({ department: 'Chirurgie', score: 3, date: '2026-03-03' });
    expect(records[0]?.provenance).toEqual({
      file: workbookPath,
      line: 3,
      row: 1,
      column: "Export e-Satis!Qu'avez-vous apprécié ?",
    });
    for (const record of records) SourceRecordSchema.parse(record);
    expect(tally(items)).toEqual({ ok: 2, empty: 0, quarantined: 1, duplicates: 1 });
    const quarantined = items.find((item) => item.kind === 'quarantined');
    expect(quarantined?.kind === 'quarantined' && quarantined.item).toEqual({
      provenance: { file: workbookPath, line: 6, row: 3 },
      code: 'COLUMN_COUNT',
      reason: 'expected 6 columns, found 7',
    });
  });

  it('refuses a file that is not a zip, and a zip without a workbook', async () => {
    const notZip = await folder.write('corrupt.xlsx', 'PK\u0003\u0004 this is not really a workbook');
    let error = await failure([notZip]);
    expect(error.code).toBe('INPUT_UNREADABLE');
    expect(error.message).toBe(`${notZip}: cannot be read: not a valid XLSX file (not a zip archive)`);

    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    const partial = await folder.write('no-workbook.xlsx', await zip.generateAsync({ type: 'nodebuffer' }));
    error = await failure([partial]);
    expect(error.code).toBe('INPUT_UNREADABLE');
    expect(error.message).toContain('missing xl/workbook.xml');
  });

  it.each([
    ['xl/workbook.xml', '<workbook><sheets><sheet name="S" sheetId="1"'],
    [
      'xl/worksheets/sheet1.xml',
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Commentaire</t></is></c></row>< =</sheetData></worksheet>',
    ],
  ])('refuses a workbook whose %s is broken, in one line', async (part, xml) => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('S').addRow(['Commentaire']);
    const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
    zip.file(part, xml);
    const broken = await folder.write(
      `broken-${part.replace(/\W/g, '-')}.xlsx`,
      await zip.generateAsync({ type: 'nodebuffer' }),
    );
    const error = await failure([broken]);
    expect(error.code).toBe('INPUT_UNREADABLE');
    expect(error.message).toBe(`${broken}: cannot be read: not a valid XLSX workbook (cannot parse its content)`);
  });

  it('refuses a zip bomb before inflating it', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(100_000);
    const bomb = await folder.write('bomb.xlsx', bytes);
    let error = await failure([bomb]);
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.message).toContain(bomb);

    // The total-size guard, with a lowered limit so the test stays small.
    const stored = new JSZip();
    stored.file('xl/workbook.xml', Buffer.alloc(4096, 'a'), { compression: 'STORE' });
    const big = await folder.write('big.xlsx', await stored.generateAsync({ type: 'nodebuffer' }));
    error = await failure([big], { zipLimits: { maxUncompressedBytes: 1000 } });
    expect(error.code).toBe('INPUT_TOO_LARGE');
  });
});
