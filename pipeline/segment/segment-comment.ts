/**
 * Cuts a comment (survey answer, complaint, letter) into remarks, because one cell often holds
 * several ("accueil parfait mais attente interminable ; chambre sale"), each with its own theme
 * and valence. Order of cuts: lines and list items, then sentences, then clauses.
 */
import type { CodePointIndex } from './code-point-index.js';
import { splitClauses } from './split-clauses.js';
import { splitLong } from './split-long.js';
import { splitSentences } from './split-sentences.js';
import { hasWordChar, type TextSpan } from './text-span.js';

/** A list marker at line start: "- ", "• ", "* ", "1. ", "2) ". */
const LIST_MARKER = /[ \t]*(?:[-–—•*·▪►✓➢]|\d{1,2}[.)])[ \t]+/y;
/** Items run together on one line: " - " after a marked line, "•" anywhere. */
const INLINE_ITEM_AFTER_MARKER = /\s+[-–—•*]\s+|•/g;
const INLINE_BULLET = /•/g;

/** Remark spans of a comment, in order, each at most `maxChars` code points. */
export function segmentComment(text: string, maxChars: number, index: CodePointIndex): TextSpan[] {
  const remarks: TextSpan[] = [];
  for (let lineStart = 0; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    for (const item of listItems(text, lineStart, lineEnd)) {
      for (const sentence of splitSentences(text, item)) {
        for (const clause of splitClauses(text, sentence)) addRemark(text, remarks, clause);
      }
    }
    lineStart = lineEnd + 1;
  }
  return remarks.flatMap((remark) =>
    index.lengthOf(remark.start, remark.end) > maxChars ? splitLong(text, remark, maxChars, index) : [remark],
  );
}

/**
 * Adds a remark; a piece with no letter or digit ("👍", ":)", "!!") joins the previous remark,
 * since alone it cannot be coded but it may carry valence.
 */
function addRemark(text: string, remarks: TextSpan[], piece: TextSpan): void {
  const previous = remarks.at(-1);
  if (previous !== undefined && !hasWordChar(text, piece.start, piece.end)) {
    previous.end = piece.end;
  } else if (previous !== undefined && !hasWordChar(text, previous.start, previous.end)) {
    previous.end = piece.end;
  } else {
    remarks.push({ ...piece });
  }
}

/** The items of one line: the whole line, or its list items when it is a list. */
function listItems(text: string, lineStart: number, lineEnd: number): TextSpan[] {
  LIST_MARKER.lastIndex = lineStart;
  const marker = LIST_MARKER.exec(text);
  const start = marker !== null && marker.index + marker[0].length <= lineEnd ? LIST_MARKER.lastIndex : lineStart;
  const separator = marker !== null ? INLINE_ITEM_AFTER_MARKER : INLINE_BULLET;
  const items: TextSpan[] = [];
  let itemStart = start;
  separator.lastIndex = start;
  for (let match = separator.exec(text); match !== null; match = separator.exec(text)) {
    if (match.index + match[0].length > lineEnd) break;
    items.push({ start: itemStart, end: match.index });
    itemStart = match.index + match[0].length;
  }
  items.push({ start: itemStart, end: lineEnd });
  return items;
}
