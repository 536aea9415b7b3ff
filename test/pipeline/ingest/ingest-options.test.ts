/**
 * The options `verbatim classify` needs to answer one line per input row: keep duplicates, keep
 * empty texts as records, and take each row's prompt from a field column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ColumnMapSchema } from '../../../pipeline/ingest/ingest.js';
import { SourceRecordSchema } from '../../../pipeline/record.js';
import { collect, tally, tempFolder } from './ingest-helpers.js';

describe('ingest options for one-line-per-row consumers', () => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  beforeAll(async () => {
    folder = await tempFolder();
  });
  afterAll(() => folder.cleanup());

  const csv = [
    'id;question;text',
    '1;amelioration;Les repas froids',
    '2;;RAS',
    '1;amelioration;Les repas froids',
    "3;Qu'avez-vous apprécié ?;Accueil",
  ].join('\n');

  it('by default drops duplicates and empty texts', async () => {
    const path = await folder.write('default.csv', `${csv}\n`);
    const { items } = await collect([path], { map: ColumnMapSchema.parse({ text: ['text'] }) });
    expect(tally(items)).toEqual({ ok: 2, empty: 1, quarantined: 0, duplicates: 1 });
  });

  it('keepDuplicates and keepEmptyTexts yield one record per row, in order', async () => {
    const path = await folder.write('kept.csv', `${csv}\n`);
    const { items, records } = await collect([path], {
      map: ColumnMapSchema.parse({ text: ['text'] }),
      keepDuplicates: true,
      keepEmptyTexts: true,
    });
    expect(items.map((item) => item.kind)).toEqual(['row', 'row', 'row', 'row']);
    expect(records.map((record) => [record.recordId, record.text])).toEqual([
      ['1', 'Les repas froids'],
      ['2', 'RAS'],
      ['1', 'Les repas froids'],
      ['3', 'Accueil'],
    ]);
    // The empty text is still counted as an empty field.
    expect(items[1]?.kind === 'row' && items[1].emptyFields).toBe(1);
    expect(new Set(records.map((record) => record.key)).size).toBe(4);
    for (const record of records) SourceRecordSchema.parse(record);
  });

  it("a field column sets each row's field and prompt, a blank cell keeps the column's", async () => {
    const path = await folder.write('field.csv', `${csv}\n`);
    const { records } = await collect([path], {
      map: ColumnMapSchema.parse({ text: ['text'], field: 'question' }),
      keepDuplicates: true,
      keepEmptyTexts: true,
    });
    expect(records.map((record) => [record.field, record.prompt])).toEqual([
      ['amelioration', 'improvement'],
      ['text', 'neutral'],
      ['amelioration', 'improvement'],
      ['appreciation', 'positive'],
    ]);
    // Keys follow the text column, so they stay unique whatever the row's field.
    expect(records[0]?.key).toMatch(/-000000001-text$/);
  });

  it('applies to JSONL too', async () => {
    const lines = [
      { id: 'a', text: 'Très bien', field: 'appreciation' },
      { id: 'b', text: '' },
      { id: 'a', text: 'Très bien', field: 'appreciation' },
    ];
    const path = await folder.write('lines.jsonl', `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const { items, records } = await collect([path], { keepDuplicates: true, keepEmptyTexts: true });
    expect(items.map((item) => (item.kind === 'row' ? item.emptyFields : item.kind))).toEqual([0, 1, 0]);
    expect(records.map((record) => [record.recordId, record.text, record.prompt])).toEqual([
      ['a', 'Très bien', 'positive'],
      ['b', '', 'neutral'],
      ['a', 'Très bien', 'positive'],
    ]);
  });
});
