import { inputUnreadable, VerbatimError } from '../errors.js';
import type { IngestItem } from '../record.js';
import { decodeBuffer } from './decode-stream.js';
import { planColumns } from './detect-columns.js';
import { type DelimiterChoice, detectDelimiter } from './detect-delimiter.js';
import { detectEncoding } from './detect-encoding.js';
import type { FileSource } from './file-source.js';
import type { IngestContext } from './ingest-context.js';
import { parseCsvStream } from './parse-csv-stream.js';
import { describeReadError } from './read-error.js';
import { RowMapper } from './row-mapper.js';

/** Reasons for csv-parse error codes: fixed wording, since csv-parse's messages quote the cell. */
const SYNTAX_REASONS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quote opened on this line is never closed; reading resumed on the next line',
  CSV_INVALID_CLOSING_QUOTE: 'invalid closing quote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'unexpected character after a closing quote',
};

/** More NUL bytes than this share of the sample: a binary file (or UTF-16 without BOM). */
const BINARY_NUL_SHARE = 0.05;

function isBinary(sample: Buffer): boolean {
  let nul = 0;
  for (const byte of sample) if (byte === 0) nul++;
  return nul > sample.length * BINARY_NUL_SHARE;
}

/**
 * Reads a CSV or TSV export as a stream: detects encoding and delimiter on the first bytes,
 * takes the first record as header, and yields one item per data row (records, empty row,
 * duplicate or quarantined). A quote that never closes would swallow the rest of the file into
 * one cell; instead that row is quarantined and reading starts again on the following line.
 */
export async function* readCsv(source: FileSource, context: IngestContext): AsyncGenerator<IngestItem> {
  const file = source.path;
  try {
    const { encoding, sample, complete } = await detectEncoding(file);
    if (sample.length === 0) throw inputUnreadable(file, 'empty file (no header row)');
    if (encoding.startsWith('utf-8') || encoding === 'windows-1252') {
      if (isBinary(sample)) throw inputUnreadable(file, 'binary content, not a text file');
    }
    const choice: DelimiterChoice =
      source.format === 'tsv'
        ? { delimiter: '\t', skipLines: 0 }
        : detectDelimiter(decodeBuffer(sample, encoding), complete);
    context.announce(source, { encoding, delimiter: choice.delimiter });

    let mapper: RowMapper | null = null;
    let width = 0;
    let skipLines = choice.skipLines;
    for (;;) {
      let resumeAt: number | null = null;
      const events = parseCsvStream({
        path: file,
        encoding,
        delimiter: choice.delimiter,
        skipLines,
        resumeWidth: mapper === null ? null : width,
      });
      for await (const event of events) {
        if (mapper === null) {
          if (event.kind !== 'record')
            throw inputUnreadable(file, `the header row cannot be parsed (line ${event.line})`);
          const headers = event.cells.map((cell) => cell.trim());
          if (headers.every((header) => header === '')) throw inputUnreadable(file, 'the header row is empty');
          width = headers.length;
          const labels = headers.map((header, index) => header || `column ${index + 1}`);
          mapper = new RowMapper({ source, plan: planColumns(headers, context.map, file), labels, context });
        } else if (event.kind === 'record') {
          const item = mapper.map(event.cells, event.line);
          if (item !== null) yield item;
        } else if (event.kind === 'column-count') {
          yield mapper.quarantine(event.line, 'COLUMN_COUNT', `expected ${width} columns, found ${event.found}`);
        } else {
          yield mapper.quarantine(
            event.line,
            'PARSE_ERROR',
            SYNTAX_REASONS[event.code] ?? `CSV syntax error (${event.code})`,
          );
          if (event.unclosedQuote) resumeAt = event.line;
        }
      }
      if (mapper === null) throw inputUnreadable(file, 'empty file (no header row)');
      // Each resume starts past the last one, so this loop ends.
      if (resumeAt === null || resumeAt <= skipLines) return;
      skipLines = resumeAt;
    }
  } catch (error) {
    if (error instanceof VerbatimError) throw error;
    throw inputUnreadable(file, describeReadError(error), error);
  }
}
