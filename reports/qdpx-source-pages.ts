/**
 * The run's records with their coded segments and labels, one page of records at a time, in
 * record-key order (keyset pagination, as segments.csv does), so that exporting a run of a
 * million comments never holds it in memory. Context (interviewer) segments are left out: they
 * are never coded (domain.md §3).
 */
import type { RecordsTable, RunId, Store } from '../pipeline/index.js';

/** One label of a segment, machine or human. */
export interface SourceLabel {
  theme: string;
  origin: 'rule' | 'model' | 'human';
  modelVersion: string;
  evidenceJson: string;
  createdAt: string;
}

/** A non-context segment: code-point offsets into its record's text, role and labels. */
export interface SourceSegment {
  index: number;
  startCp: number;
  endCp: number;
  role: string | null;
  labels: SourceLabel[];
}

/** The record columns an export needs. */
export type SourceRecordRow = Pick<
  RecordsTable,
  | 'record_key'
  | 'source'
  | 'record_id'
  | 'field'
  | 'prompt'
  | 'kind'
  | 'department'
  | 'survey'
  | 'date'
  | 'score'
  | 'valence'
  | 'text'
>;

/** A record and its segments, in segment order. */
export interface SourceEntry {
  record: SourceRecordRow;
  segments: SourceSegment[];
}

/** Records fetched per page. @defaultValue 1000 */
export const DEFAULT_SOURCE_PAGE_SIZE = 1000;

/** Yields pages of records with their segments and labels. */
export async function* sourcePages(
  store: Store,
  runId: RunId,
  pageSize = DEFAULT_SOURCE_PAGE_SIZE,
): AsyncGenerator<SourceEntry[]> {
  let after: string | null = null;
  for (;;) {
    const records: SourceRecordRow[] = await store.db
      .selectFrom('records')
      .select([
        'record_key',
        'source',
        'record_id',
        'field',
        'prompt',
        'kind',
        'department',
        'survey',
        'date',
        'score',
        'valence',
        'text',
      ])
      .where('run_id', '=', runId)
      .$if(after !== null, (q) => q.where('record_key', '>', after as string))
      .orderBy('record_key')
      .limit(pageSize)
      .execute();
    const first = records[0];
    const last = records.at(-1);
    if (first === undefined || last === undefined) return;
    // A key range instead of `IN (…)`: one index range scan, and no bound-parameter limit.
    const segments = await store.db
      .selectFrom('segments')
      .select(['record_key', 'segment_index', 'start_cp', 'end_cp', 'role'])
      .where('run_id', '=', runId)
      .where('record_key', '>=', first.record_key)
      .where('record_key', '<=', last.record_key)
      .where('context', '=', 0)
      .orderBy('record_key')
      .orderBy('segment_index')
      .execute();
    const labels = await store.db
      .selectFrom('labels')
      .select(['record_key', 'segment_index', 'theme', 'origin', 'model_version', 'evidence_json', 'created_at'])
      .where('run_id', '=', runId)
      .where('record_key', '>=', first.record_key)
      .where('record_key', '<=', last.record_key)
      .orderBy('record_key')
      .orderBy('segment_index')
      .orderBy('theme')
      .orderBy('origin')
      .execute();
    const bySegment = new Map<string, SourceSegment>();
    const byRecord = new Map<string, SourceSegment[]>();
    for (const s of segments) {
      const segment: SourceSegment = {
        index: s.segment_index,
        startCp: s.start_cp,
        endCp: s.end_cp,
        role: s.role,
        labels: [],
      };
      bySegment.set(`${s.record_key}#${s.segment_index}`, segment);
      const list = byRecord.get(s.record_key);
      if (list === undefined) byRecord.set(s.record_key, [segment]);
      else list.push(segment);
    }
    for (const l of labels) {
      // Labels of context segments have no segment here and are left out, as in every report.
      bySegment.get(`${l.record_key}#${l.segment_index}`)?.labels.push({
        theme: l.theme,
        origin: l.origin,
        modelVersion: l.model_version,
        evidenceJson: l.evidence_json,
        createdAt: l.created_at,
      });
    }
    yield records.map((record) => ({ record, segments: byRecord.get(record.record_key) ?? [] }));
    if (records.length < pageSize) return;
    after = last.record_key;
  }
}
