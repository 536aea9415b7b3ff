/**
 * `quarantine.csv` (cli-contract.md): the rows set aside by a run, with where they were and why.
 * Always written, with its header even when nothing was quarantined, so that scripts can rely on
 * the file. Paged on the quarantine primary key (`file`, `line`): a garbage input can quarantine
 * as many rows as it has.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { RunId, Store } from '../pipeline/index.js';
import { neutralizeFormula } from './csv-safe-cell.js';
import { DEFAULT_PAGE_SIZE } from './segments-csv.js';

/** Contract columns, in order. */
export const QUARANTINE_CSV_COLUMNS = Object.freeze(['file', 'line', 'row', 'column', 'code', 'reason'] as const);

/** Options of {@link writeQuarantineCsv}. */
export interface QuarantineCsvOptions {
  /** Rows fetched per query. @defaultValue 5000 */
  pageSize?: number;
}

type QuarantineCsvRow = Record<(typeof QUARANTINE_CSV_COLUMNS)[number], string | number>;

/** Writes the run's quarantined rows to `path`, by file then line; resolves to the rows written. */
export async function writeQuarantineCsv(
  store: Store,
  runId: RunId,
  path: string,
  options: QuarantineCsvOptions = {},
): Promise<number> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  let written = 0;
  async function* rows(): AsyncGenerator<QuarantineCsvRow> {
    let after: { file: string; line: number } | null = null;
    for (;;) {
      let query = store.db
        .selectFrom('quarantine')
        .select(['file', 'line', 'row_num', 'column_name', 'code', 'reason'])
        .where('run_id', '=', runId);
      if (after !== null) {
        const { file, line } = after;
        query = query.where((eb) => eb(eb.refTuple('file', 'line'), '>', eb.tuple(file, line)));
      }
      const page = await query.orderBy('file').orderBy('line').limit(pageSize).execute();
      for (const q of page) {
        written += 1;
        yield {
          file: neutralizeFormula(q.file),
          line: q.line,
          row: q.row_num ?? '',
          column: neutralizeFormula(q.column_name ?? ''),
          code: q.code,
          reason: neutralizeFormula(q.reason),
        };
      }
      const last = page.at(-1);
      if (last === undefined || page.length < pageSize) return;
      after = { file: last.file, line: last.line };
    }
  }
  await pipeline(
    Readable.from(rows()),
    stringify({ header: true, columns: [...QUARANTINE_CSV_COLUMNS], delimiter: ',' }),
    createWriteStream(path, { encoding: 'utf8' }),
  );
  return written;
}
