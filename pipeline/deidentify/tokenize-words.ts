import { fold } from './fold.js';

/** Letter case of a word, the main evidence for a name in French text. */
export type WordShape = 'capitalised' | 'upper' | 'lower';

/** A word of the text (letters, inner hyphens), with what the name detector asks about it. */
export interface WordToken {
  /** UTF-16 offsets in the text, `end` exclusive. */
  start: number;
  end: number;
  text: string;
  folded: string;
  shape: WordShape;
  /** First word of the text or of a sentence, line, or clause after `:`/`;`. */
  sentenceStart: boolean;
  /** Text between the previous word and this one ("" for the first word). */
  gapBefore: string;
}

// Apostrophes split words ("l'infirmière" → "l", "infirmière"); hyphens do not ("Jean-Luc").
// Names with an apostrophe before a capital stay whole: "N'Guyen", "O'Connor", "D'Souza".
const WORD = /(?:[NOD]['’](?=\p{Lu}))?\p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*/gu;
const SENTENCE_BREAK = /[.!?…\n:;]/;

function shapeOf(word: string): WordShape {
  const first = word.charAt(0);
  if (first === first.toLowerCase()) return 'lower';
  if (word.length > 1 && word === word.toUpperCase()) return 'upper';
  return 'capitalised';
}

/** Splits a text into word tokens; numbers, punctuation and emoji are left in the gaps. */
export function tokenizeWords(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const start = match.index;
    const gapBefore = text.slice(previousEnd, start);
    tokens.push({
      start,
      end: start + word.length,
      text: word,
      folded: fold(word),
      shape: shapeOf(word),
      sentenceStart: tokens.length === 0 || SENTENCE_BREAK.test(gapBefore),
      gapBefore,
    });
    previousEnd = start + word.length;
  }
  return tokens;
}
