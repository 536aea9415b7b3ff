import type { SourceInfo } from '../record.js';
import type { ColumnMap } from './column-map.js';
import { DuplicateFilter } from './duplicate-filter.js';
import type { FileSource } from './file-source.js';
import type { IngestOptions } from './ingest-options.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './inspect-zip.js';
import type { TranscriptAttributes } from './transcript-attributes.js';

/** What a reader found out about a file's text layer (null for XLSX/DOCX). */
export interface DetectedLayout {
  encoding: string | null;
  delimiter: string | null;
}

/**
 * State shared by the readers of one `ingest()` call, and only that call: the duplicate filter
 * spans all its files, the sidecar cache avoids re-reading one folder's `attributes.csv`.
 */
export interface IngestContext {
  readonly map: ColumnMap;
  readonly maxCellChars: number;
  readonly zipLimits: ZipLimits;
  /** Spans the call's files; never reports a duplicate with `keepDuplicates`. */
  readonly duplicates: Pick<DuplicateFilter, 'isDuplicate'>;
  /** `IngestOptions.keepEmptyTexts`: empty texts still become records. */
  readonly keepEmptyTexts: boolean;
  /** Folder → rows of its `attributes.csv` by file name (null: the folder has none). */
  readonly attributesByFolder: Map<string, ReadonlyMap<string, TranscriptAttributes> | null>;
  /** Builds the file's `SourceInfo` and hands it to `onSource`; call before its first row. */
  announce(source: FileSource, layout: DetectedLayout): SourceInfo;
}

/** The filter of `keepDuplicates`: every row is new. */
const KEEP_ALL: Pick<DuplicateFilter, 'isDuplicate'> = Object.freeze({ isDuplicate: () => false });

/** Drops keys set to `undefined`, so that `{ maxRatio: undefined }` keeps the default. */
function definedOnly<T extends object>(values: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Fresh per-call state from the caller's options. */
export function createIngestContext(options: IngestOptions): IngestContext {
  const { onSource } = options;
  return {
    map: options.map,
    maxCellChars: options.maxCellChars,
    zipLimits: Object.freeze({ ...DEFAULT_ZIP_LIMITS, ...definedOnly(options.zipLimits ?? {}) }),
    duplicates: options.keepDuplicates === true ? KEEP_ALL : new DuplicateFilter(),
    keepEmptyTexts: options.keepEmptyTexts === true,
    attributesByFolder: new Map(),
    announce(source, layout) {
      const info: SourceInfo = {
        sourceId: source.sourceId,
        path: source.path,
        format: source.format,
        encoding: layout.encoding,
        delimiter: layout.delimiter,
        sha256: source.sha256,
      };
      onSource?.(info);
      return info;
    },
  };
}
