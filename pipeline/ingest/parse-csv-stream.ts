import { createReadStream } from 'node:fs';
import { pipeline, type Transform } from 'node:stream';
import { type CsvError, type Info, type Parser, parse } from 'csv-parse';
import { createDecodeStream } from './decode-stream.js';
import type { Delimiter } from './detect-delimiter.js';
import type { TextEncoding } from './detect-encoding.js';
import { createSkipLinesStream } from './skip-lines-stream.js';

/** What one pass of the CSV parser reports, in file order, with physical start lines. */
export type CsvEvent =
  | { kind: 'record'; cells: string[]; line: number }
  | { kind: 'column-count'; found: number; line: number }
  | { kind: 'syntax'; code: string; line: number; unclosedQuote: boolean };

/** Where and how to parse. */
export interface CsvPass {
  path: string;
  encoding: TextEncoding;
  delimiter: Delimiter;
  /** Physical lines to skip before parsing. */
  skipLines: number;
  /** When resuming mid-file: the column count, sent as a synthetic header that is not reported. */
  resumeWidth: number | null;
}

/** Marker objects `on_skip` pushes into the parser's output so errors keep their place. */
interface Skipped {
  skipped: CsvError;
}
interface ParsedRecord {
  record: string[];
  info: Info;
}

function countNewlines(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) count++;
  }
  return count;
}

/**
 * Streams one CSV pass through csv-parse: records as arrays (a field is never dropped), quotes
 * relaxed (a stray `"` inside a cell is text), and errors skipped instead of thrown. A wrong
 * column count is reported, not fixed (`relax_column_count` stays off). Errors are pushed into
 * the output stream from `on_skip`, so they arrive between the right records.
 *
 * Line numbers: csv-parse gives the line where a record ends; the start is that minus the line
 * breaks inside its cells. For a syntax error, the start is after the last record's end and the
 * blank lines since.
 */
export async function* parseCsvStream(pass: CsvPass): AsyncGenerator<CsvEvent> {
  const synthetic = pass.resumeWidth !== null;
  const offset = pass.skipLines - (synthetic ? 1 : 0);
  const parser: Parser = parse({
    delimiter: pass.delimiter,
    record_delimiter: '\n',
    bom: true,
    relax_quotes: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      // Called while parsing, so `parser` is initialized by then.
      if (error !== undefined) parser.push({ skipped: error } satisfies Skipped);
      return undefined;
    },
  });
  const stages: Transform[] = [createDecodeStream(pass.encoding)];
  if (pass.skipLines > 0 || synthetic) {
    const prefix = synthetic ? `${pass.delimiter.repeat(Math.max(0, (pass.resumeWidth ?? 1) - 1))}\n` : '';
    stages.push(createSkipLinesStream(pass.skipLines, prefix));
  }
  const input = createReadStream(pass.path, { highWaterMark: 64 * 1024 });
  // Errors anywhere (EACCES, decoding) destroy the parser, which rejects the loop below.
  pipeline([input, ...stages, parser], () => {});

  let lastEnd = 0;
  let lastEmpty = 0;
  let first = true;
  try {
    for await (const output of parser as AsyncIterable<Skipped | ParsedRecord>) {
      if ('skipped' in output) {
        const error = output.skipped;
        const record = (error as CsvError & { record?: unknown }).record;
        if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && Array.isArray(record)) {
          const cells = record as string[];
          const end = Number(error.lines);
          yield { kind: 'column-count', found: cells.length, line: end - countNewlines(cells) + offset };
          lastEnd = end;
          lastEmpty = Number(error.empty_lines);
        } else {
          const line = lastEnd + 1 + (Number(error.empty_lines) - lastEmpty) + offset;
          yield { kind: 'syntax', code: error.code, line, unclosedQuote: error.code === 'CSV_QUOTE_NOT_CLOSED' };
        }
        continue;
      }
      const { record, info } = output;
      lastEnd = info.lines;
      lastEmpty = info.empty_lines;
      if (first && synthetic) {
        first = false;
        continue;
      }
      first = false;
      yield { kind: 'record', cells: record, line: info.lines - countNewlines(record) + offset };
    }
  } finally {
    input.destroy();
    parser.destroy();
  }
}
