/**
 * Reads the canonical transcript text that ingest produces — one turn per paragraph,
 * `[HH:MM:SS] SPEAKER : text` or `SPEAKER : text` — into speaker turns. Lines without a label
 * continue the current turn; text before the first label is a turn with no speaker.
 */
import type { Role } from '../record.js';
import { normalizeRole } from './normalize-role.js';
import { isSpeakerLabel } from './speaker-label.js';
import type { TextSpan } from './text-span.js';

/** One speaker turn: who, when, and the content lines (labels and timestamps excluded). */
export interface Turn {
  /** The label as written ("IDE 3"), or null for text before the first label. */
  speaker: string | null;
  role: Role;
  /** `HH:MM:SS`, or null when the turn had no timestamp. */
  timestamp: string | null;
  /** Content of each paragraph of the turn, untrimmed, in UTF-16 units. */
  lines: TextSpan[];
}

const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
/**
 * A leading timestamp: `[00:12:31]`, `[12:31]`, `(00:12:31)`, or bare `00:12:31` (a bare
 * two-part time is not taken: "10:30" may be prose). An optional dash may follow it.
 */
const TIMESTAMP = new RegExp(
  String.raw`[ \t]*(?:\[(${CLOCK})\]|\((${CLOCK})\)|(\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?)(?![\d:]))[ \t]*(?:[-–—][ \t]+)?`,
  'y',
);
/** Text before the first colon of the line, when the colon is followed by a space or the line end. */
const LABEL = /[ \t]*([^\r\n:]{1,60}?)[ \t\u00a0\u202f]*:(?=[ \t\u00a0\u202f]|\r|\n|$)/y;
const LINE_REST = /[ \t\u00a0\u202f]*\r?(?=\n|$)/y;

/** Splits transcript text into turns, in order. `overrides` are `SegmentOptions.roleOverrides`. */
export function parseTurns(text: string, overrides: Readonly<Record<string, Role>>): Turn[] {
  const turns: Turn[] = [];
  let pendingTimestamp: string | null = null;
  for (let lineStart = 0; lineStart <= text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    // The turn that continuation lines extend: always the last one.
    const current = turns.at(-1);
    let contentStart = lineStart;
    let timestamp: string | null = null;

    TIMESTAMP.lastIndex = lineStart;
    const stamp = TIMESTAMP.exec(text);
    if (stamp !== null && stamp.index + stamp[0].length <= lineEnd) {
      timestamp = normalizeTimestamp(stamp[1] ?? stamp[2] ?? stamp[3] ?? '');
      contentStart = stamp.index + stamp[0].length;
    }

    LABEL.lastIndex = contentStart;
    const label = LABEL.exec(text);
    const candidate = label?.[1]?.trim() ?? '';
    if (label !== null && label.index + label[0].length <= lineEnd && isSpeakerLabel(candidate, overrides)) {
      turns.push({
        speaker: candidate,
        role: normalizeRole(candidate, overrides),
        timestamp: timestamp ?? pendingTimestamp,
        lines: [{ start: label.index + label[0].length, end: lineEnd }],
      });
      pendingTimestamp = null;
    } else if (timestamp !== null && isBlank(text, contentStart)) {
      // A timestamp on its own line dates the turn that follows.
      pendingTimestamp = timestamp;
    } else if (timestamp !== null || current === undefined) {
      // A new timestamp without a label: the same speaker goes on, at a new time.
      turns.push({
        speaker: current?.speaker ?? null,
        role: current?.role ?? 'Other',
        timestamp: timestamp ?? pendingTimestamp,
        lines: [{ start: contentStart, end: lineEnd }],
      });
      pendingTimestamp = null;
    } else {
      current.lines.push({ start: contentStart, end: lineEnd });
    }
    lineStart = lineEnd + 1;
  }
  return turns;
}

function isBlank(text: string, index: number): boolean {
  LINE_REST.lastIndex = index;
  return LINE_REST.test(text);
}

/** `12:31` → `00:12:31`, `1:02:03.500` → `01:02:03`: one sortable form, fractions dropped. */
function normalizeTimestamp(raw: string): string {
  const parts = (raw.split(/[.,]/)[0] ?? '').split(':');
  while (parts.length < 3) parts.unshift('0');
  return parts.map((part) => part.padStart(2, '0')).join(':');
}
