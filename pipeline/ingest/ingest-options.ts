import type { SourceInfo } from '../record.js';
import type { ColumnMap } from './column-map.js';
import type { ZipLimits } from './inspect-zip.js';

/** Longest cell accepted before the row is quarantined (`CELL_TOO_LONG`). */
export const DEFAULT_MAX_CELL_CHARS = 50_000;

/** Options of one `ingest()` call; the CLI builds them once from its parsed flags. */
export interface IngestOptions {
  /** Column mapping from `--map`; unmapped attributes are auto-detected. */
  map: ColumnMap;
  /** Longest cell, in UTF-16 code units. @defaultValue `DEFAULT_MAX_CELL_CHARS` (50,000) */
  maxCellChars: number;
  /** Called once per file, after its encoding and delimiter are known and before its rows. */
  onSource?: (source: SourceInfo) => void;
  /**
   * Zip-bomb guards for XLSX/DOCX. @defaultValue `DEFAULT_ZIP_LIMITS` (1 GiB uncompressed in
   * total, ratio 200 per entry)
   */
  zipLimits?: Partial<ZipLimits>;
  /**
   * Yield exact duplicates as ordinary rows instead of `duplicate` items: `verbatim classify`
   * answers one line per input row, repeats included. @defaultValue false
   */
  keepDuplicates?: boolean;
  /**
   * Yield a record for an empty or non-informative text too (still counted in `emptyFields`), so
   * that the consumer learns the row's id and field; it then checks `isNonInformative` itself.
   * @defaultValue false
   */
  keepEmptyTexts?: boolean;
}
