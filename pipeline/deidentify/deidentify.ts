/**
 * De-identification: the only step that sees raw text. Runs every detector, keeps one span
 * wherever they overlap, and replaces each span by a typed, numbered placeholder (`[NOM_1]`,
 * `[TEL_1]`...; cli-contract.md), the same entity keeping the same number within a record.
 * What is kept about the replaced PII is its type, placeholder and offsets, never its value.
 */
import type { DeidentifiedRecord, PiiReplacement, SourceRecord } from '../record.js';
import { detectDates } from './detect-dates.js';
import { detectEmails } from './detect-emails.js';
import { detectIds } from './detect-ids.js';
import { detectNames } from './detect-names.js';
import { detectNir } from './detect-nir.js';
import { detectPhones } from './detect-phones.js';
import { detectPlaces } from './detect-places.js';
import { EntityIndex } from './entity-index.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import type { Span } from './span.js';

/** A pseudonymized text and what was replaced in it (code-point offsets in the new text). */
export interface Pseudonymized {
  text: string;
  pii: PiiReplacement[];
}

/** Every PII span of a text, overlaps resolved, sorted by start (UTF-16 offsets of `text`). */
export function detectPii(text: string): Span[] {
  return resolveOverlaps([
    ...detectEmails(text),
    ...detectNir(text),
    ...detectPhones(text),
    ...detectIds(text),
    ...detectDates(text),
    ...detectPlaces(text),
    ...detectNames(text),
  ]);
}

/** Number of code points in `text` between two UTF-16 offsets (an emoji counts once). */
function codePointLength(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < to) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

/**
 * Replaces the PII of a text with placeholders. Offsets in `pii` are code points in the
 * returned text, so that exports (REFI-QDA) can point into it exactly.
 */
export function pseudonymize(text: string): Pseudonymized {
  const spans = detectPii(text);
  if (spans.length === 0) return { text, pii: [] };
  const entities = new EntityIndex();
  const pii: PiiReplacement[] = [];
  const parts: string[] = [];
  let cursor = 0; // UTF-16 offset in the source
  let position = 0; // code points written so far
  for (const span of spans) {
    parts.push(text.slice(cursor, span.start));
    position += codePointLength(text, cursor, span.start);
    const placeholder = `[${span.type}_${entities.indexOf(span, text.slice(span.start, span.end))}]`;
    pii.push({ type: span.type, placeholder, start: position, end: position + placeholder.length });
    parts.push(placeholder);
    position += placeholder.length;
    cursor = span.end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), pii };
}

/** The record with its text pseudonymized and the replacements listed; the raw text is gone. */
export function deidentify(record: SourceRecord): DeidentifiedRecord {
  const { text, pii } = pseudonymize(record.text);
  return { ...record, text, pii };
}
