/**
 * Cuts a range of text into sentences: at . ! ? … (with any closing quote or bracket) and at line
 * breaks, but not after titles and abbreviations ("Dr.", "M.", "Mme.", "etc."), not inside
 * decimals ("7.5", "7,5") and not at a mid-sentence hesitation ("c'était... long").
 */
import { type TextSpan, trimSpan } from './text-span.js';

// Module regexes are compiled once; `lastIndex` is set before every use, and all use is
// synchronous, so sharing them between calls is safe.
const SENTENCE_END = /[.!?…]+[»"”’)\]]*|\r?\n/gu;
const UPPERCASE = /\p{Lu}/u;
const LETTER = /\p{L}/u;
const WHITESPACE = /\s/;

/** Titles before a name: a period after them never ends a sentence ("M. [NOM_1]", "Dr. Morel"). */
const TITLES = new Set(['dr', 'm', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'pr', 'me', 'mgr', 'st', 'ste', 'vs']);

/** Abbreviations that can also end a sentence: they end one only before a capital ("etc. Le"). */
const ABBREVIATIONS = new Set(['etc', 'cf', 'ex', 'env', 'vol', 'tel', 'tél', 'av', 'bd', 'fig', 'approx', 'p']);

/** Splits `[span.start, span.end)` into trimmed, non-empty sentence spans, in order. */
export function splitSentences(text: string, span: TextSpan): TextSpan[] {
  const sentences: TextSpan[] = [];
  let sentenceStart = span.start;
  SENTENCE_END.lastIndex = span.start;
  for (let match = SENTENCE_END.exec(text); match !== null; match = SENTENCE_END.exec(text)) {
    const boundary = match.index + match[0].length;
    if (boundary > span.end) break;
    if (match[0].endsWith('\n') || endsSentence(text, match.index, match[0], span.end)) {
      pushTrimmed(text, sentences, sentenceStart, boundary);
      sentenceStart = boundary;
    }
  }
  pushTrimmed(text, sentences, sentenceStart, span.end);
  return sentences;
}

function pushTrimmed(text: string, out: TextSpan[], start: number, end: number): void {
  const trimmed = trimSpan(text, start, end);
  if (trimmed.end > trimmed.start) out.push(trimmed);
}

/** Decides whether the punctuation run `run` found at `index` ends a sentence. */
function endsSentence(text: string, index: number, run: string, limit: number): boolean {
  const after = index + run.length;
  if (after >= limit) return true;
  const spaced = WHITESPACE.test(text.charAt(after));
  let next = after;
  while (next < limit && WHITESPACE.test(text.charAt(next))) next++;
  if (next >= limit) return true;
  const nextIsUpper = UPPERCASE.test(text.charAt(next));

  if (run.includes('!') || run.includes('?')) return spaced || nextIsUpper;
  // "..." or "…" is often a hesitation inside a sentence; it ends one only before a capital.
  if (run.includes('…') || run.includes('..')) return nextIsUpper;

  const token = wordBefore(text, index);
  const lower = token.toLowerCase();
  // A single capital is an initial ("J. [NOM_1]") or "M." — never a sentence end.
  if (TITLES.has(lower) || (token.length === 1 && UPPERCASE.test(token))) return false;
  if (ABBREVIATIONS.has(lower)) return nextIsUpper;
  // "merci.Le personnel": a missing space is common in survey text, but "7.5" or "www.x" is no end.
  if (!spaced) return nextIsUpper && token.length >= 2;
  return true;
}

/** Letters immediately before `index` ("Dr" in "Dr."), or "" after a digit, bracket or space. */
function wordBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && LETTER.test(text.charAt(start - 1))) start--;
  return text.slice(start, index);
}
