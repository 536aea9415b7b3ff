import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../pipeline/store/store.js';
import { writeQuarantineCsv } from '../../reports/index.js';
import { openTempStore, RUN_ID, startTestRun } from './fixture-store.js';

const HEADER = 'file,line,row,column,code,reason';

describe('writeQuarantineCsv', () => {
  let store: Store;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dir, cleanup } = await openTempStore());
    await startTestRun(store);
  });
  afterEach(async () => cleanup());

  it('writes the header when nothing was quarantined', async () => {
    const path = join(dir, 'quarantine.csv');
    expect(await writeQuarantineCsv(store, RUN_ID, path)).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(`${HEADER}\n`);
  });

  it('writes every quarantined row by file and line, across pages', async () => {
    await store.saveQuarantine(RUN_ID, [
      { provenance: { file: 'b.csv', line: 2, row: 1 }, code: 'COLUMN_COUNT', reason: 'expected 7 columns, found 5' },
      {
        provenance: { file: 'a.csv', line: 10, row: 9, column: 'Commentaire' },
        code: 'CELL_TOO_LONG',
        reason: 'cellule trop longue',
      },
      { provenance: { file: 'a.csv', line: 4 }, code: 'PARSE_ERROR', reason: '=unterminated quote' },
    ]);
    const path = join(dir, 'quarantine.csv');
    expect(await writeQuarantineCsv(store, RUN_ID, path, { pageSize: 2 })).toBe(3);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[0]).toBe(HEADER);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      { file: 'a.csv', line: '4', row: '', column: '', code: 'PARSE_ERROR', reason: "'=unterminated quote" },
      {
        file: 'a.csv',
        line: '10',
        row: '9',
        column: 'Commentaire',
        code: 'CELL_TOO_LONG',
        reason: 'cellule trop longue',
      },
      { file: 'b.csv', line: '2', row: '1', column: '', code: 'COLUMN_COUNT', reason: 'expected 7 columns, found 5' },
    ]);
  });
});
