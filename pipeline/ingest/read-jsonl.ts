import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { inputUnreadable, VerbatimError } from '../errors.js';
import type { IngestItem, Provenance, QuarantineReasonCode, RecordMeta } from '../record.js';
import { createDecodeStream } from './decode-stream.js';
import { detectEncoding } from './detect-encoding.js';
import type { FileSource } from './file-source.js';
import type { IngestContext } from './ingest-context.js';
import { inspectCells } from './inspect-cells.js';
import { describeIssues, type JsonlLine, JsonlLineSchema } from './jsonl-line.js';
import { isNonInformative } from './non-informative.js';
import { parseScore } from './parse-score.js';
import { describeReadError } from './read-error.js';
import { fingerprintRow } from './row-fingerprint.js';
import { recordKey } from './row-mapper.js';
import { splitLines } from './split-lines.js';
import { textFieldFor } from './text-field.js';

/** Field of a line without `field`: the contract's `{"id", "text"}` shape. */
const DEFAULT_FIELD = { field: 'text', prompt: 'neutral' } as const;

function quarantined(provenance: Provenance, code: QuarantineReasonCode, reason: string): IngestItem {
  return { kind: 'quarantined', item: { provenance, code, reason } };
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** The line's values in a fixed order, for duplicate detection. */
function lineCells(line: JsonlLine): string[] {
  return [line.id, line.text, line.field, line.date, line.department, line.survey, line.score, line.speaker].map(
    (value) => (value === null || value === undefined ? '' : String(value)),
  );
}

/**
 * Reads JSONL (one JSON object per line), as a stream. Each non-blank line is a row: invalid JSON
 * is quarantined as `INVALID_JSON`, a line failing `JsonlLineSchema` as `INVALID_FIELD`; the
 * others become one record (or an empty row, or a duplicate) like a one-text-column CSV row.
 * `field`, when given, names the prompt: `amelioration`, `appreciation` or the prompt's wording.
 */
export async function* readJsonl(source: FileSource, context: IngestContext): AsyncGenerator<IngestItem> {
  const file = source.path;
  const { encoding, sample } = await detectEncoding(file).catch((error: unknown) => {
    throw inputUnreadable(file, describeReadError(error), error);
  });
  if (sample.length === 0) throw inputUnreadable(file, 'empty file');
  context.announce(source, { encoding, delimiter: null });
  const input = createReadStream(file);
  const decoded = createDecodeStream(encoding);
  // Errors (EACCES...) destroy `decoded`, which rejects the loop below.
  pipeline(input, decoded, () => {});
  let lineNumber = 0;
  let row = 0;
  try {
    for await (const text of splitLines(decoded)) {
      lineNumber++;
      if (text.trim() === '') continue;
      row++;
      const provenance: Provenance = { file, line: lineNumber, row };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        // JSON.parse's message quotes the line: never reuse it.
        yield quarantined(provenance, 'INVALID_JSON', 'not valid JSON');
        continue;
      }
      const parsed = JsonlLineSchema.safeParse(value);
      if (!parsed.success) {
        yield quarantined(provenance, 'INVALID_FIELD', describeIssues(parsed.error));
        continue;
      }
      const line = parsed.data;
      const problem = inspectCells([line.text], ['text'], context.maxCellChars);
      if (problem !== null) {
        yield quarantined({ ...provenance, column: 'text' }, problem.code, problem.reason);
        continue;
      }
      if (context.duplicates.isDuplicate(fingerprintRow(lineCells(line)))) {
        yield { kind: 'duplicate', provenance };
        continue;
      }
      const trimmed = line.text.trim();
      const empty = isNonInformative(trimmed);
      if (empty && !context.keepEmptyTexts) {
        yield { kind: 'row', provenance, records: [], emptyFields: 1 };
        continue;
      }
      const { field, prompt } = nonEmpty(line.field) === null ? DEFAULT_FIELD : textFieldFor(line.field ?? '', 'text');
      const meta: RecordMeta = {
        date: nonEmpty(line.date),
        department: nonEmpty(line.department),
        survey: nonEmpty(line.survey),
        score: parseScore(line.score),
        speaker: nonEmpty(line.speaker),
      };
      const record = {
        key: recordKey(source, row, field),
        sourceId: source.sourceId,
        source: source.name,
        kind: 'survey' as const,
        recordId: nonEmpty(line.id === null || line.id === undefined ? null : String(line.id)) ?? String(row),
        field,
        prompt,
        text: trimmed,
        meta,
        provenance: { ...provenance, column: 'text' },
      };
      yield { kind: 'row', provenance, records: [record], emptyFields: empty ? 1 : 0 };
    }
  } catch (error) {
    if (error instanceof VerbatimError) throw error;
    throw inputUnreadable(file, describeReadError(error), error);
  } finally {
    input.destroy();
    decoded.destroy();
  }
}
