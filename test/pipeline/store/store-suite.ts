/**
 * The Store contract, run on every implementation (SQLite here, PostgreSQL in *.pg.test.ts), as
 * Kysely runs each test on every dialect.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RunId } from '../../../pipeline/record.js';
import type { Store } from '../../../pipeline/store/store.js';
import { makeRecord, makeSegment } from '../../helpers/fixtures.js';

export function storeSuite(open: () => Promise<Store>, cleanup: () => Promise<void> = async () => undefined): void {
  let store: Store;
  const runId = 'run-test' as RunId;

  beforeEach(async () => {
    store = await open();
    await store.startRun({ runId, modelVersion: 'lexical-test', codebookVersion: 'test', options: {} });
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  const count = async (table: 'records' | 'segments' | 'labels' | 'quarantine' | 'runs' | 'audit') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('saves a chunk and re-saving it duplicates nothing', async () => {
    const a = makeRecord({ row: 1, text: 'Attente trop longue mais équipe adorable' });
    const b = makeRecord({ row: 2, text: "Personne ne m'a expliqué" });
    const chunk = {
      records: [
        { record: a, valence: 'mixed' as const, hasTheme: true },
        { record: b, valence: 'negative' as const, hasTheme: true },
      ],
      segments: [
        makeSegment(a, 0, ['waiting_delays']),
        makeSegment(a, 1, ['respect_dignity'], 'positive'),
        makeSegment(b, 0, ['communication']),
      ],
    };
    await store.saveChunk(runId, chunk);
    await store.saveChunk(runId, chunk);
    expect(await count('records')).toBe(2);
    expect(await count('segments')).toBe(3);
    expect(await count('labels')).toBe(3);
    const seg = await store.db
      .selectFrom('segments')
      .selectAll()
      .where('segment_index', '=', 1)
      .executeTakeFirstOrThrow();
    expect(seg.themes).toBe('respect_dignity');
    expect(JSON.parse(seg.scores_json)).toEqual({ respect_dignity: 0.8 });
  });

  it('stores any text as given: quotes, backslashes, newlines, emoji, accents; a lone surrogate as U+FFFD', async () => {
    const tricky = `L'équipe a dit "non" \\ puis {"a": 1}\n\t👩🏽‍⚕️ e\u0301 ; fin`;
    const a = makeRecord({ row: 1, text: tricky });
    const b = makeRecord({ row: 2, text: 'avant \ud800 après' });
    await store.saveChunk(runId, {
      records: [
        { record: a, valence: 'mixed', hasTheme: true },
        { record: b, valence: 'negative', hasTheme: false },
      ],
      segments: [makeSegment(a, 0, ['communication']), makeSegment(b, 0, [])],
    });
    const texts = await store.db.selectFrom('records').select(['row_num', 'text']).orderBy('row_num').execute();
    expect(texts.map((t) => t.text)).toEqual([tricky, 'avant \ufffd après']);
    const segment = await store.db
      .selectFrom('segments')
      .selectAll()
      .where('record_key', '=', a.key)
      .executeTakeFirstOrThrow();
    expect(segment.text).toBe(makeSegment(a, 0, []).text);
    expect(segment.valence_score).toBe(makeSegment(a, 0, []).valenceScore);
  });

  it('replaces machine labels on re-run but never human ones', async () => {
    const a = makeRecord({ row: 1, text: 'Repas froids' });
    await store.saveChunk(runId, {
      records: [{ record: a, valence: 'negative', hasTheme: true }],
      segments: [makeSegment(a, 0, ['meals', 'room_comfort'])],
    });
    await store.db
      .insertInto('labels')
      .values({
        run_id: runId,
        record_key: a.key,
        segment_index: 0,
        theme: 'care_quality',
        origin: 'human',
        score: 1,
        evidence_json: '[]',
        model_version: 'human',
        codebook_version: 'test',
        created_at: '2026-11-23T00:00:00Z',
      })
      .execute();
    await store.saveChunk(runId, {
      records: [{ record: a, valence: 'negative', hasTheme: true }],
      segments: [makeSegment(a, 0, ['meals'])],
    });
    const labels = await store.db.selectFrom('labels').select(['theme', 'origin']).orderBy('theme').execute();
    expect(labels).toEqual([
      { theme: 'care_quality', origin: 'human' },
      { theme: 'meals', origin: 'rule' },
    ]);
  });

  it('keeps quarantine rows without text and finishes the run with its summary', async () => {
    const q = {
      provenance: { file: 'x.csv', line: 12, row: 11 },
      code: 'COLUMN_COUNT' as const,
      reason: 'expected 7 columns, found 8',
    };
    await store.saveQuarantine(runId, [q]);
    await store.saveQuarantine(runId, [q]);
    expect(await count('quarantine')).toBe(1);
    await store.finishRun(runId, 'done', { rows_read: 1 });
    const run = await store.db.selectFrom('runs').selectAll().executeTakeFirstOrThrow();
    expect(run.status).toBe('done');
    expect(JSON.parse(run.summary_json ?? '{}')).toEqual({ rows_read: 1 });
  });

  it('upserts a run started twice and appends audit entries', async () => {
    await store.startRun({ runId, modelVersion: 'lexical-test', codebookVersion: 'test', options: { again: true } });
    expect(await count('runs')).toBe(1);
    await store.appendAudit({ actor: 'cli', action: 'run', runId, details: { rows: 3 } });
    await store.appendAudit({ actor: 'cli', action: 'run', runId, details: { rows: 4 } });
    expect(await count('audit')).toBe(2);
  });

  it('saves a chunk of 5,000 records in batches under the parameter limits', async () => {
    const records = Array.from({ length: 5000 }, (_, i) => makeRecord({ row: i + 1, text: `commentaire ${i}` }));
    await store.saveChunk(runId, {
      records: records.map((record) => ({ record, valence: 'neutral' as const, hasTheme: false })),
      segments: records.map((r) => makeSegment(r, 0, [])),
    });
    expect(await count('records')).toBe(5000);
    expect(await count('segments')).toBe(5000);
  });
}
