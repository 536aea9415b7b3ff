/**
 * The ingest stage: files → `IngestItem`s, one per input row (or transcript), as an async
 * generator so the consumer's pace bounds memory. This file is the stage's public entry.
 */
import { inputUnreadable, VerbatimError } from '../errors.js';
import type { IngestItem } from '../record.js';
import { describeFile, type FileSource, type InputFormat } from './file-source.js';
import { createIngestContext, type IngestContext } from './ingest-context.js';
import type { IngestOptions } from './ingest-options.js';
import { readCsv } from './read-csv.js';
import { describeReadError } from './read-error.js';
import { readJsonl } from './read-jsonl.js';
import { readTranscript } from './read-transcript.js';
import { readXlsx } from './read-xlsx.js';
import { formatOf } from './resolve-inputs.js';

export { type ColumnMap, ColumnMapSchema, parseMapOptions } from './column-map.js';
export { DEFAULT_MAX_CELL_CHARS, type IngestOptions } from './ingest-options.js';
export { DEFAULT_ZIP_LIMITS, type ZipLimits } from './inspect-zip.js';
export { describeIssues } from './jsonl-line.js';
export { isNonInformative } from './non-informative.js';
export { FORMATS_BY_EXTENSION, formatOf, resolveInputs } from './resolve-inputs.js';
export { type TextField, textFieldFor } from './text-field.js';

/** A reader turns one file into items; it calls `context.announce` before its first item. */
type Reader = (source: FileSource, context: IngestContext) => AsyncGenerator<IngestItem>;

/** One reader per format, like a dialect registry. */
const READERS: Readonly<Record<InputFormat, Reader>> = Object.freeze({
  csv: readCsv,
  tsv: readCsv,
  xlsx: readXlsx,
  jsonl: readJsonl,
  txt: readTranscript,
  docx: readTranscript,
  vtt: readTranscript,
  srt: readTranscript,
});

/** SHA-256 of zero bytes: an empty file, known without another read. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Formats read as one interview per file. */
const TRANSCRIPT_FORMATS: ReadonlySet<InputFormat> = new Set(['txt', 'docx', 'vtt', 'srt']);

async function describe(file: string, format: InputFormat): Promise<FileSource> {
  try {
    return await describeFile(file, format);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw new VerbatimError('INPUT_MISSING', `${file}: no such file`, { file }, { cause: error });
    }
    throw inputUnreadable(file, describeReadError(error), error);
  }
}

/**
 * Reads `files` (from `resolveInputs`) in order and yields, per data row, its records, an empty
 * row, a duplicate of an earlier row of any of these files, or a quarantined row, so that
 * `rows = rows with records + empty rows + quarantined + duplicates`. `onSource` hears about each
 * file before its rows. A file that cannot be read at all throws a `VerbatimError`
 * (`INPUT_UNREADABLE`, `INPUT_TOO_LARGE`, `USAGE` for a mapped column it lacks) naming it.
 */
export async function* ingest(files: readonly string[], options: IngestOptions): AsyncGenerator<IngestItem> {
  const context = createIngestContext(options);
  for (const file of files) {
    const format = formatOf(file);
    if (format === null) {
      throw new VerbatimError('INPUT_UNSUPPORTED', `${file}: unsupported format`, { file });
    }
    const source = await describe(file, format);
    // An empty transcript is an empty row; an empty table or workbook has no header at all.
    if (source.sha256 === EMPTY_SHA256 && !TRANSCRIPT_FORMATS.has(format)) {
      throw inputUnreadable(file, 'empty file (no header row)');
    }
    yield* READERS[format](source, context);
  }
}
