/**
 * The segment stage: cuts a de-identified record into the units that get coded — remarks of a
 * comment, or speaker-attributed pieces of a transcript turn — with code-point offsets into the
 * record text, so that exports (REFI-QDA) can point back into the document exactly.
 */
import type { DeidentifiedRecord, Role, Segment } from '../record.js';
import { CodePointIndex } from './code-point-index.js';
import { normalizeRole } from './normalize-role.js';
import { segmentComment } from './segment-comment.js';
import type { SegmentOptions } from './segment-options.js';
import { segmentTranscript } from './segment-transcript.js';

export { type SegmentOptions, SegmentOptionsSchema } from './segment-options.js';

/**
 * Segments of one record, `index` 0-based and consecutive, `start`/`end` code-point offsets such
 * that `[...record.text].slice(start, end).join('')` is the (trimmed) segment text.
 *
 * - `survey` and `document` records are cut into remarks (lines, list items, sentences,
 *   contrastive clauses); speaker and role come from `record.meta.speaker`, else null.
 * - `transcript` records are cut into speaker turns, then sentences grouped up to
 *   `maxSegmentChars`; interviewer turns are context unless `interviewerCoded`, and so is a
 *   header before the first speaker label.
 */
export function segment(record: DeidentifiedRecord, options: SegmentOptions): Segment[] {
  const { text } = record;
  const index = new CodePointIndex(text);
  const isContext = (role: Role | null): boolean => role === 'Interviewer' && !options.interviewerCoded;
  const toSegment = (
    span: { start: number; end: number },
    position: number,
    who: { speaker: string | null; role: Role | null; timestamp: string | null },
  ): Segment => ({
    recordKey: record.key,
    index: position,
    text: text.slice(span.start, span.end),
    start: index.codePointAt(span.start),
    end: index.codePointAt(span.end),
    speaker: who.speaker,
    role: who.role,
    context: isContext(who.role),
    timestamp: who.timestamp,
  });

  if (record.kind === 'transcript') {
    const spans = segmentTranscript(
      text,
      { maxChars: options.maxSegmentChars, overrides: options.roleOverrides },
      index,
    );
    // Text before the first speaker label is a header (site, date, "transcription intégrale"):
    // context, not data. A transcript with no label at all is still coded.
    const labelled = spans.some((span) => span.speaker !== null);
    return spans.map((span, position) => {
      const seg = toSegment(span, position, span);
      return labelled && span.speaker === null ? { ...seg, context: true } : seg;
    });
  }

  const speaker = record.meta.speaker?.trim() || null;
  const who = {
    speaker,
    role: speaker === null ? null : normalizeRole(speaker, options.roleOverrides),
    timestamp: null,
  };
  return segmentComment(text, options.maxSegmentChars, index).map((span, position) => toSegment(span, position, who));
}
