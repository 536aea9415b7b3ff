/**
 * `segments.csv` (cli-contract.md): one row per segment of a run, context (interviewer) turns
 * included with empty themes. Written page by page so that a run of a million segments never
 * sits in memory: keyset pagination on the segments primary key (`record_key`, `segment_index`)
 * works the same on SQLite and PostgreSQL (PostgreSQL streaming would need pg-cursor) and each
 * page is an index range scan, where OFFSET would rescan everything before it.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { RunId, Store } from '../pipeline/index.js';
import { neutralizeFormula } from './csv-safe-cell.js';
import { writingOutput } from './partial-outputs.js';

/** Contract columns, in contract order. */
export const SEGMENTS_CSV_COLUMNS = Object.freeze([
  'run_id',
  'source',
  'record_id',
  'field',
  'segment_index',
  'speaker',
  'role',
  'text',
  'themes',
  'valence',
  'scores',
] as const);

/** Rows fetched per query. @defaultValue 5000 */
export const DEFAULT_PAGE_SIZE = 5000;

/** Options of {@link writeSegmentsCsv}. */
export interface SegmentsCsvOptions {
  /** Rows fetched per query (tests use small pages). @defaultValue 5000 */
  pageSize?: number;
}

type SegmentsCsvRow = Record<(typeof SEGMENTS_CSV_COLUMNS)[number], string | number>;

/**
 * Writes the run's segments to `path` (UTF-8, comma, header line) and resolves to the number of
 * rows written. Rows come in key order: by record key (source file id, row, field, as ingest
 * builds it), then segment index.
 */
export async function writeSegmentsCsv(
  store: Store,
  runId: RunId,
  path: string,
  options: SegmentsCsvOptions = {},
): Promise<number> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  let written = 0;
  async function* rows(): AsyncGenerator<SegmentsCsvRow> {
    for await (const page of segmentPages(store, runId, pageSize)) {
      for (const r of page) {
        written += 1;
        yield {
          run_id: runId,
          source: neutralizeFormula(r.source),
          record_id: neutralizeFormula(r.record_id),
          field: neutralizeFormula(r.field),
          segment_index: r.segment_index,
          speaker: neutralizeFormula(r.speaker ?? ''),
          role: neutralizeFormula(r.role ?? ''),
          text: neutralizeFormula(r.text),
          // Context turns are never coded (domain.md §3); reports ignore any label they carry,
          // so the export does too.
          themes: r.context ? '' : r.themes,
          valence: r.valence,
          scores: r.context ? '{}' : r.scores_json,
        };
      }
    }
  }
  await writingOutput(path, () =>
    pipeline(
      Readable.from(rows()),
      stringify({ header: true, columns: [...SEGMENTS_CSV_COLUMNS], delimiter: ',' }),
      createWriteStream(path, { encoding: 'utf8' }),
    ),
  );
  return written;
}

/** The run's segments joined to their records, one page at a time, in key order. */
async function* segmentPages(store: Store, runId: RunId, pageSize: number) {
  let after: { key: string; index: number } | null = null;
  for (;;) {
    let query = store.db
      .selectFrom('segments as s')
      .innerJoin('records as r', (join) =>
        join.onRef('r.run_id', '=', 's.run_id').onRef('r.record_key', '=', 's.record_key'),
      )
      .select([
        's.record_key',
        's.segment_index',
        'r.source',
        'r.record_id',
        'r.field',
        's.speaker',
        's.role',
        's.context',
        's.text',
        's.themes',
        's.valence',
        's.scores_json',
      ])
      .where('s.run_id', '=', runId);
    if (after !== null) {
      const { key, index } = after;
      query = query.where((eb) => eb(eb.refTuple('s.record_key', 's.segment_index'), '>', eb.tuple(key, index)));
    }
    const page = await query.orderBy('s.record_key').orderBy('s.segment_index').limit(pageSize).execute();
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    after = { key: last.record_key, index: last.segment_index };
  }
}
