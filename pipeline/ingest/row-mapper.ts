import type { IngestItem, Provenance, QuarantineReasonCode, RecordKey, RecordMeta, SourceRecord } from '../record.js';
import type { ColumnPlan } from './detect-columns.js';
import type { FileSource } from './file-source.js';
import type { IngestContext } from './ingest-context.js';
import { inspectCells } from './inspect-cells.js';
import { isNonInformative } from './non-informative.js';
import { parseScore } from './parse-score.js';
import { fingerprintRow } from './row-fingerprint.js';
import { type TextField, textFieldFor } from './text-field.js';

/** What a `RowMapper` needs to know about one table (a CSV file or an XLSX sheet). */
export interface RowMapperSettings {
  source: FileSource;
  plan: ColumnPlan;
  /** Column labels for provenance and reasons: the header, or `sheet!header` for XLSX. */
  labels: readonly string[];
  context: IngestContext;
}

/**
 * Record key `${sourceId}-${row}-${field}`: only `[A-Za-z0-9_.-]`, as `RecordKeySchema` wants.
 * The row is zero-padded so that sorting by key (exports page on it) sorts rows numerically.
 */
export function recordKey(source: FileSource, row: number, field: string): RecordKey {
  return `${source.sourceId}-${String(row).padStart(9, '0')}-${field}` as RecordKey;
}

function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

function cellOrNull(cells: readonly string[], index: number | null): string | null {
  if (index === null) return null;
  const value = cells[index]?.trim() ?? '';
  return value === '' ? null : value;
}

/**
 * Turns the rows of one table into `IngestItem`s, the same way for every tabular reader, and
 * numbers data rows (1-based, header excluded; quarantined rows count, blank rows do not).
 * Order of checks: blank → not a row; bad cells → quarantined; seen before → duplicate;
 * otherwise one record per informative text field (per text field with `keepEmptyTexts`).
 */
export class RowMapper {
  readonly #settings: RowMapperSettings;
  #row = 0;

  constructor(settings: RowMapperSettings) {
    this.#settings = settings;
  }

  /** A row the reader could not split into cells (parse error, wrong column count). */
  quarantine(line: number, code: QuarantineReasonCode, reason: string, column?: string): IngestItem {
    const provenance: Provenance = { file: this.#settings.source.path, line, row: ++this.#row };
    if (column !== undefined) provenance.column = column;
    return { kind: 'quarantined', item: { provenance, code, reason } };
  }

  /** Maps one row's cells, starting on physical `line`; `null` for a row with only blank cells. */
  map(cells: readonly string[], line: number): IngestItem | null {
    if (isBlankRow(cells)) return null;
    const { source, plan, labels, context } = this.#settings;
    const problem = inspectCells(cells, labels, context.maxCellChars);
    if (problem !== null) return this.quarantine(line, problem.code, problem.reason, problem.column);
    const row = ++this.#row;
    const provenance: Provenance = { file: source.path, line, row };
    if (context.duplicates.isDuplicate(fingerprintRow(cells))) return { kind: 'duplicate', provenance };

    const meta: RecordMeta = {
      date: cellOrNull(cells, plan.meta.date),
      department: cellOrNull(cells, plan.meta.department),
      survey: cellOrNull(cells, plan.meta.survey),
      score: parseScore(cellOrNull(cells, plan.meta.score)),
      speaker: cellOrNull(cells, plan.meta.speaker),
    };
    const recordId = cellOrNull(cells, plan.meta.id) ?? String(row);
    const wording = cellOrNull(cells, plan.field);
    const records: SourceRecord[] = [];
    let emptyFields = 0;
    for (const column of plan.text) {
      const text = cells[column.index]?.trim() ?? '';
      if (isNonInformative(text)) {
        emptyFields++;
        if (!context.keepEmptyTexts) continue;
      }
      const { field, prompt }: TextField = wording === null ? column : textFieldFor(wording, column.field);
      records.push({
        // Keyed by the column, not the row's field: two text columns may share a row field.
        key: recordKey(source, row, column.field),
        sourceId: source.sourceId,
        source: source.name,
        kind: 'survey',
        recordId,
        field,
        prompt,
        text,
        meta: { ...meta },
        provenance: { file: source.path, line, row, column: labels[column.index] ?? column.header },
      });
    }
    return { kind: 'row', provenance, records, emptyFields };
  }
}
