import { describe, expect, it } from 'vitest';
import { SourceRecordSchema } from '../../../pipeline/record.js';
import { collect, fixture, tally, tempFolder } from './ingest-helpers.js';

describe('readJsonl', () => {
  it('reads one row per non-blank line, quarantining bad lines without quoting them', async () => {
    const path = fixture('classify-input.jsonl');
    const { items, records, sources } = await collect([path]);
    expect(sources[0]).toMatchObject({ format: 'jsonl', encoding: 'utf-8', delimiter: null });
    expect(tally(items)).toEqual({ ok: 3, empty: 1, quarantined: 3, duplicates: 0 });

    expect(records.map((record) => [record.recordId, record.field, record.prompt, record.provenance.line])).toEqual([
      ['c1', 'amelioration', 'improvement', 1],
      ['2', 'appreciation', 'positive', 2],
      ['c6', 'text', 'neutral', 8],
    ]);
    expect(records[0]?.meta).toMatchObject({ department: 'Oncologie', score: 3.5 });
    for (const record of records) SourceRecordSchema.parse(record);

    const quarantined = items.flatMap((item) => (item.kind === 'quarantined' ? [item.item] : []));
    expect(quarantined.map((item) => [item.code, item.provenance.line, item.provenance.row])).toEqual([
      ['INVALID_JSON', 3, 3],
      ['INVALID_JSON', 4, 4],
      ['INVALID_FIELD', 5, 5],
    ]);
    expect(quarantined[2]?.reason).toBe('"text" is invalid: invalid_type (expected string)');
    for (const item of quarantined) expect(item.reason).not.toMatch(/json at all|42|c3/);
    // The blank line is not a row; "RAS" is an empty row.
    expect(items[5]).toEqual({ kind: 'row', provenance: { file: path, line: 7, row: 6 }, records: [], emptyFields: 1 });
  });

  it('applies the cell limit, the garbage rule and duplicate detection to JSONL lines', async () => {
    const folder = await tempFolder();
    try {
      const lines = [
        { id: 1, text: 'Très bien' },
        { id: 2, text: 'x'.repeat(120) },
        { id: 3, text: 'avec\u0000nul' },
        { id: 1, text: 'Très bien' },
        { id: 4, text: 'Bien', field: 'improvement' },
      ];
      const path = await folder.write('lines.jsonl', `${lines.map((line) => JSON.stringify(line)).join('\r\n')}\r\n`);
      const { items, records } = await collect([path], { maxCellChars: 100 });
      expect(items.map((item) => (item.kind === 'quarantined' ? item.item.code : item.kind))).toEqual([
        'row',
        'CELL_TOO_LONG',
        'BINARY_GARBAGE',
        'duplicate',
        'row',
      ]);
      expect(records.map((record) => [record.recordId, record.field, record.prompt])).toEqual([
        ['1', 'text', 'neutral'],
        ['4', 'amelioration', 'improvement'],
      ]);
    } finally {
      await folder.cleanup();
    }
  });
});
