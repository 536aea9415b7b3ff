/**
 * Keeps segments under `maxSegmentChars`: a longer span is cut at the best boundary in the last two
 * thirds of the window — a sentence end, else a semicolon or colon, else a comma, else a dash, else
 * a space — so that no piece is cut mid-word unless one word fills the whole window.
 */
import type { CodePointIndex } from './code-point-index.js';
import { type TextSpan, trimSpan } from './text-span.js';

/**
 * Boundaries by preference. Group 1 is the text kept at the end of the left piece; the rest of
 * the match (whitespace) is dropped. A comma must be followed by a space, so "7,5" is never cut.
 */
const BOUNDARIES: readonly RegExp[] = [/([.!?…]+[»"”’)\]]*)\s/gu, /([;:])\s/gu, /(,)\s/gu, /()\s[-–—]\s/gu, /()\s/gu];

/** Cuts `span` into pieces of at most `maxChars` code points (trimmed, non-empty, in order). */
export function splitLong(text: string, span: TextSpan, maxChars: number, index: CodePointIndex): TextSpan[] {
  const pieces: TextSpan[] = [];
  let start = span.start;
  while (index.lengthOf(start, span.end) > maxChars) {
    const startCp = index.codePointAt(start);
    const limit = index.unitAt(startCp + maxChars);
    const floor = index.unitAt(startCp + Math.floor(maxChars / 3));
    const [leftEnd, rightStart] = findCut(text, floor, limit);
    const left = trimSpan(text, start, leftEnd);
    if (left.end > left.start) pieces.push(left);
    start = rightStart;
  }
  const rest = trimSpan(text, start, span.end);
  if (rest.end > rest.start) pieces.push(rest);
  return pieces;
}

/** Left end and right start of the last, best boundary in `[floor, limit]`; a hard cut at `limit` when none. */
function findCut(text: string, floor: number, limit: number): [number, number] {
  // One character past the limit, so that a boundary ending exactly at the limit is seen.
  const window = text.slice(floor, limit + 1);
  for (const boundary of BOUNDARIES) {
    boundary.lastIndex = 0;
    let best: RegExpExecArray | null = null;
    for (let match = boundary.exec(window); match !== null; match = boundary.exec(window)) {
      if (match.index + (match[1] ?? '').length > limit - floor) break;
      best = match;
    }
    if (best !== null) {
      const leftEnd = floor + best.index + (best[1] ?? '').length;
      return [leftEnd, floor + best.index + best[0].length];
    }
  }
  return [limit, limit];
}
