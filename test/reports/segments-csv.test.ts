import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../pipeline/store/store.js';
import { SEGMENTS_CSV_COLUMNS, writeSegmentsCsv } from '../../reports/index.js';
import { openTempStore, type RecordSpec, RUN_ID, saveRecords, startTestRun } from './fixture-store.js';
import { FORMULA_TEXT, HOSPITAL } from './hospital-fixture.js';

const HEADER = 'run_id,source,record_id,field,segment_index,speaker,role,text,themes,valence,scores';

function readRows(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
}

describe('writeSegmentsCsv', () => {
  let store: Store;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dir, cleanup } = await openTempStore());
    await startTestRun(store);
  });
  afterEach(async () => cleanup());

  it('writes the contract header and one row per segment, context turns included', async () => {
    await saveRecords(store, HOSPITAL);
    const path = join(dir, 'segments.csv');
    expect(await writeSegmentsCsv(store, RUN_ID, path)).toBe(21);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[0]).toBe(HEADER);
    expect(SEGMENTS_CSV_COLUMNS.join(',')).toBe(HEADER);
    const rows = readRows(path);
    expect(rows).toHaveLength(21);
    const interviewer = rows.find((r) => r.role === 'Interviewer');
    expect(interviewer).toMatchObject({ speaker: 'Enquêteur', themes: '', field: 'transcript', segment_index: '0' });
    const urgences = rows.find((r) => r.record_id === '8');
    expect(urgences).toMatchObject({
      run_id: 'run-test-1',
      source: 'esatis-2025.csv',
      themes: 'communication;waiting_delays',
      valence: 'negative',
    });
    expect(JSON.parse(urgences?.scores ?? '')).toEqual({ communication: 0.5, waiting_delays: 0.9 });
  });

  it('neutralizes formulas and keeps UTF-8 accents and placeholders intact', async () => {
    await saveRecords(store, [
      ...HOSPITAL,
      {
        row: 30,
        segments: [{ text: '+33 [TEL] -- appeler' }, { text: '@SUM(A1)' }, { text: '\tcaché' }, { text: '-1' }],
      },
    ]);
    const path = join(dir, 'segments.csv');
    await writeSegmentsCsv(store, RUN_ID, path);
    const rows = readRows(path);
    const texts = rows.map((r) => r.text);
    expect(texts).toContain(`'${FORMULA_TEXT}`);
    expect(texts).toContain("'+33 [TEL] -- appeler");
    expect(texts).toContain("'@SUM(A1)");
    expect(texts).toContain("'\tcaché");
    expect(texts).toContain("'-1");
    expect(texts).toContain('Le Dr [NOM_1] ne m’a rien expliqué sur mon traitement, j’étais complètement perdu.');
    expect(readFileSync(path).includes(Buffer.from('Équipe gentille', 'utf8'))).toBe(true);
    expect(texts.every((t) => !/^[=+\-@\t\r]/.test(t ?? ''))).toBe(true);
  });

  it('pages through more than 5,000 segments exactly once each, in key order', async () => {
    const specs: RecordSpec[] = [];
    for (let row = 1; row <= 2_551; row += 1) {
      specs.push({
        row,
        segments: [{ text: `Remarque ${row} a`, themes: { meals: 0.5 } }, { text: `Remarque ${row} b` }],
      });
    }
    await saveRecords(store, specs, RUN_ID, 1000);
    for (const pageSize of [undefined, 7, 5_102, 5_103]) {
      const path = join(dir, `segments-${pageSize}.csv`);
      expect(await writeSegmentsCsv(store, RUN_ID, path, pageSize === undefined ? {} : { pageSize })).toBe(5_102);
      const rows = readRows(path);
      expect(rows).toHaveLength(5_102);
      const ids = rows.map((r) => `${r.record_id}#${r.segment_index}`);
      expect(new Set(ids).size).toBe(5_102);
      const keys = rows.map((r) => `src1-${r.record_id}-${r.field}\u0000${r.segment_index}`);
      expect(keys).toEqual([...keys].sort());
    }
  });

  it('writes only the header for a run without segments', async () => {
    const path = join(dir, 'segments.csv');
    expect(await writeSegmentsCsv(store, RUN_ID, path)).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(`${HEADER}\n`);
  });
});
