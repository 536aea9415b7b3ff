import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../pipeline/errors.js';
import { RecordKeySchema, SourceRecordSchema } from '../../../pipeline/record.js';
import { collect, fixture, tally, tempFolder } from './ingest-helpers.js';

describe('readCsv', () => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  beforeAll(async () => {
    folder = await tempFolder();
  });
  afterAll(() => folder.cleanup());

  it('makes one record per informative text field, sharing the row id, with prompts and meta', async () => {
    const { items, records, sources } = await collect([fixture('esatis-two-prompts.csv')]);
    expect(items).toHaveLength(3);
    const sourceId = sources[0]?.sourceId;
    expect(sourceId).toMatch(/^[0-9a-f]{12}$/);
    const first = records.filter((record) => record.recordId === 'A-001');
    expect(first.map((record) => [record.field, record.prompt])).toEqual([
      ['appreciation', 'positive'],
      ['amelioration', 'improvement'],
    ]);
    expect(first[0]).toMatchObject({
      key: `${sourceId}-000000001-appreciation`,
      kind: 'survey',
      source: 'esatis-two-prompts.csv',
      text: "L'équipe soignante, très à l'écoute",
      meta: { date: '2026-03-02', department: 'Cardiologie', survey: 'MCO +48h', score: 4.5, speaker: null },
      provenance: { line: 2, row: 1, column: "Qu'avez-vous apprécié ?" },
    });
    for (const record of records) {
      expect(() => SourceRecordSchema.parse(record)).not.toThrow();
      expect(RecordKeySchema.safeParse(record.key).success).toBe(true);
    }
  });

  it('counts non-informative answers as empty fields and parses scores', async () => {
    const { items } = await collect([fixture('esatis-two-prompts.csv')]);
    expect(items[1]).toEqual({
      kind: 'row',
      provenance: expect.objectContaining({ row: 2, line: 3 }),
      records: [],
      emptyFields: 2,
    });
    const third = items[2];
    expect(third?.kind === 'row' && third.emptyFields).toBe(1);
    // "bien" is not a number: null, not NaN.
    expect(third?.kind === 'row' && third.records[0]?.meta.score).toBeNull();
  });

  it('keeps physical line numbers right with CRLF and quoted multi-line cells', async () => {
    const lf = await readFile(fixture('esatis-multiline-quoted.csv'), 'utf8');
    const crlf = await folder.write('multiline-crlf.csv', lf.replace(/\n/g, '\r\n'));
    for (const path of [fixture('esatis-multiline-quoted.csv'), crlf]) {
      const { records } = await collect([path]);
      expect(records.map((record) => [record.recordId, record.provenance.line, record.provenance.row])).toEqual([
        ['1', 2, 1],
        ['2', 5, 2],
        ['3', 7, 3],
        ['4', 8, 4],
      ]);
      expect(records[0]?.text).toBe('Première ligne\ndeuxième ligne\ntroisième ligne');
      expect(records[2]?.text).toBe('Avec "guillemets" et ; point-virgule');
      expect(records[2]?.meta.department).toBe('Pédiatrie');
    }
  });

  it('quarantines bad rows with reasons free of cell text, and keeps the count invariant', async () => {
    const base = await readFile(fixture('esatis-dirty.csv'));
    const extra = Buffer.concat([
      Buffer.from('9;HAD;Texte avec \u0000 un octet nul;ok\n'),
      Buffer.from(`10;HAD;${'Trop long. '.repeat(30)};ok\n`),
      Buffer.from('11;HAD;Octets '),
      Buffer.from([0xe9, 0xe8]), // Windows-1252 "éè" inside a UTF-8 file
      Buffer.from(' invalides;ok\n'),
      Buffer.from('12;HAD;Contrôle \u0001\u0002\u0003 \u0004;ok\n'),
    ]);
    const path = await folder.write('esatis-dirty-plus.csv', Buffer.concat([base, extra]));
    const { items } = await collect([path], { maxCellChars: 200 });
    const quarantined = items.flatMap((item) => (item.kind === 'quarantined' ? [item.item] : []));
    expect(quarantined.map((item) => [item.code, item.provenance.line, item.provenance.row])).toEqual([
      ['COLUMN_COUNT', 6, 5],
      ['COLUMN_COUNT', 7, 6],
      ['PARSE_ERROR', 10, 8],
      ['BINARY_GARBAGE', 12, 10],
      ['CELL_TOO_LONG', 13, 11],
      ['BINARY_GARBAGE', 14, 12],
      ['BINARY_GARBAGE', 15, 13],
    ]);
    expect(quarantined[0]?.reason).toBe('expected 4 columns, found 5');
    expect(quarantined[1]?.reason).toBe('expected 4 columns, found 3');
    expect(quarantined[4]?.reason).toBe('column Commentaire has 330 characters (limit 200)');
    expect(quarantined[4]?.provenance.column).toBe('Commentaire');
    const cellWords = [
      'trop',
      'colonnes',
      'Court',
      'ouvert',
      'fermer',
      'octet nul',
      'Trop long',
      'Octets',
      'invalides',
      'Contrôle',
    ];
    for (const item of quarantined) {
      for (const word of cellWords) expect(item.reason).not.toContain(word);
    }
    // The row after the unclosed quote is read again, not swallowed.
    expect(items.some((item) => item.kind === 'row' && item.records[0]?.recordId === '8')).toBe(true);
    expect(items.filter((item) => item.kind === 'duplicate').map((item) => item.provenance)).toEqual([
      { file: path, line: 5, row: 4 },
    ]);

    const counts = tally(items);
    expect(counts).toEqual({ ok: 4, empty: 1, quarantined: 7, duplicates: 1 });
    // Every data row (the blank ";;;" line is not one) is exactly one item, numbered 1..n.
    const rows = items.map((item) => (item.kind === 'quarantined' ? item.item.provenance.row : item.provenance.row));
    expect(rows).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(counts.ok + counts.empty + counts.quarantined + counts.duplicates).toBe(rows.length);
  });

  it('rejects an empty file, a header-only-blank file and a binary file as unreadable', async () => {
    const empty = await folder.write('empty.csv', '');
    const blank = await folder.write('blank.csv', '\n\n');
    const binary = await folder.write('image.csv', Buffer.from(Array.from({ length: 2048 }, (_, i) => i % 7)));
    for (const path of [empty, blank, binary]) {
      const error = await collect([path]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(VerbatimError);
      expect((error as VerbatimError).code).toBe('INPUT_UNREADABLE');
      expect((error as VerbatimError).message).toContain(path);
      expect((error as VerbatimError).message).not.toContain('\n');
    }
  });

  it('yields nothing but announces the source for a header-only file', async () => {
    const path = await folder.write('header-only.csv', 'id;Commentaire\n');
    const { items, sources } = await collect([path]);
    expect(items).toEqual([]);
    expect(sources).toHaveLength(1);
  });

  it('skips an Excel sep= line and counts lines from the top of the file', async () => {
    const path = await folder.write('sep-hint.csv', 'sep=,\r\nid,Commentaire\r\n1,"Bien, vraiment"\r\n');
    const { records, sources } = await collect([path]);
    expect(sources[0]?.delimiter).toBe(',');
    expect(records.map((record) => [record.text, record.provenance.line])).toEqual([['Bien, vraiment', 3]]);
  });
});
