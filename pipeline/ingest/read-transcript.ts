import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import mammoth from 'mammoth';
import { inputUnreadable, VerbatimError } from '../errors.js';
import type { IngestItem, Provenance, SourceRecord } from '../record.js';
import { normalizeTranscriptText } from './canonical-transcript.js';
import { cuesToTranscript } from './cues-to-turns.js';
import { decodeBuffer } from './decode-stream.js';
import { detectEncoding, type TextEncoding } from './detect-encoding.js';
import type { FileSource } from './file-source.js';
import type { IngestContext } from './ingest-context.js';
import { inspectCells } from './inspect-cells.js';
import { inspectZip } from './inspect-zip.js';
import { parseSubtitles } from './parse-subtitles.js';
import { describeReadError } from './read-error.js';
import { fingerprintRow } from './row-fingerprint.js';
import { recordKey } from './row-mapper.js';
import { loadTranscriptAttributes } from './transcript-attributes.js';

/** Interviews are a few hundred KB; anything far larger is not a transcript. @defaultValue 32 MiB */
export const MAX_TRANSCRIPT_BYTES = 32 * 1024 * 1024;

/**
 * Interview text is long by nature (an hour is ~300,000 characters), so the survey cell limit
 * does not apply; this one only stops pathological files.
 */
const MAX_TRANSCRIPT_CHARS = 10_000_000;

/** Keeps transcript fingerprints apart from row fingerprints in the shared duplicate filter. */
const TRANSCRIPT_TAG = '\u0000transcript';

async function decodeTextFile(path: string): Promise<{ text: string; encoding: TextEncoding }> {
  const { encoding } = await detectEncoding(path);
  return { text: decodeBuffer(await readFile(path), encoding), encoding };
}

/** The canonical text of a transcript file, and the encoding it was read in (null for DOCX). */
async function loadText(
  source: FileSource,
  context: IngestContext,
): Promise<{ text: string; encoding: string | null }> {
  if (source.format === 'docx') {
    await inspectZip(source.path, 'DOCX', ['word/document.xml'], context.zipLimits);
    try {
      const result = await mammoth.extractRawText({ path: source.path });
      return { text: normalizeTranscriptText(result.value), encoding: null };
    } catch (error) {
      throw inputUnreadable(source.path, 'not a valid DOCX document (cannot parse its content)', error);
    }
  }
  const { text, encoding } = await decodeTextFile(source.path);
  if (source.format === 'vtt' || source.format === 'srt')
    return { text: cuesToTranscript(parseSubtitles(text)), encoding };
  return { text: normalizeTranscriptText(text), encoding };
}

/**
 * Reads one interview (TXT, DOCX, VTT, SRT) as one `transcript` record in the canonical format
 * (`canonical-transcript.ts`), with site/date/role from a sidecar as meta. The whole file is one
 * row: record id = file stem, line 1. No text → an empty row; an identical earlier transcript
 * → a duplicate; binary content → quarantined.
 */
export async function* readTranscript(source: FileSource, context: IngestContext): AsyncGenerator<IngestItem> {
  const file = source.path;
  let loaded: { text: string; encoding: string | null };
  try {
    const { size } = await stat(file);
    if (size > MAX_TRANSCRIPT_BYTES) {
      throw new VerbatimError('INPUT_TOO_LARGE', `${file}: ${size} bytes is too large for a transcript`, { file });
    }
    loaded = await loadText(source, context);
  } catch (error) {
    if (error instanceof VerbatimError) throw error;
    throw inputUnreadable(file, describeReadError(error), error);
  }
  const attributes = await loadTranscriptAttributes(file, context);
  context.announce(source, { encoding: loaded.encoding, delimiter: null });

  const provenance: Provenance = { file, line: 1 };
  const { text } = loaded;
  const problem = inspectCells([text], ['transcript'], MAX_TRANSCRIPT_CHARS);
  if (problem !== null) {
    yield { kind: 'quarantined', item: { provenance, code: problem.code, reason: problem.reason } };
    return;
  }
  if (text.trim() === '') {
    yield { kind: 'row', provenance, records: [], emptyFields: 1 };
    return;
  }
  if (context.duplicates.isDuplicate(fingerprintRow([TRANSCRIPT_TAG, text]))) {
    yield { kind: 'duplicate', provenance };
    return;
  }
  const record: SourceRecord = {
    key: recordKey(source, 1, 'transcript'),
    sourceId: source.sourceId,
    source: source.name,
    kind: 'transcript',
    recordId: basename(file, extname(file)),
    field: 'transcript',
    prompt: 'neutral',
    text,
    meta: {
      date: attributes.date ?? null,
      department: attributes.site ?? null,
      survey: null,
      score: null,
      speaker: attributes.role ?? null,
    },
    provenance,
  };
  yield { kind: 'row', provenance, records: [record], emptyFields: 0 };
}
